using System.CommandLine;
using System.Diagnostics;
using GenreBlazor.Core.Data;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Posters;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary><c>dna</c>: embeds every catalog plot (and poster) and writes the catalog DNA the app's discovery serves.</summary>
internal static class DnaCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var posters = new Option<FileInfo?>("--posters") { Description = "Posters CSV (schema of ../shared/data/posters.csv), matched by IMDb id (default: that file when present)." };
        var noPosters = new Option<bool>("--no-posters") { Description = "Plot vectors only." };
        var embedder = Embedder();
        var output = new Option<FileInfo>("--out")
        {
            Description = "DNA file to write (default: models/discovery/dna.bin).",
            DefaultValueFactory = _ => new FileInfo(RepositoryPaths.DefaultDna),
        };
        var command = new Command("dna", "Embed every catalog plot and poster (cached in .cache/) and write the catalog DNA.") { data, posters, noPosters, embedder, output };
        command.SetAction(result =>
        {
            var console = CommonOptions.ConsoleFor(json: false);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(noPosters) ? null : result.GetValue(posters) ?? DefaultPosters(),
                result.GetValue(embedder)!, result.GetValue(output)!));
        });
        return command;
    }

    public static Option<string> Embedder() => new("--embedder")
    {
        Description = $"Plot embedder: {string.Join(" or ", PlotEmbedder.Names)} (default: {PlotEmbedder.Default}).",
        DefaultValueFactory = _ => PlotEmbedder.Default,
    };

    private static FileInfo? DefaultPosters()
    {
        var file = new FileInfo(Path.Combine(Path.GetDirectoryName(RepositoryPaths.DefaultMovies)!, "posters.csv"));
        return file.Exists ? file : null;
    }

    private static int Run(IAnsiConsole console, FileInfo data, FileInfo? postersFile, string embedderName, FileInfo output)
    {
        var csv = MovieCsvReader.Read(data.FullName);
        console.MarkupLine($"Read [bold]{csv.Movies.Count:N0}[/] movies from {Markup.Escape(data.FullName)}");
        var watch = Stopwatch.StartNew();
        var plots = EmbedPlots(console, embedderName, csv.Movies.Select(m => m.Overview).ToList(), out var embedded);
        var plotSeconds = watch.Elapsed.TotalSeconds;

        Dictionary<string, float[]>? posterVectors = null;
        if (postersFile is not null)
        {
            posterVectors = PosterVectors(console, postersFile, csv.Movies.Select(m => m.ImdbId).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal));
        }
        var catalog = DnaBuilder.Build(embedderName, csv.Movies, plots, posterVectors);
        DnaFile.Write(catalog, output.FullName);
        console.MarkupLine($"Embedded {embedded:N0} new plots with {Markup.Escape(embedderName)} in {plotSeconds:F1} s" +
            (embedded > 0 ? $" ({plotSeconds * 1000 / embedded:F1} ms a plot)" : " (all cached)") +
            $"; {catalog.PostersHeld:N0} movies with a poster; wrote {Markup.Escape(output.FullName)} ({output.Length / 1e6:F1} MB).");
        return 0;
    }

    /// <summary>Every plot's vector through the embedding cache, with a progress bar; <paramref name="embedded"/> counts the new ones.</summary>
    public static float[][] EmbedPlots(IAnsiConsole console, string embedderName, IReadOnlyList<string> plots, out int embedded)
    {
        using var embedder = PlotEmbedder.Open(embedderName, intraOpThreads: 1);
        var cache = EmbeddingCache.Open(EmbeddingCache.DefaultPath(Path.Combine(RepositoryPaths.Cache, "dna"), embedderName), embedder.Dimensions);
        var before = cache.Count;
        float[][] vectors = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"Plots ({embedderName})", maxValue: Math.Max(plots.Count, 1));
                vectors = CachedEmbedding.Embed(embedder, cache, plots, new SynchronousProgress(done => task.Value = done));
                task.Value = task.MaxValue;
            });
        embedded = cache.Count - before;
        return vectors;
    }

    private static Dictionary<string, float[]> PosterVectors(IAnsiConsole console, FileInfo postersFile, HashSet<string> wanted)
    {
        var posters = PosterCsvReader.Read(postersFile.FullName).Posters.Where(p => wanted.Contains(p.ImdbId)).ToList();
        var backbone = ResNet18Backbone.Open(OnnxRuntimeOptions.Batch);
        using var extractor = new PosterFeatureExtractor(backbone, PosterDna.Recipe, ownsBackbone: true);
        var cache = PosterFeatureCache.Open(PosterFeatureCache.DefaultPath(Path.Combine(RepositoryPaths.Cache, "features"), extractor.CropVersion), extractor.CropVersion, backbone.Width);
        PosterBatchReport report = null!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Posters", maxValue: Math.Max(posters.Count, 1));
                report = new PosterBatchExtraction(extractor, cache).Run(posters.Select(p => p.File).ToList(), new SynchronousProgress(done => task.Value = done));
                task.Value = task.MaxValue;
            });
        if (report.Computed > 0)
        {
            cache.Save();
        }
        console.MarkupLine($"Posters: {report.CacheHits:N0} from the cache, {report.Computed:N0} computed, {report.Failed:N0} unreadable.");
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < posters.Count; i++)
        {
            if (report.Results[i].Features is { } features)
            {
                vectors.TryAdd(posters[i].ImdbId, PosterDna.From(features));
            }
        }
        return vectors;
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
