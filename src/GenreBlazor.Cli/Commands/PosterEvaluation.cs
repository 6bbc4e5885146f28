using System.Diagnostics;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Bundles;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary><c>evaluate --posters</c>: the poster model alone, or the fused model on movies that have both a plot and a poster.</summary>
internal static class PosterEvaluation
{
    public static int Run(IAnsiConsole console, FileInfo? data, FileInfo postersFile, DirectoryInfo modelDirectory, bool json, bool strict)
    {
        var clock = Stopwatch.StartNew();
        var bundle = ModelBundle.Load(modelDirectory.FullName);
        // Batch scoring: one intra-op thread per image, two images at a time, is faster on 2 cores (docs/decisions/0022).
        using var posterModel = PosterModel.Load(bundle, OnnxRuntimeOptions.Batch)
            ?? throw new InvalidOperationException($"The bundle at {modelDirectory.FullName} has no poster model: train it with --posters.");
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var posters = PosterCsvReader.Read(postersFile.FullName, strict);
        var skipped = posters.Skipped.Select(s => $"line {s.Line}: {s.Reason}").ToList();

        List<Movie>? movies = null;
        var rows = posters.Posters;
        if (data is not null)
        {
            var csv = MovieCsvReader.Read(data.FullName, strict);
            skipped.AddRange(csv.Skipped.Select(s => $"{data.Name} line {s.Line}: {s.Reason}"));
            var byImdb = posters.Posters.GroupBy(p => p.ImdbId).ToDictionary(g => g.Key, g => g.First());
            var joint = csv.Movies.Where(m => m.ImdbId.Length > 0 && byImdb.ContainsKey(m.ImdbId)).ToList();
            movies = joint;
            rows = joint.Select(m => byImdb[m.ImdbId]).ToList();
            if (bundle.Fusion is null || bundle.Manifest.Fusion is null)
            {
                throw new InvalidOperationException($"The bundle at {modelDirectory.FullName} has no fusion model: train it with --posters.");
            }
        }
        if (rows.Count == 0)
        {
            throw new InvalidDataException(data is null ? $"{postersFile.FullName} holds no usable row." : $"No row of {data.FullName} has a poster in {postersFile.FullName}.");
        }

        clock.Restart();
        var posterScores = new float[]?[rows.Count];
        var problems = new string?[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            try
            {
                posterScores[i] = posterModel.Probabilities(File.ReadAllBytes(rows[i].File));
            }
            catch (Exception e) when (e is ImageDecodeException or IOException)
            {
                problems[i] = $"{rows[i].File}: {e.Message}";
            }
        });
        var kept = Enumerable.Range(0, rows.Count).Where(i => posterScores[i] is not null).ToList();
        skipped.AddRange(problems.Where(p => p is not null)!);
        float[][]? textScores = movies is null ? null : bundle.Text.ScoreMany(kept.Select(i => movies[i].Overview).ToList());
        var seconds = clock.Elapsed.TotalSeconds;
        if (skipped.Count > 0)
        {
            console.MarkupLine($"[yellow]Skipped {skipped.Count} row(s)[/]: " + Markup.Escape(string.Join("; ", skipped.Take(5))) + (skipped.Count > 5 ? "; …" : ""));
        }

        var truth = kept.Select(i => movies is null ? rows[i].Genres : movies[i].Genres).ToList();
        var posterOnly = MetricsReport.From(MultiLabelMetrics.Compute(truth, kept.Select(i => posterScores[i]!).ToList(), posterModel.Thresholds));
        var source = data?.FullName ?? postersFile.FullName;
        var rate = kept.Count / seconds;
        EvaluationReport report;
        if (textScores is null)
        {
            report = EvaluationReport.From(bundle.Manifest.Version, source, skipped.Count, posterOnly, rate, seconds, loadSeconds, "poster");
        }
        else
        {
            var fused = kept.Select((i, k) => bundle.Fusion!.Probabilities(textScores[k], posterScores[i]!)).ToList();
            var fusedMetrics = MetricsReport.From(MultiLabelMetrics.Compute(truth, fused, bundle.Manifest.Fusion!.Thresholds));
            var textOnly = MetricsReport.From(MultiLabelMetrics.Compute(truth, textScores, bundle.TextThresholds));
            report = EvaluationReport.From(bundle.Manifest.Version, source, skipped.Count, fusedMetrics, rate, seconds, loadSeconds, "fused") with
            {
                Text = EvaluationReport.From(bundle.Manifest.Version, source, skipped.Count, textOnly, rate, seconds, loadSeconds, "text"),
                Poster = EvaluationReport.From(bundle.Manifest.Version, source, skipped.Count, posterOnly, rate, seconds, loadSeconds, "poster"),
            };
        }
        EvaluateCommand.Write(console, report, json);
        return 0;
    }
}
