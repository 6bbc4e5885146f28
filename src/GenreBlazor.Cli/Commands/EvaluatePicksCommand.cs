using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Taste;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>evaluate-picks --data FOLDER</c>: the taste vector's recommendations against MovieLens users' later likes,
/// hit-rate@10 and nDCG@10 beside most-popular and random, for each half-life (decision 0072).
/// </summary>
internal static class EvaluatePicksCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<DirectoryInfo> MovieLensData() => new("--data")
    {
        Description = "MovieLens ml-latest-small folder (ratings.csv, links.csv; default: ../shared/data/movielens).",
        DefaultValueFactory = _ => new DirectoryInfo(RepositoryPaths.DefaultMovieLens),
    };

    public static Option<FileInfo> Dna() => new("--dna")
    {
        Description = "Catalog DNA (default: models/discovery/dna.bin).",
        DefaultValueFactory = _ => new FileInfo(RepositoryPaths.DefaultDna),
    };

    public static Command Create()
    {
        var data = MovieLensData();
        var dna = Dna();
        var halfLives = new Option<string[]>("--half-life")
        {
            Description = "Half-lives in days to measure, 'none' for no decay (default: none 30 180 365 1000).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["none", "30", "180", "365", "1000"],
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the validation split and the random baseline (default 12).", DefaultValueFactory = _ => 12 };
        var json = CommonOptions.Json();
        var command = new Command("evaluate-picks", "Measure 'your picks' on MovieLens: hit-rate@10 and nDCG@10 of the taste vector, most-popular and random, per half-life.")
        {
            data, dna, halfLives, seed, json,
        };
        command.SetAction(result =>
        {
            var asJson = result.GetValue(json);
            var console = CommonOptions.ConsoleFor(asJson);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(dna)!, ParseHalfLives(result.GetValue(halfLives)!),
                result.GetValue(seed), asJson));
        });
        return command;
    }

    public static List<double?> ParseHalfLives(IEnumerable<string> values)
    {
        var parsed = new List<double?>();
        foreach (var value in values)
        {
            if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                parsed.Add(null);
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days > 0 && double.IsFinite(days))
            {
                parsed.Add(days);
            }
            else
            {
                throw new ArgumentException($"--half-life takes days > 0 or 'none'; got '{value}'.");
            }
        }
        return parsed.Count > 0 ? parsed : throw new ArgumentException("--half-life needs at least one value.");
    }

    private static int Run(IAnsiConsole console, DirectoryInfo data, FileInfo dna, List<double?> halfLives, int seed, bool json)
    {
        var catalog = DnaFile.Read(dna.FullName);
        var ratings = MovieLens.Read(data.FullName, catalog);
        console.MarkupLine($"{ratings.RatingsRead:N0} ratings by {ratings.UsersRead:N0} users; {ratings.MoviesLinked:N0} MovieLens movies are in the catalog ({ratings.Ratings.Count:N0} ratings).");
        var report = PicksEvaluation.Run(catalog, ratings, halfLives, seed);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                data = data.FullName,
                dna = dna.FullName,
                k = PicksEvaluation.K,
                ratingsRead = report.RatingsRead,
                ratingsInCatalog = report.RatingsInCatalog,
                usersRead = report.UsersRead,
                usersEvaluated = report.UsersEvaluated,
                validationUsers = report.ValidationUsers,
                reportedUsers = report.ReportedUsers,
                candidates = report.Candidates,
                seed = report.Seed,
                reported = Rows(report.Reported),
                validation = Rows(report.Validation),
            }, Indented));
            return 0;
        }
        console.MarkupLine($"{report.UsersEvaluated} users with two or more liked catalog movies: {report.ValidationUsers} choose the blend's weight, " +
            $"{report.ReportedUsers} are reported; {report.Candidates:N0} candidate movies; seed {report.Seed}.");
        var table = new Table().AddColumns("method", "half-life (days)", "popularity weight", "hit-rate@10", "nDCG@10");
        foreach (var f in report.Reported)
        {
            table.AddRow(Markup.Escape(f.Method), f.Method.StartsWith("taste", StringComparison.Ordinal) ? f.HalfLifeDays?.ToString(CultureInfo.InvariantCulture) ?? "none" : "",
                f.Method.StartsWith("taste", StringComparison.Ordinal) ? f.PopularityWeight.ToString(CultureInfo.InvariantCulture) : "", f.HitRate.ToString("F4", CultureInfo.InvariantCulture),
                f.Ndcg.ToString("F4", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        return 0;
    }

    private static IEnumerable<object> Rows(IEnumerable<PicksFigures> figures) => figures.Select(f => new
    {
        method = f.Method,
        halfLifeDays = f.HalfLifeDays,
        popularityWeight = f.PopularityWeight,
        hitRateAt10 = Math.Round(f.HitRate, 4),
        ndcgAt10 = Math.Round(f.Ndcg, 4),
    });
}
