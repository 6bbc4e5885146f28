using System.CommandLine;
using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary><c>predict [--model DIR] "plot"</c>: the top 3 and every genre's probability for one plot.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var plot = new Argument<string>("plot") { Description = "The plot summary (quote it)." };
        var model = CommonOptions.Model();
        var json = CommonOptions.Json();
        var command = new Command("predict", "Print the top 3 genres and every genre's probability for a plot.") { plot, model, json };
        command.SetAction(result =>
        {
            var asJson = result.GetValue(json);
            var console = CommonOptions.ConsoleFor(asJson);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(plot)!, result.GetValue(model)!, asJson));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, string plot, DirectoryInfo modelDirectory, bool json)
    {
        if (string.IsNullOrWhiteSpace(plot))
        {
            throw new ArgumentException("The plot is empty: pass the plot summary as one quoted argument.");
        }
        var bundle = ModelBundle.Load(modelDirectory.FullName);
        var scores = bundle.Text.Score(plot);
        var top = scores.Top(3);
        var predicted = scores.Decide(bundle.TextThresholds);
        if (json)
        {
            var genres = Enumerable.Range(0, GenreCatalog.Count).Select(l => new
            {
                genre = GenreCatalog.All[l],
                probability = Math.Round(scores[l], 4),
                threshold = Math.Round(bundle.TextThresholds[l], 4),
                predicted = predicted.Contains(l),
            });
            Console.Out.WriteLine(JsonSerializer.Serialize(new { modelVersion = bundle.Manifest.Version, top3 = top.Select(l => GenreCatalog.All[l]), genres }, ModelBundle.Json));
            return 0;
        }
        console.MarkupLine("Top 3: " + string.Join(", ", top.Select(l => $"[bold]{Markup.Escape(GenreCatalog.All[l])}[/] ({scores[l]:P0})")));
        console.MarkupLine("Predicted at the tuned thresholds: " + (predicted.Count == 0 ? "none" : Markup.Escape(string.Join(", ", predicted.Names()))));
        var table = new Table().AddColumns("Genre", "Probability", "Threshold", "Predicted");
        foreach (var label in Enumerable.Range(0, GenreCatalog.Count).OrderByDescending(l => scores[l]))
        {
            table.AddRow(Markup.Escape(GenreCatalog.All[label]), $"{scores[label]:P1}", $"{bundle.TextThresholds[label]:P1}", predicted.Contains(label) ? "yes" : "");
        }
        console.Write(table);
        return 0;
    }
}
