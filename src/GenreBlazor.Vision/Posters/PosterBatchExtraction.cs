using System.Diagnostics;
using GenreBlazor.Imaging;

namespace GenreBlazor.Vision.Posters;

/// <summary>The outcome for one poster file of a batch.</summary>
/// <param name="Path">The file.</param>
/// <param name="Features">Its features, or null when it could not be read or decoded.</param>
/// <param name="FromCache">True when the vector came from the cache.</param>
/// <param name="Error">Why there are no features (decode refusal, I/O error), else null.</param>
public sealed record PosterExtractionResult(string Path, PosterFeatures? Features, bool FromCache, string? Error);

/// <summary>How a batch extraction went.</summary>
/// <param name="Results">One result per input path, in input order.</param>
/// <param name="Computed">Vectors computed by the backbone.</param>
/// <param name="CacheHits">Vectors taken from the cache.</param>
/// <param name="Failed">Files that could not be read or decoded.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record PosterBatchReport(IReadOnlyList<PosterExtractionResult> Results, int Computed, int CacheHits, int Failed, TimeSpan Elapsed);

/// <summary>
/// Extracts many poster files for training: images in parallel, each vector looked up in and added to a
/// <see cref="PosterFeatureCache"/>, which is saved every <see cref="CheckpointEvery"/> new vectors and at the end,
/// so an interrupted run loses little. On 2 cores, 2 images at a time with 1 intra-op thread each is fastest
/// (docs/decisions/0022).
/// </summary>
/// <param name="extractor">The extractor (its session options set the intra-op threads).</param>
/// <param name="cache">Where vectors are kept between runs; null to compute everything.</param>
/// <param name="maxParallelism">Images processed at once.</param>
public sealed class PosterBatchExtraction(PosterFeatureExtractor extractor, PosterFeatureCache? cache = null, int maxParallelism = 2)
{
    /// <summary>New vectors between two cache saves.</summary>
    public int CheckpointEvery { get; init; } = 500;

    /// <summary>
    /// Extracts every file. <paramref name="progress"/> receives the number of files finished so far (from worker
    /// threads). Files that cannot be decoded are reported in their result, never thrown.
    /// </summary>
    public PosterBatchReport Run(IReadOnlyList<string> paths, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        if (cache is not null && (cache.FeatureVersion != extractor.FeatureVersion || cache.Width != extractor.Layout.Width))
        {
            throw new InvalidOperationException($"The cache holds '{cache.FeatureVersion}' vectors of width {cache.Width}; the extractor makes '{extractor.FeatureVersion}' of width {extractor.Layout.Width}.");
        }

        var watch = Stopwatch.StartNew();
        var results = new PosterExtractionResult[paths.Count];
        int finished = 0, computed = 0, hits = 0, failed = 0, sinceSave = 0;
        var saveLock = new Lock();
        try
        {
            Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken }, i =>
            {
                results[i] = ExtractOne(paths[i], ref computed, ref hits, ref failed);
                if (cache is not null && !results[i].FromCache && results[i].Features is not null
                    && Interlocked.Increment(ref sinceSave) % CheckpointEvery == 0)
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

    private PosterExtractionResult ExtractOne(string path, ref int computed, ref int hits, ref int failed)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref failed);
            return new PosterExtractionResult(path, null, false, exception.Message);
        }

        var key = PosterFeatureCache.KeyOf(bytes);
        if (cache?.FindByKey(key) is { } stored)
        {
            Interlocked.Increment(ref hits);
            return new PosterExtractionResult(path, new PosterFeatures(stored, extractor.Layout), true, null);
        }

        try
        {
            var features = extractor.Extract(bytes);
            cache?.AddByKey(key, features.Values);
            Interlocked.Increment(ref computed);
            return new PosterExtractionResult(path, features, false, null);
        }
        catch (ImageDecodeException exception)
        {
            Interlocked.Increment(ref failed);
            return new PosterExtractionResult(path, null, false, exception.Message);
        }
    }
}
