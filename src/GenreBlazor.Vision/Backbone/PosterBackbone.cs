using GenreBlazor.OnnxRuntime;

namespace GenreBlazor.Vision.Backbone;

/// <summary>What the backbone computes for one image.</summary>
/// <param name="Features">The 1,792-wide penultimate feature vector.</param>
/// <param name="Probabilities">nsfwjs's five class probabilities (<see cref="BackboneNames.ClassNames"/> order).</param>
/// <param name="PooledBlocks">Spatially averaged intermediate blocks by output name (e.g. <see cref="BackboneNames.Block14x14Pooled"/>).</param>
public sealed record BackboneActivations(float[] Features, float[] Probabilities, IReadOnlyDictionary<string, float[]> PooledBlocks);

/// <summary>
/// The converted poster backbone loaded on ONNX Runtime. Load once and share: <see cref="Run"/> is thread-safe.
/// </summary>
public sealed class PosterBackbone : IDisposable
{
    private static readonly string[] PooledOutputs = [BackboneNames.Block28x28Pooled, BackboneNames.Block14x14Pooled, BackboneNames.Block7x7Pooled];
    private readonly OnnxSession _session;

    private PosterBackbone(OnnxSession session) => _session = session;

    /// <summary>Values in one input image: 224 × 224 × 3.</summary>
    public const int ImageValues = BackboneNames.ImageSize * BackboneNames.ImageSize * BackboneNames.Channels;

    /// <summary>Opens a model written by <see cref="Conversion.BackboneConverter"/>.</summary>
    public static PosterBackbone Open(string onnxPath, OnnxSessionOptions? options = null)
    {
        var session = OnnxSession.Open(onnxPath, options);
        var missing = BackboneNames.Outputs.Except(session.Outputs.Select(output => output.Name)).ToList();
        if (session.Inputs.Count != 1 || session.Inputs[0].Name != BackboneNames.Input || missing.Count > 0)
        {
            session.Dispose();
            throw new InvalidDataException($"'{onnxPath}' is not a poster backbone model (expected input '{BackboneNames.Input}' and outputs {string.Join(", ", BackboneNames.Outputs)}).");
        }

        return new PosterBackbone(session);
    }

    /// <summary>
    /// Runs a batch of images given as one NHWC float array of <paramref name="batchSize"/> × 224 × 224 × 3 values,
    /// RGB in [0, 1] (a byte divided by 255), rows top to bottom.
    /// </summary>
    public IReadOnlyList<BackboneActivations> Run(float[] nhwcImages, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(nhwcImages);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (nhwcImages.Length != batchSize * ImageValues)
        {
            throw new ArgumentException($"{batchSize} images need {batchSize * ImageValues} values; got {nhwcImages.Length}.", nameof(nhwcImages));
        }

        var input = new Dictionary<string, OnnxTensor>
        {
            [BackboneNames.Input] = new(nhwcImages, [batchSize, BackboneNames.ImageSize, BackboneNames.ImageSize, BackboneNames.Channels]),
        };
        var outputs = _session.Run(input, BackboneNames.Outputs);
        return Enumerable.Range(0, batchSize).Select(image => new BackboneActivations(
            Row(outputs[BackboneNames.Features], image),
            Row(outputs[BackboneNames.Probabilities], image),
            PooledOutputs.ToDictionary(name => name, name => Row(outputs[name], image), StringComparer.Ordinal))).ToList();
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

    private static float[] Row(OnnxTensor tensor, int image)
    {
        var width = (int)(tensor.Data.Length / tensor.Shape[0]);
        return tensor.Data.AsSpan(image * width, width).ToArray();
    }
}
