using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Metrics;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>One evaluation, as printed by <c>evaluate --json</c>.</summary>
internal sealed record EvaluationReport(
    string ModelVersion,
    string Data,
    int Count,
    int Skipped,
    double MicroF1,
    double MacroF1,
    double SamplesF1,
    double Top3HitRate,
    double MicroPrecision,
    double MicroRecall,
    double AveragePredictedGenres,
    double AverageTrueGenres,
    double ItemsPerSecond,
    double ScoringSeconds,
    double LoadSeconds,
    IReadOnlyDictionary<string, GenreReport> PerGenre)
{
    public static EvaluationReport From(string version, string data, int skipped, MetricsReport metrics, double itemsPerSecond, double scoringSeconds, double loadSeconds) =>
        new(version, data, metrics.Count, skipped, metrics.MicroF1, metrics.MacroF1, metrics.SamplesF1, metrics.Top3HitRate, metrics.MicroPrecision,
            metrics.MicroRecall, metrics.AveragePredictedGenres, metrics.AverageTrueGenres, Math.Round(itemsPerSecond), Math.Round(scoringSeconds, 4),
            Math.Round(loadSeconds, 4), metrics.PerGenre);
}

/// <summary><c>evaluate --data CSV [--model DIR] [--json]</c>: scores every row at the bundle's tuned thresholds.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var model = CommonOptions.Model();
        var json = CommonOptions.Json();
        var strict = CommonOptions.Strict();
        var command = new Command("evaluate", "Score every row of a movies CSV with a model bundle and report multi-label figures.") { data, model, json, strict };
        command.SetAction(result =>
        {
            var asJson = result.GetValue(json);
            var console = CommonOptions.ConsoleFor(asJson);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(model)!, asJson, result.GetValue(strict)));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, FileInfo data, DirectoryInfo modelDirectory, bool json, bool strict)
    {
        var clock = Stopwatch.StartNew();
        var bundle = ModelBundle.Load(modelDirectory.FullName);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var csv = MovieCsvReader.Read(data.FullName, strict);
        if (csv.Skipped.Count > 0)
        {
            console.MarkupLine($"[yellow]Skipped {csv.Skipped.Count} malformed row(s)[/]: " +
                Markup.Escape(string.Join("; ", csv.Skipped.Take(5).Select(s => $"line {s.Line}: {s.Reason}"))) + (csv.Skipped.Count > 5 ? "; …" : ""));
        }
        if (csv.Movies.Count == 0)
        {
            throw new InvalidDataException($"{data.FullName} holds no usable row.");
        }
        var plots = csv.Movies.Select(m => m.Overview).ToList();

        // Warm up (JIT, buffers) on a few rows so the throughput is that of a running service.
        bundle.Text.ScoreMany(plots.Take(256).ToList());
        clock.Restart();
        var scores = bundle.Text.ScoreMany(plots);
        var scoringSeconds = clock.Elapsed.TotalSeconds;

        var metrics = MetricsReport.From(MultiLabelMetrics.Compute(csv.Movies.Select(m => m.Genres).ToList(), scores, bundle.TextThresholds));
        var report = EvaluationReport.From(bundle.Manifest.Version, data.FullName, csv.Skipped.Count, metrics, plots.Count / scoringSeconds, scoringSeconds, loadSeconds);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, ModelBundle.Json));
        }
        else
        {
            WriteTable(console, report);
        }
        return 0;
    }

    internal static void WriteTable(IAnsiConsole console, EvaluationReport report)
    {
        console.MarkupLine($"Model {Markup.Escape(report.ModelVersion)} on {Markup.Escape(report.Data)}: {report.Count:N0} movies" +
            (report.Skipped > 0 ? $" ({report.Skipped} rows skipped)" : "") + $", {report.ItemsPerSecond:N0} plots/s");
        var table = new Table().AddColumns("Genre", "Precision", "Recall", "F1", "Support");
        foreach (var (genre, figures) in report.PerGenre)
        {
            table.AddRow(Markup.Escape(genre), $"{figures.Precision:F3}", $"{figures.Recall:F3}", $"{figures.F1:F3}", $"{figures.Support}");
        }
        console.Write(table);
        console.MarkupLine($"micro-F1 [bold]{report.MicroF1:F4}[/]  macro-F1 [bold]{report.MacroF1:F4}[/]  samples-F1 [bold]{report.SamplesF1:F4}[/]  top-3 hit [bold]{report.Top3HitRate:F4}[/]");
    }
}
