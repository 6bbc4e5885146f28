namespace GenreBlazor.Vision.Backbone;

/// <summary>
/// The contract of the converted poster backbone (nsfwjs's MobileNetV2 width 1.4): where it comes from, where it
/// is written, and the names and sizes of its input and outputs.
/// </summary>
public static class BackboneNames
{
    /// <summary>npm package that ships the TF.js model.</summary>
    public const string NpmPackage = "nsfwjs";

    /// <summary>Its pinned version.</summary>
    public const string NpmVersion = "4.3.0";

    /// <summary>The model's folder inside the unpacked package.</summary>
    public const string ModelFolderInPackage = "dist/models/mobilenet_v2_mid";

    /// <summary>The package as scripts/fetch-npm-package.sh unpacks it, relative to the repository root.</summary>
    public const string PackageCacheFolder = ".cache/npm/nsfwjs-4.3.0/package";

    /// <summary>Default location of the converted model, relative to the repository root.</summary>
    public const string DefaultOnnxPath = ".cache/models/mobilenet_v2_mid.onnx";

    /// <summary>Input: float32 [batch, 224, 224, 3], NHWC, RGB scaled to [0, 1].</summary>
    public const string Input = "image";

    /// <summary>Height and width of the input image.</summary>
    public const int ImageSize = 224;

    /// <summary>Colour channels of the input image (RGB).</summary>
    public const int Channels = 3;

    /// <summary>Output: the penultimate layer, global average of the last 7×7 map, [batch, 1792].</summary>
    public const string Features = "features";

    /// <summary>Output: nsfwjs's five class probabilities, [batch, 5], in <see cref="ClassNames"/> order.</summary>
    public const string Probabilities = "probabilities";

    /// <summary>Output: the 28×28 stage (block 5 output) averaged over space, [batch, 48].</summary>
    public const string Block28x28Pooled = "block_28x28_pooled";

    /// <summary>Output: the 14×14 stage (block 12 output) averaged over space, [batch, 136].</summary>
    public const string Block14x14Pooled = "block_14x14_pooled";

    /// <summary>Output: the last 7×7 block (before the final 1×1 convolution) averaged over space, [batch, 448].</summary>
    public const string Block7x7Pooled = "block_7x7_pooled";

    /// <summary>Width of <see cref="Features"/>.</summary>
    public const int FeatureWidth = 1792;

    /// <summary>nsfwjs's class names, in the order of <see cref="Probabilities"/>.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["Drawing", "Hentai", "Neutral", "Porn", "Sexy"];

    /// <summary>Every output, in the model's order.</summary>
    public static IReadOnlyList<string> Outputs { get; } = [Features, Probabilities, Block28x28Pooled, Block14x14Pooled, Block7x7Pooled];
}
