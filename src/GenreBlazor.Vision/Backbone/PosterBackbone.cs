using System.Security.Cryptography;
using GenreBlazor.Imaging;

namespace GenreBlazor.Vision.Backbone;

/// <summary>A named run of a backbone's output values for one image.</summary>
/// <param name="Name">The block's name in poster feature layouts, e.g. <c>features</c>.</param>
/// <param name="Width">Values in the block.</param>
/// <param name="ColumnNames">A name per value where values mean something on their own; null for learned activations.</param>
public sealed record BackboneOutput(string Name, int Width, IReadOnlyList<string>? ColumnNames = null);

/// <summary>
/// An image network on ONNX Runtime that turns one 224 × 224 RGB image into a vector of activations. Load once
/// and share: runs are thread-safe, and several images run at once on the same session.
/// </summary>
public abstract class PosterBackbone : IDisposable
{
    /// <summary>Height and width of the images the backbone takes.</summary>
    public const int ImageSize = 224;

    /// <summary>Hashes the model files that define the backbone.</summary>
    /// <param name="name">The backbone's identity without its checksum, e.g. <c>Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1/ResNet18</c>.</param>
    /// <param name="files">The model files, the network first.</param>
    protected PosterBackbone(string name, IReadOnlyList<string> files)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfZero(files.Count);
        var checksums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            checksums[Path.GetFileName(file)] = Checksum(file);
        }

        Files = checksums;
        Version = $"{name}#{checksums[Path.GetFileName(files[0])]["sha256:".Length..][..12]}";
    }

    /// <summary>The backbone's identity: source and the start of the network file's SHA-256. Feature versions carry it.</summary>
    public string Version { get; }

    /// <summary>"sha256:…" of every model file, by file name.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>What one run gives, in order.</summary>
    public abstract IReadOnlyList<BackboneOutput> Outputs { get; }

    /// <summary>Values one run gives: the sum of the outputs' widths.</summary>
    public int Width => Outputs.Sum(output => output.Width);

    /// <summary>Runs one 224 × 224 image and writes its <see cref="Width"/> values into <paramref name="destination"/>.</summary>
    public abstract void Run(RgbImage image, Span<float> destination);

    /// <summary>Runs one 224 × 224 image.</summary>
    public float[] Run(RgbImage image)
    {
        var values = new float[Width];
        Run(image, values);
        return values;
    }

    /// <summary>Runs several images, up to <paramref name="parallelism"/> at once on the shared session; results in input order.</summary>
    public float[][] Run(IReadOnlyList<RgbImage> images, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var results = new float[images.Count][];
        if (parallelism == 1 || images.Count == 1)
        {
            for (var i = 0; i < images.Count; i++)
            {
                results[i] = Run(images[i]);
            }
        }
        else
        {
            Parallel.For(0, images.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => results[i] = Run(images[i]));
        }

        return results;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    /// <summary>Throws unless the image is <see cref="ImageSize"/> square.</summary>
    protected static void CheckSize(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != ImageSize || image.Height != ImageSize)
        {
            throw new ArgumentException($"The backbone takes {ImageSize} × {ImageSize} images, not {image.Width} × {image.Height}.", nameof(image));
        }
    }

    /// <summary>"sha256:" and the lower-case hex SHA-256 of a file.</summary>
    public static string Checksum(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
