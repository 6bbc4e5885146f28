using GenreBlazor.Core.Bundles;
using GenreBlazor.Imaging;
using GenreBlazor.OnnxRuntime;
using GenreBlazor.Vision.Posters;
using GenreBlazor.Vision.Posters.Head;

namespace GenreBlazor.Vision.Bundles;

/// <summary>
/// The poster model of a bundle as it runs: the ONNX backbone with the feature recipe, then the genre head.
/// Thread-safe: one ONNX session shared by concurrent requests.
/// </summary>
public sealed class PosterModel : IDisposable
{
    private readonly PosterFeatureExtractor extractor;

    private PosterModel(PosterFeatureExtractor extractor, PosterGenreHead head, PosterComponent component)
    {
        this.extractor = extractor;
        Head = head;
        Component = component;
    }

    /// <summary>The manifest's entry.</summary>
    public PosterComponent Component { get; }

    /// <summary>The genre head.</summary>
    public PosterGenreHead Head { get; }

    /// <summary>The head's tuned per-genre thresholds.</summary>
    public IReadOnlyList<float> Thresholds => Component.Thresholds;

    /// <summary>
    /// Loads the poster model of a verified bundle, or returns null when the bundle has none. Throws
    /// <see cref="ModelBundleException"/> when the head was trained on other features than this backbone gives.
    /// </summary>
    public static PosterModel? Load(ModelBundle bundle, OnnxSessionOptions? options = null)
    {
        if (bundle.Manifest.Poster is not { } component)
        {
            return null;
        }
        PosterGenreHead head;
        using (var stream = File.OpenRead(bundle.PathOf(component.Head)))
        {
            try
            {
                head = PosterGenreHead.Read(stream);
            }
            catch (InvalidDataException e)
            {
                throw new ModelBundleException($"{bundle.PathOf(component.Head)} cannot be read ({e.Message}). Retrain the bundle with --posters or restore the file.", e);
            }
        }
        var extractor = PosterFeatureExtractor.Open(bundle.PathOf(component.Backbone), PosterFeatureRecipe.Default, options);
        if (extractor.FeatureVersion != head.FeatureVersion || head.FeatureVersion != component.FeatureVersion)
        {
            extractor.Dispose();
            throw new ModelBundleException(
                $"The poster head was trained on features '{head.FeatureVersion}' but {bundle.PathOf(component.Backbone)} with this build gives '{extractor.FeatureVersion}'. Retrain the bundle with --posters.");
        }
        return new PosterModel(extractor, head, component);
    }

    /// <summary>Genre probabilities of an encoded JPEG or PNG (checked against <paramref name="limits"/> before decoding).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an acceptable image.</exception>
    public float[] Probabilities(ReadOnlySpan<byte> encoded, ImageLimits? limits = null) => Head.Probabilities(extractor.Extract(encoded, limits));

    /// <summary>Genre probabilities of decoded pixels (e.g. what the browser drew: the whole poster, shorter side about 224).</summary>
    public float[] Probabilities(RgbImage poster) => Head.Probabilities(extractor.Extract(poster));

    /// <summary>Features of decoded pixels (for occlusion maps and diagnostics).</summary>
    public PosterFeatures Features(RgbImage poster) => extractor.Extract(poster);

    /// <summary>Releases the ONNX session.</summary>
    public void Dispose() => extractor.Dispose();
}
