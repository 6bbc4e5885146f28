namespace GenreBlazor.Vision.Conversion;

/// <summary>One output of the converted model.</summary>
/// <param name="Name">ONNX output name.</param>
/// <param name="Shape">Its shape, batch as -1.</param>
/// <param name="SourceNode">The TF.js node it comes from.</param>
/// <param name="Pooled">Whether the node's feature map was averaged over height and width.</param>
public sealed record BackboneOutputInfo(string Name, IReadOnlyList<long> Shape, string SourceNode, bool Pooled)
{
    /// <summary>Values per image (the product of the non-batch dimensions).</summary>
    public long Width => Shape.Skip(1).Aggregate(1L, (product, dim) => product * dim);
}

/// <summary>What <see cref="BackboneConverter.Convert"/> wrote.</summary>
/// <param name="OnnxPath">Full path of the written model.</param>
/// <param name="FileBytes">Its size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file (identical for identical inputs).</param>
/// <param name="InputName">The model input's name.</param>
/// <param name="InputShape">The input's shape (NHWC, batch as -1).</param>
/// <param name="Outputs">The outputs in model order.</param>
/// <param name="ParameterCount">Float values stored in the ONNX initializers.</param>
/// <param name="OnnxOperatorCounts">ONNX nodes by op type.</param>
/// <param name="SourceOperatorCounts">TF.js graph nodes by op (including nodes the outputs do not need).</param>
/// <param name="SourceConvertedBy">The TF.js converter that produced the source model.</param>
public sealed record BackboneConversionReport(
    string OnnxPath,
    long FileBytes,
    string Sha256,
    string InputName,
    IReadOnlyList<long> InputShape,
    IReadOnlyList<BackboneOutputInfo> Outputs,
    long ParameterCount,
    IReadOnlyDictionary<string, int> OnnxOperatorCounts,
    IReadOnlyDictionary<string, int> SourceOperatorCounts,
    string SourceConvertedBy)
{
    /// <summary>A few lines for a console.</summary>
    public override string ToString()
    {
        var lines = new List<string>
        {
            $"ONNX model: {OnnxPath} ({FileBytes:N0} bytes, sha256 {Sha256})",
            $"Source: TF.js graph model converted by {SourceConvertedBy}; ops {Format(SourceOperatorCounts)}",
            $"ONNX ops: {Format(OnnxOperatorCounts)}",
            $"Parameters: {ParameterCount:N0}",
            $"Input: {InputName} [{string.Join(", ", InputShape)}] (NHWC, RGB in [0, 1])",
        };
        lines.AddRange(Outputs.Select(output => $"Output: {output.Name} [{string.Join(", ", output.Shape)}] from {output.SourceNode}{(output.Pooled ? " (global average)" : "")}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Format(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}×{pair.Value}"));
}
