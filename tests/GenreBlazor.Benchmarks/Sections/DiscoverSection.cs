using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Discovery.Similarity;
using GenreBlazor.Web.Discovering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// Discovery over the committed catalog DNA: "movies like this" for a plot (its embedding, its genre probabilities
/// and the blend over every movie; target ≤ 50 ms p50) and semantic search with the query's embedding (≤ 20 ms).
/// </summary>
public sealed class DiscoverSection : IBenchmarkSection
{
    private const int Samples = 200;
    private static readonly WarmUp Short = new(20, TimeSpan.FromSeconds(1));

    public string Name => "discover";

    public string Title => "similar movies and semantic search over the catalog DNA";

    public void Run(BenchmarkContext context, SectionResult result)
    {
        if (context.BundleProblem is { } problem)
        {
            result.Skip("every figure", problem);
            return;
        }
        using var host = new DiscoveryHost(Options.Create(new DiscoveryOptions()), NullLogger<DiscoveryHost>.Instance);
        if (host.Similar is not { } similar || host.Search is not { } search)
        {
            result.Skip("every figure", host.Problem ?? "discovery is off");
            return;
        }
        var text = context.App.Models.Current.Bundle.Text;
        var plots = context.App.Models.Current.Workspace.Items.Select(m => m.Overview).ToArray();
        string[] queries = ["a heist in space", "courtroom drama in the fifties", "a haunted house", "two friends on a road trip", "an alien invasion"];

        BenchmarkContext.Log($"discover: similar movies for {Samples} test plots over {host.Catalog!.Count:N0} movies…");
        // Wall time on a shared machine is mostly waiting for a core; the process's CPU time per call says what a
        // call costs, and the parts below say where it goes.
        var (like, likeCpu) = Measured(i =>
        {
            var plot = plots[i % plots.Length];
            similar.Find(new MovieQuery(host.Embedder.Embed(plot), null, [.. text.Score(plot).Probabilities]));
        });
        result.Add("similar for a plot (embedding + text model + blend) p50", like.Median, "ms", Target.AtMost(50));
        result.Add("similar for a plot p99", like.Percentile(99), "ms");
        result.Add("similar for a plot, CPU per call", likeCpu, "ms");
        var (embedded, embeddedCpu) = Measured(i => host.Embedder.Embed(plots[i % plots.Length]));
        result.Add("of which the plot embedding p50", embedded.Median, "ms");
        result.Add("of which the plot embedding, CPU per call", embeddedCpu, "ms");
        var probabilities = text.Score(plots[0]).Probabilities.ToArray();
        var plotVector = host.Embedder.Embed(plots[0]);
        var (blend, blendCpu) = Measured(_ => similar.Find(new MovieQuery(plotVector, null, probabilities)));
        result.Add("of which the blend over every movie and top 10 p50", blend.Median, "ms");
        result.Add("of which the blend, CPU per call", blendCpu, "ms");
        var (searched, searchedCpu) = Measured(i => search.Search(queries[i % queries.Length], SearchFilter.None, 10));
        result.Add("search (query embedding + cosine over every plot) p50", searched.Median, "ms", Target.AtMost(20));
        result.Add("search p99", searched.Percentile(99), "ms");
        result.Add("search, CPU per call", searchedCpu, "ms");
        var vector = host.Embedder.Embed(queries[0]);
        var (scan, scanCpu) = Measured(_ => search.Nearest(vector, SearchFilter.None, 10, -1, null));
        result.Add("of which the brute-force scan p50", scan.Median, "ms");
        result.Add("of which the scan, CPU per call", scanCpu, "ms");
        result.Note("CPU per call: the process's CPU time over the timed calls (every thread, ONNX Runtime's included) divided by their number.");
        result.Note($"{host.Catalog.Count:N0} movies × {host.Catalog.PlotWidth} dimensions ({host.Catalog.Embedder}); one call at a time after a short warm-up.");
    }

    private static (LatencySamples Wall, double CpuMilliseconds) Measured(Action<int> call)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = TimeSpan.Zero;
        var calls = 0;
        var wall = LatencySampler.Measure(Samples, Short, i =>
        {
            if (i == 0)
            {
                // The timed calls start again from index 0: the warm-up's CPU is not theirs.
                (cpu, calls) = (TimeSpan.Zero, 0);
            }
            calls++;
            process.Refresh();
            var before = process.TotalProcessorTime;
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            call(i);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            process.Refresh();
            cpu += process.TotalProcessorTime - before;
            return elapsed;
        });
        return (wall, cpu.TotalMilliseconds / calls);
    }
}
