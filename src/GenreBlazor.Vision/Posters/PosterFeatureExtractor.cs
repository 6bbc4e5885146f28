using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Posters;

/// <summary>
/// Turns a poster (encoded bytes or decoded pixels) into its <see cref="PosterFeatures"/> as
/// <see cref="PosterFeatureRecipe"/> says: the backbone on every crop (several at once on the shared session),
/// averages, signed square root, colour statistics. Thread-safe; load once and share.
/// </summary>
public sealed class PosterFeatureExtractor : IDisposable
{
    /// <summary>Version of the extraction code; raise it when the same recipe starts giving other numbers.</summary>
    public const int CodeVersion = 3;

    private readonly PosterBackbone _backbone;
    private readonly bool _ownsBackbone;
    private readonly int _parallelImages;

    /// <summary>Wraps an open backbone.</summary>
    /// <param name="backbone">The backbone model.</param>
    /// <param name="recipe">What to compute; <see cref="PosterFeatureRecipe.Default"/> when null.</param>
    /// <param name="parallelImages">Crops run at once on the backbone's session.</param>
    /// <param name="ownsBackbone">Whether <see cref="Dispose"/> disposes the backbone.</param>
    public PosterFeatureExtractor(PosterBackbone backbone, PosterFeatureRecipe? recipe = null, int parallelImages = 1, bool ownsBackbone = false)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelImages, 1);
        Recipe = recipe ?? PosterFeatureRecipe.Default;
        if (Recipe.Crops.Count == 0 || Recipe.Crops.Distinct().Count() != Recipe.Crops.Count)
        {
            throw new ArgumentException("A recipe needs at least one crop, each at most once.", nameof(recipe));
        }

        _backbone = backbone;
        _ownsBackbone = ownsBackbone;
        _parallelImages = parallelImages;
        Layout = Recipe.Layout(backbone.Outputs);
        CropVersion = $"poster-crops/{CodeVersion};backbone={backbone.Version}";
        FeatureVersion = $"poster-features/{CodeVersion};backbone={backbone.Version};{Recipe.Describe()}";
    }

    /// <summary>Opens ML.NET's packaged ResNet18 (see <see cref="ResNet18Backbone.Open"/>) and an extractor that owns it.</summary>
    public static PosterFeatureExtractor Open(PosterFeatureRecipe? recipe = null, OnnxRuntimeOptions? options = null, string? modelFolder = null)
    {
        options ??= new OnnxRuntimeOptions();
        return new PosterFeatureExtractor(ResNet18Backbone.Open(options, modelFolder), recipe, options.EffectiveParallelImages, ownsBackbone: true);
    }

    public PosterBackbone Backbone => _backbone;

    public PosterFeatureRecipe Recipe { get; }

    /// <summary>Identifies the vectors: code version, backbone version and recipe. Trained heads and model bundles carry it.</summary>
    public string FeatureVersion { get; }

    /// <summary>Identifies one crop's backbone activations (code and backbone, not the recipe); the crop cache carries it.</summary>
    public string CropVersion { get; }

    public PosterFeatureLayout Layout { get; }

    /// <summary>Decodes a JPEG or PNG and extracts its features.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an acceptable image.</exception>
    public PosterFeatures Extract(ReadOnlySpan<byte> encodedImage, ImageLimits? limits = null) =>
        Extract(ImageDecoder.Decode(encodedImage, limits, targetMinSide: PosterBackbone.ImageSize));

    /// <summary>
    /// Extracts the features of decoded pixels. Pass the whole poster at any size (e.g. what the browser drew,
    /// aspect ratio kept, shorter side about 224): the crops are cut from it here.
    /// </summary>
    public PosterFeatures Extract(RgbImage poster)
    {
        ArgumentNullException.ThrowIfNull(poster);
        var views = Recipe.Crops.Select(crop => PosterCrops.Make(poster, crop)).ToList();
        return Combine(poster, _backbone.Run(views, _parallelImages));
    }

    /// <summary>The features of many posters, their crops run <paramref name="parallelism"/> at a time (occlusion maps).</summary>
    public IReadOnlyList<PosterFeatures> Extract(IReadOnlyList<RgbImage> posters, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(posters);
        var views = posters.SelectMany(poster => Recipe.Crops.Select(crop => PosterCrops.Make(poster, crop))).ToList();
        var activations = _backbone.Run(views, parallelism);
        var crops = Recipe.Crops.Count;
        return posters.Select((poster, i) => Combine(poster, activations.Skip(i * crops).Take(crops).ToList())).ToList();
    }

    public float[] CropActivations(RgbImage poster, PosterCrop crop) => _backbone.Run(PosterCrops.Make(poster, crop));

    /// <summary>
    /// The features of a poster from its crops' activations (<paramref name="activations"/>[c] for
    /// <see cref="PosterFeatureRecipe.Crops"/>[c]): mean, optional signed square root, colour statistics.
    /// </summary>
    public PosterFeatures Combine(RgbImage poster, IReadOnlyList<float[]> activations)
    {
        ArgumentNullException.ThrowIfNull(poster);
        return Combine(activations, Recipe.ColourStatistics ? PosterColourStatistics.Compute(PosterCrops.Make(poster, PosterCrop.Full)) : null);
    }

    /// <summary>As <see cref="Combine(RgbImage, IReadOnlyList{float[]})"/>, with the full poster's colour statistics computed already (null when the recipe has none).</summary>
    public PosterFeatures Combine(IReadOnlyList<float[]> activations, float[]? colourStatistics)
    {
        ArgumentNullException.ThrowIfNull(activations);
        if (activations.Count != Recipe.Crops.Count || activations.Any(a => a.Length != _backbone.Width))
        {
            throw new ArgumentException($"Expected {Recipe.Crops.Count} crops of {_backbone.Width} activations.", nameof(activations));
        }

        if (Recipe.ColourStatistics != (colourStatistics is not null) || (colourStatistics is not null && colourStatistics.Length != PosterColourStatistics.Count))
        {
            throw new ArgumentException(Recipe.ColourStatistics
                ? $"The recipe needs the {PosterColourStatistics.Count} colour statistics." : "The recipe has no colour statistics.", nameof(colourStatistics));
        }

        var values = new float[Layout.Width];
        var target = values.AsSpan(0, _backbone.Width);
        foreach (var crop in activations)
        {
            for (var j = 0; j < target.Length; j++)
            {
                target[j] += crop[j];
            }
        }

        for (var j = 0; j < target.Length; j++)
        {
            var mean = target[j] / activations.Count;
            target[j] = Recipe.SignedSquareRoot ? MathF.CopySign(MathF.Sqrt(MathF.Abs(mean)), mean) : mean;
        }

        colourStatistics?.CopyTo(values.AsSpan(Layout.Block(PosterFeatureRecipe.ColourBlock).Offset));
        return new PosterFeatures(values, Layout);
    }

    /// <summary>Releases the backbone when this extractor owns it.</summary>
    public void Dispose()
    {
        if (_ownsBackbone)
        {
            _backbone.Dispose();
        }
    }
}
