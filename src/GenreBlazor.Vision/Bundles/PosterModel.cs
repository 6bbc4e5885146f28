using GenreBlazor.Core.Bundles;
using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Posters;
using GenreBlazor.Vision.Posters.Head;

namespace GenreBlazor.Vision.Bundles;

/// <summary>
/// The poster model of a bundle as it runs: the backbone with the bundle's feature recipe, then the genre head.
/// Thread-safe: the ONNX sessions are shared by concurrent requests.
/// </summary>
public sealed class PosterModel : IDisposable
{
    private readonly PosterFeatureExtractor extractor;
    private readonly int parallelImages;

    private PosterModel(PosterFeatureExtractor extractor, PosterGenreHead head, PosterComponent component, int parallelImages)
    {
        this.extractor = extractor;
        this.parallelImages = parallelImages;
        Head = head;
        Component = component;
    }

    public PosterComponent Component { get; }

    public PosterGenreHead Head { get; }

    /// <summary>The head's tuned per-genre thresholds.</summary>
    public IReadOnlyList<float> Thresholds => Component.Thresholds;

    /// <summary>
    /// Loads the poster model of a verified bundle, or returns null when the bundle has none. Throws
    /// <see cref="ModelBundleException"/> when the bundle was trained on another backbone or other features than
    /// this build gives, or its head cannot be read.
    /// </summary>
    /// <param name="bundle">The loaded bundle.</param>
    /// <param name="options">How ONNX Runtime runs (default: a lone request on 2 cores).</param>
    /// <param name="modelFolder">Where the backbone's model files are (default: beside the application).</param>
    public static PosterModel? Load(ModelBundle bundle, OnnxRuntimeOptions? options = null, string? modelFolder = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.Manifest.Poster is not { } component)
        {
            return null;
        }
        const string retrain = "Retrain the bundle with --posters.";
        if (component.BackboneFiles is not { Count: > 0 } expectedFiles)
        {
            throw new ModelBundleException($"The bundle's poster model was trained on the backbone '{component.Backbone}', which this build no longer has. {retrain}");
        }
        PosterFeatureRecipe recipe;
        try
        {
            recipe = PosterFeatureRecipe.Parse(component.Recipe);
        }
        catch (FormatException e)
        {
            throw new ModelBundleException($"{e.Message} {retrain}", e);
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
                throw new ModelBundleException($"{bundle.PathOf(component.Head)} cannot be read ({e.Message}). {retrain}", e);
            }
        }

        options ??= new OnnxRuntimeOptions();
        var extractor = new PosterFeatureExtractor(ResNet18Backbone.Open(options, modelFolder), recipe, options.EffectiveParallelImages, ownsBackbone: true);
        try
        {
            foreach (var (file, expected) in expectedFiles)
            {
                var actual = extractor.Backbone.Files.GetValueOrDefault(file, "(no such file)");
                if (actual != expected)
                {
                    throw new ModelBundleException($"The poster backbone's {file} is {actual}; the bundle was trained on {expected}. {retrain}");
                }
            }
            if (extractor.FeatureVersion != head.FeatureVersion || head.FeatureVersion != component.FeatureVersion)
            {
                throw new ModelBundleException(
                    $"The poster head was trained on features '{head.FeatureVersion}' but this build gives '{extractor.FeatureVersion}'. {retrain}");
            }
        }
        catch
        {
            extractor.Dispose();
            throw;
        }
        return new PosterModel(extractor, head, component, options.EffectiveParallelImages);
    }

    /// <summary>Genre probabilities of an encoded JPEG or PNG (checked against <paramref name="limits"/> before decoding).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an acceptable image.</exception>
    public float[] Probabilities(ReadOnlySpan<byte> encoded, ImageLimits? limits = null) => Head.Probabilities(extractor.Extract(encoded, limits));

    /// <summary>Genre probabilities of decoded pixels (e.g. what the browser drew: the whole poster, shorter side about 224).</summary>
    public float[] Probabilities(RgbImage poster) => Head.Probabilities(extractor.Extract(poster));

    /// <summary>Genre probabilities of many posters, every crop of every poster spread over the cores (occlusion maps).</summary>
    public float[][] Probabilities(IReadOnlyList<RgbImage> posters) =>
        extractor.Extract(posters, parallelImages).Select(Head.Probabilities).ToArray();

    /// <summary>Features of decoded pixels (for diagnostics).</summary>
    public PosterFeatures Features(RgbImage poster) => extractor.Extract(poster);

    public void Dispose() => extractor.Dispose();
}
