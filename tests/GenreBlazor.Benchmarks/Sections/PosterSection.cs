using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Bundles;
using GenreBlazor.Vision.Explanations;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// Posters: inference per image with decoding as a lone request is served (target ≤ 40 ms p50) for the bundle's
/// model and, in the same run, for other crop sets and session settings; an occlusion map; feature
/// extraction throughput for training (1 intra-op thread × 2 posters at once, no cache), measured on a sample and
/// extrapolated to every shared poster (target ≤ 5 minutes).
/// </summary>
public sealed class PosterSection : IBenchmarkSection
{
    private const int InferencePosters = 50;
    private const int InferencePasses = 2;
    private const int OcclusionRuns = 8;
    private const int ExtractionSample = 300;
    private const int ExtractionWarmUp = 8;

    /// <summary>A backbone, crop set and session setting measured beside the bundle's model.</summary>
    private sealed record Candidate(string Name, IReadOnlyList<PosterCrop> Crops, OnnxRuntimeOptions Options);

    /// <inheritdoc />
    public string Name => "poster";

    /// <inheritdoc />
    public string Title => "poster inference per image (decode included), occlusion map and feature extraction throughput";

    /// <inheritdoc />
    public void Run(BenchmarkContext context, SectionResult result)
    {
        if ((context.BundleProblem ?? BenchmarkContext.DataProblem(context.PostersCsv)) is { } problem)
        {
            result.Skip("every figure", problem);
            return;
        }
        var bundle = context.Bundle;
        if (bundle.Manifest.Poster is null)
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
        var test = posters.Where(p => DatasetSplit.PartOf(p.ImdbId) == SplitPart.Test).Take(InferencePosters).Select(p => File.ReadAllBytes(p.File)).ToArray();
        var training = posters.Where(p => DatasetSplit.PartOf(p.ImdbId) != SplitPart.Test).Take(ExtractionSample + ExtractionWarmUp).ToList();

        Inference(bundle, test, result);
        Candidates(test, result);
        Extraction(training, posters.Count, result);
    }

    private static void Inference(ModelBundle bundle, byte[][] images, SectionResult result)
    {
        BenchmarkContext.Log($"poster: loading the poster model, inference on {images.Length} posters × {InferencePasses}, occlusion maps…");
        var options = new OnnxRuntimeOptions();
        PosterModel? model = null;
        var load = LatencySampler.Time(() => model = PosterModel.Load(bundle, options));
        using (model)
        {
            var samples = LatencySampler.Measure(images.Length * InferencePasses, Warm, i => model!.Probabilities(images[i % images.Length]));
            result.Add("poster inference `PosterModel.Probabilities(bytes)`, decode included, p50", samples.Median, "ms", Target.AtMost(40));
            result.Add("poster inference p99", samples.Percentile(99), "ms");
            result.Add("poster model load `PosterModel.Load` (backbone sessions, checksums, head)", load.TotalMilliseconds, "ms");
            var decoded = images.Take(OcclusionRuns).Select(bytes => ImageDecoder.Decode(bytes, targetMinSide: PosterBackbone.ImageSize)).ToArray();
            var occlusion = LatencySampler.Measure(OcclusionRuns, new WarmUp(1, TimeSpan.Zero),
                i => PosterOcclusion.Compute(decoded[i % decoded.Length], model!.Probabilities));
            result.Add("occlusion map (6 × 4 cells + the poster, one call) p50", occlusion.Median, "ms");
            result.Note($"Inference: {samples.Count} calls, one at a time, over {images.Length} test-part posters (JPEG bytes read beforehand), " +
                $"the web app's default `GenreModel:Onnx` ({options.IntraOpThreads} intra-op threads, {options.EffectiveParallelImages} crop(s) at once), " +
                $"after a warm-up of ≥ {Warm.MinimumTime.TotalSeconds:F0} s; recipe `{model!.Component.Recipe}`. Occlusion: {OcclusionRuns} maps of decoded posters, " +
                "25 poster-model runs each, spread over the cores.");
        }
    }

    private static WarmUp Warm { get; } = new(10, TimeSpan.FromSeconds(2));

    private static void Candidates(byte[][] images, SectionResult result)
    {
        var sequential = new OnnxRuntimeOptions { IntraOpThreads = 2, ParallelImages = 1 };
        var parallel = new OnnxRuntimeOptions { IntraOpThreads = 1, ParallelImages = 2, AllowSpinning = false };
        var candidates = new List<Candidate>
        {
            new("ResNet18, Full, 2 threads", [PosterCrop.Full], sequential),
            new("ResNet18, Full+FullMirrored, 2 threads, crops in turn", [PosterCrop.Full, PosterCrop.FullMirrored], sequential),
            new("ResNet18, Full+FullMirrored, 1 thread × 2 crops at once", [PosterCrop.Full, PosterCrop.FullMirrored], parallel),
            new("ResNet18, five crops, 1 thread × 2 crops at once", PosterFeatureRecipe.FiveCrops, parallel),
        };
        foreach (var candidate in candidates)
        {
            BenchmarkContext.Log($"poster: candidate {candidate.Name}…");
            using var extractor = new PosterFeatureExtractor(ResNet18Backbone.Open(candidate.Options), new PosterFeatureRecipe(candidate.Crops),
                candidate.Options.EffectiveParallelImages, ownsBackbone: true);
            var samples = LatencySampler.Measure(images.Length * InferencePasses, Warm, i => extractor.Extract(images[i % images.Length]));
            result.Add($"candidate {candidate.Name}: decode + features p50 / p99", samples.Median, "ms");
            result.Add($"candidate {candidate.Name}: p99", samples.Percentile(99), "ms");
        }
        result.Note("Candidates: the same posters and warm-up as the bundle's model, decode and feature extraction (the head adds well under 1 ms).");
    }

    private static void Extraction(List<Poster> posters, int allPosters, SectionResult result)
    {
        BenchmarkContext.Log($"poster: extracting features of {ExtractionSample} posters (1 intra-op thread × 2 parallel, no cache)…");
        using var extractor = new PosterFeatureExtractor(ResNet18Backbone.Open(OnnxRuntimeOptions.Batch), PosterFeatureRecipe.Default, ownsBackbone: true);
        var batch = new PosterBatchExtraction(extractor, cache: null, maxParallelism: 2);
        batch.Run([.. posters.Take(ExtractionWarmUp).Select(p => p.File)]);
        var report = batch.Run([.. posters.Skip(ExtractionWarmUp).Select(p => p.File)]);
        var perPoster = report.Elapsed.TotalMilliseconds / report.Results.Count;
        result.Add($"extraction wall time, sample of {report.Results.Count} posters", report.Elapsed.TotalSeconds, "s");
        result.Add("extraction per poster (wall time / posters)", perPoster, "ms");
        result.Add($"extraction of all {allPosters:N0} posters, extrapolated from the sample", perPoster * allPosters / 60_000, "min", Target.AtMost(5));
        result.Note($"Extraction: `PosterBatchExtraction` without cache over {report.Results.Count} training-part posters ({report.Computed} computed, " +
            $"{report.Failed} failed) after {ExtractionWarmUp} warm-up posters, recipe `{PosterFeatureRecipe.Default.Describe()}`; the 5-minute figure is " +
            $"the sample's time per poster × {allPosters:N0}, not a full run (a full run also checkpoints its crop cache).");
    }
}
