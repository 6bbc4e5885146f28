using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GenreBlazor.Core.Data;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Themes;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>themes --data CSV --dna FILE --out FILE</c>: clusters the catalog's plot vectors for a few k, keeps the k of the best
/// mean silhouette, names each cluster by its c-TF-IDF top words and writes the themes for the app (decision 0074).
/// </summary>
internal static class ThemesCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var dna = EvaluatePicksCommand.Dna();
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the themes (default: models/discovery/themes.json).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(RepositoryPaths.Root, "models", "discovery", "themes.json")),
        };
        var ks = new Option<int[]>("--k")
        {
            Description = $"Numbers of themes to try (default: {string.Join(" ", ThemeModel.DefaultKs)}).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. ThemeModel.DefaultKs],
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the clustering and the silhouette sample (default 12).", DefaultValueFactory = _ => 12 };
        var command = new Command("themes", "Cluster the catalog's plot vectors into themes named by their c-TF-IDF top words and write them for the app.")
        {
            data, dna, output, ks, seed,
        };
        command.SetAction(result =>
        {
            var console = CommonOptions.ConsoleFor(json: false);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(dna)!, result.GetValue(output)!,
                result.GetValue(ks)!, result.GetValue(seed)));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, FileInfo data, FileInfo dna, FileInfo output, int[] ks, int seed)
    {
        var catalog = DnaFile.Read(dna.FullName);
        var overviews = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var movie in MovieCsvReader.Read(data.FullName).Movies)
        {
            overviews.TryAdd(movie.Id, movie.Overview);
        }
        var named = catalog.Movies.Count(m => overviews.ContainsKey(m.Id));
        if (named == 0)
        {
            throw new ArgumentException($"No movie of {data.FullName} is in the DNA {dna.FullName}: build the DNA from the same CSV (genreblazor dna).");
        }
        var clock = Stopwatch.StartNew();
        var model = ThemeModel.Build(catalog, overviews, ks, seed);
        model.Write(output.FullName);
        console.MarkupLine($"k = {model.K} of {string.Join(", ", ks.Order())} by mean silhouette on {model.SilhouetteSample} movies (" +
            string.Join(", ", model.SilhouetteByK.Select(p => $"{p.Key}: {p.Value.ToString("F4", CultureInfo.InvariantCulture)}")) +
            $") over {catalog.Count} movies ({named} with a plot) in {clock.Elapsed.TotalSeconds:F0} s.");
        var table = new Table().AddColumns("theme", "movies", "genre mix", "closest to the centre");
        foreach (var theme in model.Themes)
        {
            table.AddRow(Markup.Escape(theme.Name), theme.Size.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", theme.Genres.Take(3).Select(g => $"{g.Genre} {g.Share:P0}"))),
                Markup.Escape(string.Join("; ", theme.Examples.Take(2).Select(e => e.Title))));
        }
        console.Write(table);
        console.MarkupLine($"Wrote {Markup.Escape(output.FullName)} ({new FileInfo(output.FullName).Length / 1024.0:F0} KiB).");
        return 0;
    }
}
