using System.Buffers;
using GenreBlazor.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace GenreBlazor.Vision.Backbone;

/// <summary>
/// The MobileNetV2 of npm's nsfwjs@4.3.0 as the project's converter wrote it (decisions 0012–0014): NHWC input in
/// 0..1, the 1,792 penultimate features, three pooled intermediate blocks and nsfwjs's five class probabilities.
/// Kept only to compare it with <see cref="ResNet18Backbone"/> in the full pipeline.
/// </summary>
public sealed class MobileNetV2Backbone : PosterBackbone
{
    private const int ImageValues = ImageSize * ImageSize * 3;
    private static readonly long[] InputShape = [1, ImageSize, ImageSize, 3];
    private static readonly string[] Input = ["image"];

    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly string[] _outputNames;

    private MobileNetV2Backbone(string file, OnnxRuntimeOptions options)
        : base("nsfwjs@4.3.0/mobilenet_v2_mid", [file])
    {
        _ = OnnxEnvironment.Instance;
        using var sessionOptions = options.CreateSessionOptions();
        _session = new InferenceSession(file, sessionOptions);
        _outputNames = Outputs.Select(output => output.Name).ToArray();
    }

    /// <inheritdoc />
    public override IReadOnlyList<BackboneOutput> Outputs { get; } =
    [
        new("features", 1792), new("block_28x28_pooled", 48), new("block_14x14_pooled", 136), new("block_7x7_pooled", 448),
        new("probabilities", 5, ["Drawing", "Hentai", "Neutral", "Porn", "Sexy"]),
    ];

    /// <summary>Opens a converted model file.</summary>
    public static MobileNetV2Backbone Open(string file, OnnxRuntimeOptions? options = null) =>
        File.Exists(file) ? new MobileNetV2Backbone(file, options ?? new OnnxRuntimeOptions()) : throw new FileNotFoundException($"No MobileNetV2 backbone at {file}.", file);

    /// <inheritdoc />
    public override void Run(RgbImage image, Span<float> destination)
    {
        CheckSize(image);
        var input = ArrayPool<float>.Shared.Rent(ImageValues);
        try
        {
            image.WriteNhwcFloats(input.AsSpan(0, ImageValues));
            using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, ImageValues), InputShape);
            using var outputs = _session.Run(_run, Input, [value], _outputNames);
            var offset = 0;
            for (var i = 0; i < outputs.Count; i++)
            {
                var values = outputs[i].GetTensorDataAsSpan<float>();
                values.CopyTo(destination[offset..]);
                offset += values.Length;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _session.Dispose();
            _run.Dispose();
        }
    }
}
