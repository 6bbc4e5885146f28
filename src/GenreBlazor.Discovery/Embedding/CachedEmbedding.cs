namespace GenreBlazor.Discovery.Embedding;

/// <summary>Embeds many plots through the cache, in batches, saving every few thousand new vectors.</summary>
public static class CachedEmbedding
{
    private const int BatchSize = 16;
    private const int SaveEvery = 2000;

    /// <summary>
    /// Vectors of <paramref name="texts"/> in order. <paramref name="progress"/> receives the number done so far;
    /// two batches run at once, each on one ONNX Runtime thread (the machine has two cores).
    /// </summary>
    public static float[][] Embed(PlotEmbedder embedder, EmbeddingCache? cache, IReadOnlyList<string> texts, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (cache is not null && cache.TryGet(texts[i], out var cached))
            {
                vectors[i] = cached;
            }
            else
            {
                missing.Add(i);
            }
        }
        var done = texts.Count - missing.Count;
        progress?.Report(done);
        var sinceSave = 0;
        var saveLock = new Lock();
        var batches = missing.Chunk(BatchSize).ToList();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, batch =>
        {
            var embedded = embedder.Embed(batch.Select(i => texts[i]).ToList(), cancellationToken);
            for (var k = 0; k < batch.Length; k++)
            {
                vectors[batch[k]] = embedded[k];
                cache?.Add(texts[batch[k]], embedded[k]);
            }
            progress?.Report(Interlocked.Add(ref done, batch.Length));
            if (cache is not null && Interlocked.Add(ref sinceSave, batch.Length) >= SaveEvery)
            {
                lock (saveLock)
                {
                    if (Volatile.Read(ref sinceSave) >= SaveEvery)
                    {
                        Volatile.Write(ref sinceSave, 0);
                        cache.Save();
                    }
                }
            }
        });
        if (cache is not null && missing.Count > 0)
        {
            cache.Save();
        }
        return vectors;
    }
}
