using System.Security.Cryptography;
using GenreBlazor.Imaging;
using GenreBlazor.OnnxRuntime;
using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Posters;

/// <summary>
/// Turns a poster (encoded bytes or decoded pixels) into its <see cref="PosterFeatures"/> as
/// <see cref="PosterFeatureRecipe"/> says: one backbone run over all the crops as a batch, averages, signed square
/// root, colour statistics. Thread-safe; load once and share.
/// </summary>
public sealed class PosterFeatureExtractor : IDisposable
{
    /// <summary>Version of the extraction code; raise it when the same recipe starts giving other numbers.</summary>
    public const int CodeVersion = 1;

    private readonly PosterBackbone _backbone;
    private readonly bool _ownsBackbone;

    /// <summary>Wraps an open backbone (not disposed by this extractor).</summary>
    /// <param name="backbone">The backbone model.</param>
    /// <param name="backboneVersion">Identifies the model file, e.g. from <see cref="BackboneVersionOf"/>.</param>
    /// <param name="recipe">What to compute; <see cref="PosterFeatureRecipe.Default"/> when null.</param>
    public PosterFeatureExtractor(PosterBackbone backbone, string backboneVersion, PosterFeatureRecipe? recipe = null)
        : this(backbone, backboneVersion, recipe, ownsBackbone: false)
    {
    }

    private PosterFeatureExtractor(PosterBackbone backbone, string backboneVersion, PosterFeatureRecipe? recipe, bool ownsBackbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentException.ThrowIfNullOrEmpty(backboneVersion);
        Recipe = recipe ?? PosterFeatureRecipe.Default;
        if (Recipe.Crops.Count == 0 || Recipe.BackboneOutputs.Count == 0)
        {
            throw new ArgumentException("A recipe needs at least one crop and one backbone output.", nameof(recipe));
        }

        _backbone = backbone;
        _ownsBackbone = ownsBackbone;
        BackboneVersion = backboneVersion;
        Layout = Recipe.Layout();
        FeatureVersion = $"poster-features/{CodeVersion};backbone={backboneVersion};{Recipe.Describe()}";
    }

    /// <summary>
    /// Opens the converted backbone at <paramref name="onnxPath"/> (see <see cref="BackboneNames.DefaultOnnxPath"/>)
    /// and an extractor that owns it. For one request at a time use 2 intra-op threads (the default here); for
    /// batch extraction on 2 cores, 1 intra-op thread and 2 images in parallel is faster (docs/decisions/0022).
    /// </summary>
    public static PosterFeatureExtractor Open(string onnxPath, PosterFeatureRecipe? recipe = null, OnnxSessionOptions? options = null)
    {
        var version = BackboneVersionOf(onnxPath);
        var backbone = PosterBackbone.Open(onnxPath, options ?? new OnnxSessionOptions(IntraOpThreads: 2));
        return new PosterFeatureExtractor(backbone, version, recipe, ownsBackbone: true);
    }

    /// <summary>
    /// The backbone's identity: source package and the first 12 hex digits of the model file's SHA-256
    /// (the converter writes the same bytes every time, so a regenerated model keeps its version).
    /// </summary>
    public static string BackboneVersionOf(string onnxPath)
    {
        using var stream = File.OpenRead(onnxPath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return $"{BackboneNames.NpmPackage}@{BackboneNames.NpmVersion}/mobilenet_v2_mid#{hash[..12]}";
    }

    /// <summary>What is computed.</summary>
    public PosterFeatureRecipe Recipe { get; }

    /// <summary>The backbone's identity (see <see cref="BackboneVersionOf"/>).</summary>
    public string BackboneVersion { get; }

    /// <summary>Identifies the vectors: code version, backbone version and recipe. Cache keys and model bundles carry it.</summary>
    public string FeatureVersion { get; }

    /// <summary>What each column of the vectors is.</summary>
    public PosterFeatureLayout Layout { get; }

    /// <summary>Decodes a JPEG or PNG and extracts its features.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not an acceptable image.</exception>
    public PosterFeatures Extract(ReadOnlySpan<byte> encodedImage, ImageLimits? limits = null) =>
        Extract(ImageDecoder.Decode(encodedImage, limits, targetMinSide: BackboneNames.ImageSize));

    /// <summary>
    /// Extracts the features of decoded pixels. Pass the whole poster at any size (e.g. what the browser drew,
    /// aspect ratio kept, shorter side about 224): the crops are cut from it here.
    /// </summary>
    public PosterFeatures Extract(RgbImage poster)
    {
        ArgumentNullException.ThrowIfNull(poster);
        var crops = Recipe.Crops;
        var input = new float[crops.Count * PosterBackbone.ImageValues];
        RgbImage? full = null;
        for (var c = 0; c < crops.Count; c++)
        {
            var view = PosterCrops.Make(poster, crops[c]);
            if (crops[c] == PosterCrop.Full)
            {
                full = view;
            }

            view.WriteNhwcFloats(input.AsSpan(c * PosterBackbone.ImageValues, PosterBackbone.ImageValues));
        }

        var activations = _backbone.Run(input, crops.Count);
        var values = new float[Layout.Width];
        foreach (var output in Recipe.BackboneOutputs)
        {
            var block = Layout.Block(output);
            var target = values.AsSpan(block.Offset, block.Length);
            foreach (var image in activations)
            {
                var source = OutputOf(image, output);
                for (var j = 0; j < target.Length; j++)
                {
                    target[j] += source[j];
                }
            }

            for (var j = 0; j < target.Length; j++)
            {
                var mean = target[j] / activations.Count;
                target[j] = Recipe.SignedSquareRoot ? MathF.CopySign(MathF.Sqrt(MathF.Abs(mean)), mean) : mean;
            }
        }

        if (Recipe.ColourStatistics)
        {
            var block = Layout.Block(PosterFeatureRecipe.ColourBlock);
            PosterColourStatistics.Compute(full ?? PosterCrops.Make(poster, PosterCrop.Full), values.AsSpan(block.Offset, block.Length));
        }

        return new PosterFeatures(values, Layout);
    }

    /// <summary>Releases the backbone when this extractor opened it.</summary>
    public void Dispose()
    {
        if (_ownsBackbone)
        {
            _backbone.Dispose();
        }
    }

    private static float[] OutputOf(BackboneActivations activations, string output) => output switch
    {
        BackboneNames.Features => activations.Features,
        BackboneNames.Probabilities => activations.Probabilities,
        _ => activations.PooledBlocks[output],
    };
}
