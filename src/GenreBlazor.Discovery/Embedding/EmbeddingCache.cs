using System.Security.Cryptography;
using System.Text;

namespace GenreBlazor.Discovery.Embedding;

/// <summary>
/// Full-precision plot vectors kept on disk (under the ignored <c>.cache/</c>) between runs, one file per embedder,
/// keyed by the SHA-256 of the plot text: a second <c>dna</c> or <c>evaluate-similar</c> run over the same plots
/// embeds nothing. A damaged or foreign file reads as empty; saving writes a temporary file and renames it over.
/// </summary>
public sealed class EmbeddingCache
{
    private static readonly byte[] Magic = "GBEMB1\0\0"u8.ToArray();
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private EmbeddingCache(string path, int width)
    {
        Path = path;
        Width = width;
    }

    public string Path { get; }

    public int Width { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _vectors.Count;
            }
        }
    }

    public static string DefaultPath(string folder, string embedder) => System.IO.Path.Combine(folder, $"plots-{embedder}.vectors");

    public static EmbeddingCache Open(string path, int width)
    {
        var cache = new EmbeddingCache(System.IO.Path.GetFullPath(path), width);
        try
        {
            if (File.Exists(cache.Path))
            {
                cache.Load(File.ReadAllBytes(cache.Path));
            }
        }
        catch (IOException)
        {
            // Unreadable now: start empty; the next save replaces it.
        }
        return cache;
    }

    public static string KeyOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public bool TryGet(string text, out float[] vector)
    {
        lock (_lock)
        {
            return _vectors.TryGetValue(KeyOf(text), out vector!);
        }
    }

    public void Add(string text, float[] vector)
    {
        if (vector.Length != Width)
        {
            throw new ArgumentException($"Vector of width {vector.Length}; the cache holds {Width}.", nameof(vector));
        }
        lock (_lock)
        {
            _vectors[KeyOf(text)] = vector;
        }
    }

    public void Save()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(Width);
            lock (_lock)
            {
                writer.Write(_vectors.Count);
                foreach (var (key, vector) in _vectors)
                {
                    writer.Write(Convert.FromHexString(key));
                    foreach (var value in vector)
                    {
                        writer.Write(value);
                    }
                }
            }
        }
        File.Move(temporary, Path, overwrite: true);
    }

    private void Load(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        if (bytes.Length < Magic.Length + 8 || !reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != Width)
        {
            return;
        }
        var count = reader.ReadInt32();
        var record = 32 + (4 * Width);
        for (var i = 0; i < count && reader.BaseStream.Length - reader.BaseStream.Position >= record; i++)
        {
            var key = Convert.ToHexStringLower(reader.ReadBytes(32));
            var vector = new float[Width];
            for (var j = 0; j < Width; j++)
            {
                vector[j] = reader.ReadSingle();
            }
            _vectors[key] = vector;
        }
    }
}
