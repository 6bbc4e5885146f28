using System.Diagnostics;
using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Posters;

/// <summary>The outcome for one poster file of a batch.</summary>
/// <param name="Path">The file.</param>
/// <param name="Features">Its features, or null when it could not be read or decoded.</param>
/// <param name="FromCache">True when every crop's activations came from the cache.</param>
/// <param name="Error">Why there are no features (decode refusal, I/O error), else null.</param>
public sealed record PosterExtractionResult(string Path, PosterFeatures? Features, bool FromCache, string? Error);

/// <summary>How a batch extraction went.</summary>
/// <param name="Results">One result per input path, in input order.</param>
/// <param name="Computed">Posters for which the backbone ran on at least one crop.</param>
/// <param name="CacheHits">Posters whose crops all came from the cache.</param>
/// <param name="Failed">Files that could not be read or decoded.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record PosterBatchReport(IReadOnlyList<PosterExtractionResult> Results, int Computed, int CacheHits, int Failed, TimeSpan Elapsed);

/// <summary>
/// Extracts many poster files for training: posters in parallel, each crop's backbone activations looked up in and
/// added to a <see cref="PosterFeatureCache"/>, which is saved every <see cref="CheckpointEvery"/> new crops and at
/// the end, so an interrupted run loses little. Every poster is decoded each run (colour statistics and crops need
/// the pixels); only backbone runs are cached. On 2 cores, 2 posters at a time with 1 intra-op thread each is
/// fastest (docs/decisions/0022).
/// </summary>
/// <param name="extractor">The extractor (its session options set the intra-op threads).</param>
/// <param name="cache">Crop activations kept between runs (version <see cref="PosterFeatureExtractor.CropVersion"/>); null to compute everything.</param>
/// <param name="maxParallelism">Posters processed at once.</param>
public sealed class PosterBatchExtraction(PosterFeatureExtractor extractor, PosterFeatureCache? cache = null, int maxParallelism = 2)
{
    /// <summary>New crop vectors between two cache saves.</summary>
    public int CheckpointEvery { get; init; } = 1000;

    /// <summary>
    /// Extracts every file. <paramref name="progress"/> receives the number of files finished so far (from worker
    /// threads). Files that cannot be decoded are reported in their result, never thrown.
    /// </summary>
    public PosterBatchReport Run(IReadOnlyList<string> paths, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        if (cache is not null && (cache.Version != extractor.CropVersion || cache.Width != extractor.Backbone.Width))
        {
            throw new InvalidOperationException($"The cache holds '{cache.Version}' vectors of width {cache.Width}; the extractor makes '{extractor.CropVersion}' of width {extractor.Backbone.Width}.");
        }

        var watch = Stopwatch.StartNew();
        var results = new PosterExtractionResult[paths.Count];
        int finished = 0, computed = 0, hits = 0, failed = 0, sinceSave = 0;
        var saveLock = new Lock();
        try
        {
            Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken }, i =>
            {
                var newCrops = 0;
                results[i] = ExtractOne(paths[i], ref newCrops);
                if (results[i].Features is null)
                {
                    Interlocked.Increment(ref failed);
                }
                else if (results[i].FromCache)
                {
                    Interlocked.Increment(ref hits);
                }
                else
                {
                    Interlocked.Increment(ref computed);
                }

                var unsaved = newCrops > 0 ? Interlocked.Add(ref sinceSave, newCrops) : 0;
                if (cache is not null && newCrops > 0 && unsaved / CheckpointEvery != (unsaved - newCrops) / CheckpointEvery)
                {
                    lock (saveLock)
                    {
                        cache.Save();
                    }
                }

                progress?.Report(Interlocked.Increment(ref finished));
            });
        }
        finally
        {
            // Also after a cancellation: what was computed is kept.
            if (cache is not null && sinceSave > 0)
            {
                lock (saveLock)
                {
                    cache.Save();
                }
            }
        }

        return new PosterBatchReport(results, computed, hits, failed, watch.Elapsed);
    }

    private PosterExtractionResult ExtractOne(string path, ref int newCrops)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new PosterExtractionResult(path, null, false, exception.Message);
        }

        RgbImage poster;
        try
        {
            poster = ImageDecoder.Decode(bytes, targetMinSide: PosterBackbone.ImageSize);
        }
        catch (ImageDecodeException exception)
        {
            return new PosterExtractionResult(path, null, false, exception.Message);
        }

        var imageKey = PosterFeatureCache.KeyOf(bytes);
        var activations = new List<float[]>(extractor.Recipe.Crops.Count);
        foreach (var crop in extractor.Recipe.Crops)
        {
            var key = PosterFeatureCache.KeyOf(imageKey, crop);
            if (cache?.FindByKey(key) is not { } stored)
            {
                stored = extractor.CropActivations(poster, crop);
                cache?.AddByKey(key, stored);
                newCrops++;
            }

            activations.Add(stored);
        }

        return new PosterExtractionResult(path, extractor.Combine(poster, activations), newCrops == 0, null);
    }
}
