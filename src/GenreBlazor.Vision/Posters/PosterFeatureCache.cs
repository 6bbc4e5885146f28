using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GenreBlazor.Vision.Posters;

/// <summary>
/// Backbone activations kept on disk between training runs, one vector per poster crop, keyed by
/// <see cref="KeyOf(string, PosterCrop)"/> (the SHA-256 of the image file's bytes and the crop) and valid only for one
/// version (<see cref="PosterFeatureExtractor.CropVersion"/>: extraction code and backbone). Caching crops rather than
/// whole feature vectors lets a new crop set, colour statistics on or off, or another transform reuse every backbone
/// run. A cache written by another version, another width or a damaged file reads as empty, never as an error. One binary file; saving writes a
/// temporary file beside it and renames it over the old one, so an interrupted save leaves the previous file whole.
/// Lookups and additions are thread-safe.
/// </summary>
public sealed class PosterFeatureCache
{
    // File layout (little-endian): magic "GBPFC1\0\0", int32 version-byte count, version UTF-8, int32 width,
    // int32 record count, then per record 32 bytes of SHA-256 and width float32 values.
    private static readonly byte[] Magic = "GBPFC1\0\0"u8.ToArray();
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private PosterFeatureCache(string path, string version, int width)
    {
        Path = path;
        Version = version;
        Width = width;
    }

    public string Path { get; }

    public string Version { get; }

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

    /// <summary>
    /// Opens the cache at <paramref name="path"/> for vectors of <paramref name="version"/> and
    /// <paramref name="width"/>. A missing file, a file of another version or width, or an unreadable one gives an
    /// empty cache; a file cut short keeps the records that are complete.
    /// </summary>
    public static PosterFeatureCache Open(string path, string version, int width)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var cache = new PosterFeatureCache(System.IO.Path.GetFullPath(path), version, width);
        try
        {
            if (File.Exists(cache.Path))
            {
                cache.Load(File.ReadAllBytes(cache.Path));
            }
        }
        catch (IOException)
        {
            // Unreadable now (locked, vanished): start empty; the next save replaces it.
        }

        return cache;
    }

    /// <summary>The cache key of an image file's bytes: its SHA-256 in lower-case hex.</summary>
    public static string KeyOf(ReadOnlySpan<byte> imageBytes) => Convert.ToHexStringLower(SHA256.HashData(imageBytes));

    /// <summary>The key of one crop of an image whose own key is <paramref name="imageKey"/>.</summary>
    public static string KeyOf(string imageKey, PosterCrop crop) => KeyOf(Encoding.UTF8.GetBytes($"{imageKey}/{crop}"));

    /// <summary>A cache file name for <paramref name="version"/> in <paramref name="folder"/>, so caches of different versions live side by side.</summary>
    public static string DefaultPath(string folder, string version) =>
        System.IO.Path.Combine(folder, $"poster-crops-{KeyOf(Encoding.UTF8.GetBytes(version))[..12]}.features");

    /// <summary>The stored vector for these image bytes, or null.</summary>
    public float[]? Find(ReadOnlySpan<byte> imageBytes) => FindByKey(KeyOf(imageBytes));

    /// <summary>The stored vector for a key made by <see cref="KeyOf(string, PosterCrop)"/>, or null.</summary>
    public float[]? FindByKey(string key)
    {
        lock (_lock)
        {
            return _vectors.TryGetValue(key, out var vector) ? (float[])vector.Clone() : null;
        }
    }

    /// <summary>Stores (or replaces) the vector of these image bytes in memory; <see cref="Save"/> writes it.</summary>
    public void Add(ReadOnlySpan<byte> imageBytes, ReadOnlySpan<float> vector) => AddByKey(KeyOf(imageBytes), vector);

    /// <summary>Stores (or replaces) the vector under a key made by <see cref="KeyOf(string, PosterCrop)"/>.</summary>
    public void AddByKey(string key, ReadOnlySpan<float> vector)
    {
        if (key.Length != 64)
        {
            throw new ArgumentException("The key must be a SHA-256 in hex (64 characters).", nameof(key));
        }

        if (vector.Length != Width)
        {
            throw new ArgumentException($"The cache holds vectors of {Width} values, not {vector.Length}.", nameof(vector));
        }

        lock (_lock)
        {
            _vectors[key] = vector.ToArray();
        }
    }

    /// <summary>Writes every held vector to <see cref="Path"/> (temporary file, then rename; folders created).</summary>
    public void Save()
    {
        byte[] bytes;
        lock (_lock)
        {
            bytes = Serialize();
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = $"{Path}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, Path, overwrite: true);
    }

    private byte[] Serialize()
    {
        var version = Encoding.UTF8.GetBytes(Version);
        var recordLength = 32 + (Width * sizeof(float));
        var bytes = new byte[Magic.Length + 4 + version.Length + 8 + (_vectors.Count * recordLength)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        var offset = Magic.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], version.Length);
        version.CopyTo(span[(offset + 4)..]);
        offset += 4 + version.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], Width);
        BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 4)..], _vectors.Count);
        offset += 8;
        foreach (var (key, vector) in _vectors.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Convert.FromHexString(key).CopyTo(span[offset..]);
            offset += 32;
            foreach (var value in vector)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[offset..], value);
                offset += sizeof(float);
            }
        }

        return bytes;
    }

    private void Load(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            return;
        }

        var offset = Magic.Length;
        var versionLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
        offset += 4;
        if (versionLength < 0 || versionLength > bytes.Length - offset - 8)
        {
            return;
        }

        var version = Encoding.UTF8.GetString(bytes.Slice(offset, versionLength));
        offset += versionLength;
        var width = BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(offset + 4)..]);
        offset += 8;
        if (version != Version || width != Width || count < 0)
        {
            return;
        }

        // A file cut short (a copy that stopped, a full disk) keeps its complete records.
        var recordLength = 32 + (Width * sizeof(float));
        var complete = Math.Min(count, (bytes.Length - offset) / recordLength);
        for (var record = 0; record < complete; record++, offset += recordLength)
        {
            var vector = new float[Width];
            for (var j = 0; j < Width; j++)
            {
                vector[j] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(offset + 32 + (j * sizeof(float)))..]);
            }

            _vectors[Convert.ToHexStringLower(bytes.Slice(offset, 32))] = vector;
        }
    }
}
