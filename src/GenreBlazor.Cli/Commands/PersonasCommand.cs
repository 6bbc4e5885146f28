using System.CommandLine;
using System.Globalization;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Taste;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>personas --data FOLDER --out FILE</c>: clusters MovieLens viewers' taste vectors into named personas and writes
/// them, with the popularity prior and the blend weight <c>evaluate-picks</c> chooses, for the app (decisions 0072–0073).
/// </summary>
internal static class PersonasCommand
{
    public const double DefaultHalfLifeDays = 365;

    public static Command Create()
    {
        var data = EvaluatePicksCommand.MovieLensData();
        var dna = EvaluatePicksCommand.Dna();
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the personas (default: models/discovery/personas.json).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(RepositoryPaths.Root, "models", "discovery", "personas.json")),
        };
        var halfLife = new Option<string>("--half-life") { Description = "Half-life in days of the viewers' tastes, or 'none' (default 365).", DefaultValueFactory = _ => "365" };
        var seed = new Option<int>("--seed") { Description = "Seed of the clustering and the validation split (default 12).", DefaultValueFactory = _ => 12 };
        var command = new Command("personas", "Cluster MovieLens viewers' tastes into named personas and write them with the popularity prior for the app's picks.")
        {
            data, dna, output, halfLife, seed,
        };
        command.SetAction(result =>
        {
            var console = CommonOptions.ConsoleFor(json: false);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(dna)!, result.GetValue(output)!,
                EvaluatePicksCommand.ParseHalfLives([result.GetValue(halfLife)!])[0], result.GetValue(seed)));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, DirectoryInfo data, FileInfo dna, FileInfo output, double? halfLife, int seed)
    {
        var catalog = DnaFile.Read(dna.FullName);
        var ratings = MovieLens.Read(data.FullName, catalog);
        var picks = PicksEvaluation.Run(catalog, ratings, [halfLife], seed);
        var blend = picks.Reported.Single(f => f.Method == "taste + popularity");
        console.MarkupLine($"Popularity weight {blend.PopularityWeight.ToString(CultureInfo.InvariantCulture)} (chosen on {picks.ValidationUsers} validation viewers; hit-rate@10 {blend.HitRate:F4} on the other {picks.ReportedUsers}).");
        var source = "MovieLens ml-latest-small: " + (MovieLens.Citation(data.FullName) ?? "GroupLens Research");
        var model = PersonaModel.Build(catalog, ratings, halfLife, blend.PopularityWeight, seed, source);
        model.Write(output.FullName);
        console.MarkupLine($"k = {model.K} of {PersonaModel.MinK}–{PersonaModel.MaxK} by mean silhouette (" +
            string.Join(", ", model.SilhouetteByK.Select(p => $"{p.Key}: {p.Value.ToString("F4", CultureInfo.InvariantCulture)}")) + $") over {model.Users} viewers.");
        var table = new Table().AddColumns("persona", "viewers", "genre mix (share, × all viewers)");
        foreach (var persona in model.Personas)
        {
            table.AddRow(Markup.Escape(persona.Name), persona.Size.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", persona.Genres.Take(3).Select(g => $"{g.Genre} {g.Share:P0} ×{g.Lift.ToString("F2", CultureInfo.InvariantCulture)}"))));
        }
        console.Write(table);
        console.MarkupLine($"Wrote {Markup.Escape(output.FullName)} ({new FileInfo(output.FullName).Length / 1024.0:F0} KiB).");
        return 0;
    }
}
