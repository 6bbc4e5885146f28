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
    IReadOnlyDictionary<string, GenreReport> PerGenre,
    string Model = "text",
    EvaluationReport? Text = null,
    EvaluationReport? Poster = null)
{
    public static EvaluationReport From(string version, string data, int skipped, MetricsReport metrics, double itemsPerSecond, double scoringSeconds, double loadSeconds,
        string model = "text") =>
        new(version, data, metrics.Count, skipped, metrics.MicroF1, metrics.MacroF1, metrics.SamplesF1, metrics.Top3HitRate, metrics.MicroPrecision,
            metrics.MicroRecall, metrics.AveragePredictedGenres, metrics.AverageTrueGenres, Math.Round(itemsPerSecond), Math.Round(scoringSeconds, 4),
            Math.Round(loadSeconds, 4), metrics.PerGenre, model);
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
        var posters = new Option<FileInfo?>("--posters")
        {
            Description = "Posters CSV (images relative to its folder). Alone: score the poster model. With --data: score the rows that have both with the fused model, and each model alone on the same rows.",
        };
        var command = new Command("evaluate", "Score every row of a CSV with a model bundle and report multi-label figures.") { data, model, json, strict, posters };
        command.SetAction(result =>
        {
            var asJson = result.GetValue(json);
            var console = CommonOptions.ConsoleFor(asJson);
            var dataGiven = result.GetResult(data) is { Implicit: false };
            return CommonOptions.Guard(console, () => result.GetValue(posters) is { } postersFile
                ? PosterEvaluation.Run(console, dataGiven ? result.GetValue(data) : null, postersFile, result.GetValue(model)!, asJson, result.GetValue(strict))
                : Run(console, result.GetValue(data)!, result.GetValue(model)!, asJson, result.GetValue(strict)));
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
        Write(console, report, json);
        return 0;
    }

    private static readonly JsonSerializerOptions ReportJson = new(ModelBundle.Json)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    internal static void Write(IAnsiConsole console, EvaluationReport report, bool json)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, ReportJson));
            return;
        }
        WriteTable(console, report);
        foreach (var (name, alone) in new[] { ("text model alone", report.Text), ("poster model alone", report.Poster) })
        {
            if (alone is not null)
            {
                console.MarkupLine($"Same rows, {name}: micro-F1 [bold]{alone.MicroF1:F4}[/]  macro-F1 [bold]{alone.MacroF1:F4}[/]  samples-F1 {alone.SamplesF1:F4}  top-3 hit {alone.Top3HitRate:F4}");
            }
        }
    }

    internal static void WriteTable(IAnsiConsole console, EvaluationReport report)
    {
        console.MarkupLine($"Model {Markup.Escape(report.ModelVersion)} ({report.Model}) on {Markup.Escape(report.Data)}: {report.Count:N0} items" +
            (report.Skipped > 0 ? $" ({report.Skipped} rows skipped)" : "") + $", {report.ItemsPerSecond:N0} items/s");
        var table = new Table().AddColumns("Genre", "Precision", "Recall", "F1", "Support");
        foreach (var (genre, figures) in report.PerGenre)
        {
            table.AddRow(Markup.Escape(genre), $"{figures.Precision:F3}", $"{figures.Recall:F3}", $"{figures.F1:F3}", $"{figures.Support}");
        }
        console.Write(table);
        console.MarkupLine($"micro-F1 [bold]{report.MicroF1:F4}[/]  macro-F1 [bold]{report.MacroF1:F4}[/]  samples-F1 [bold]{report.SamplesF1:F4}[/]  top-3 hit [bold]{report.Top3HitRate:F4}[/]");
    }
}
