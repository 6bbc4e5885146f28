using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.OnnxRuntime;
using GenreBlazor.Vision.Bundles;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// Posters: inference per image with decoding, as a lone request is served (2 intra-op threads; target ≤ 40 ms p50),
/// and feature extraction throughput for training (1 intra-op thread × 2 images at once, no cache), measured on a
/// sample and extrapolated to every shared poster (target ≤ 5 minutes).
/// </summary>
public sealed class PosterSection : IBenchmarkSection
{
    private const int InferencePosters = 50;
    private const int InferencePasses = 3;
    private const int ExtractionSample = 300;
    private const int ExtractionWarmUp = 8;

    /// <inheritdoc />
    public string Name => "poster";

    /// <inheritdoc />
    public string Title => "poster inference per image (decode included) and feature extraction throughput";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        if ((context.BundleProblem ?? BenchmarkContext.DataProblem(context.PostersCsv)) is { } problem)
        {
            result.Skip("every figure", problem);
            return;
        }
        var bundle = context.Bundle;
        if (bundle.Manifest.Poster is not { } component)
        {
            result.Skip("every figure", $"the bundle {bundle.Directory} has no poster model (train it with `train --posters ../shared/data/posters.csv`)");
            return;
        }
        var posters = PosterCsvReader.Read(context.PostersCsv).Posters.Where(p => File.Exists(p.File)).ToList();
        if (posters.Count < InferencePosters + ExtractionSample + ExtractionWarmUp)
        {
            result.Skip("every figure", $"only {posters.Count} poster images were found beside {context.PostersCsv}");
            return;
        }
        // Inference on held-out posters, extraction on training ones, as each is used.
        var test = posters.Where(p => DatasetSplit.PartOf(p.ImdbId) == SplitPart.Test).Take(InferencePosters).ToList();
        var training = posters.Where(p => DatasetSplit.PartOf(p.ImdbId) != SplitPart.Test).Take(ExtractionSample + ExtractionWarmUp).ToList();

        Inference(bundle, test, result);
        Extraction(bundle, component, training, posters.Count, result);
    }

    private static void Inference(ModelBundle bundle, List<Poster> posters, SectionResult result)
    {
        BenchmarkContext.Log($"poster: loading the poster model, inference on {posters.Count} posters × {InferencePasses}…");
        PosterModel? model = null;
        var load = LatencySampler.Time(() => model = PosterModel.Load(bundle, new OnnxSessionOptions(IntraOpThreads: 2)));
        using (model)
        {
            var images = posters.Select(p => File.ReadAllBytes(p.File)).ToArray();
            var warmUp = new WarmUp(10, TimeSpan.FromSeconds(2));
            var samples = LatencySampler.Measure(images.Length * InferencePasses, warmUp, i => model!.Probabilities(images[i % images.Length]));
            result.Add("poster inference `PosterModel.Probabilities(bytes)`, decode included, p50", samples.Median, "ms", Target.AtMost(40));
            result.Add("poster inference p99", samples.Percentile(99), "ms");
            result.Add("poster model load `PosterModel.Load` (backbone session + head)", load.TotalMilliseconds, "ms");
            result.Note($"Inference: {samples.Count} calls, one at a time, over {images.Length} test-part posters (JPEG bytes read beforehand), " +
                $"2 intra-op threads as the web app opens it, after a warm-up of ≥ {warmUp.MinimumTime.TotalSeconds:F0} s; each call decodes, cuts 5 crops and runs the backbone on them as one batch.");
        }
    }

    private static void Extraction(ModelBundle bundle, PosterComponent component, List<Poster> posters, int allPosters, SectionResult result)
    {
        BenchmarkContext.Log($"poster: extracting features of {ExtractionSample} posters (1 intra-op thread × 2 parallel, no cache)…");
        using var extractor = PosterFeatureExtractor.Open(bundle.PathOf(component.Backbone), PosterFeatureRecipe.Default, new OnnxSessionOptions(IntraOpThreads: 1));
        var batch = new PosterBatchExtraction(extractor, cache: null, maxParallelism: 2);
        batch.Run([.. posters.Take(ExtractionWarmUp).Select(p => p.File)]);
        var report = batch.Run([.. posters.Skip(ExtractionWarmUp).Select(p => p.File)]);
        var perPoster = report.Elapsed.TotalMilliseconds / report.Results.Count;
        result.Add($"extraction wall time, sample of {report.Results.Count} posters", report.Elapsed.TotalSeconds, "s");
        result.Add("extraction per poster (wall time / posters)", perPoster, "ms");
        result.Add($"extraction of all {allPosters:N0} posters, extrapolated from the sample", perPoster * allPosters / 60_000, "min", Target.AtMost(5));
        result.Note($"Extraction: `PosterBatchExtraction` without cache over {report.Results.Count} training-part posters ({report.Computed} computed, " +
            $"{report.Failed} failed) after {ExtractionWarmUp} warm-up posters; the 5-minute figure is the sample's time per poster × {allPosters:N0}, " +
            "not a full run (a full run also checkpoints its cache every 500 posters).");
    }
}
