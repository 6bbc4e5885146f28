using System.Security.Cryptography;
using GenreBlazor.OnnxRuntime.ModelFormat;
using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Conversion;

/// <summary>
/// Converts nsfwjs's MobileNetV2 (TF.js graph model in <c>dist/models/mobilenet_v2_mid</c>) into the poster
/// backbone ONNX model described by <see cref="BackboneNames"/>: input NHWC [batch, 224, 224, 3] in [0, 1];
/// outputs the 1,792-wide features, the five class probabilities and three spatially averaged intermediate blocks.
/// </summary>
public static class BackboneConverter
{
    /// <summary>The taps, by node-name suffix (the full names carry long scope prefixes).</summary>
    private static readonly (string Output, string NodeSuffix, bool Pooled)[] Taps =
    [
        (BackboneNames.Features, "feature_vector/SpatialSqueeze", false),
        (BackboneNames.Probabilities, "prediction/Softmax", false),
        (BackboneNames.Block28x28Pooled, "MobilenetV2/expanded_conv_5/add", true),
        (BackboneNames.Block14x14Pooled, "MobilenetV2/expanded_conv_12/add", true),
        (BackboneNames.Block7x7Pooled, "MobilenetV2/expanded_conv_16/project/BatchNorm/FusedBatchNormV3", true),
    ];

    /// <summary>
    /// Reads the TF.js model in <paramref name="tfjsModelDirectory"/>, converts it and writes
    /// <paramref name="onnxOutputPath"/> (folders created). The same input always gives the same bytes.
    /// </summary>
    public static BackboneConversionReport Convert(string tfjsModelDirectory, string onnxOutputPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tfjsModelDirectory);
        ArgumentException.ThrowIfNullOrEmpty(onnxOutputPath);
        var source = TfjsGraphModelReader.Read(tfjsModelDirectory);
        var (model, report) = Build(source);
        var bytes = OnnxModelEncoder.Encode(model);

        var fullPath = Path.GetFullPath(onnxOutputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        // Written beside the target then moved, so a reader never sees half a model.
        var temporary = fullPath + ".partial-" + Environment.ProcessId;
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, fullPath, overwrite: true);

        return report with
        {
            OnnxPath = fullPath,
            FileBytes = bytes.Length,
            Sha256 = System.Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
    }

    /// <summary>The ONNX model and a report without file details (for tests and in-memory use).</summary>
    public static (OnnxModelDefinition Model, BackboneConversionReport Report) Build(TfjsGraphModel source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var taps = Taps.Select(tap => new OnnxOutputTap(tap.Output, source.NodeEndingWith(tap.NodeSuffix).Name, tap.Pooled)).ToList();
        var conversion = TfjsToOnnxConverter.Convert(source, taps, "mobilenet_v2_mid", BackboneNames.Input);
        var model = conversion.Model with
        {
            ProducerName = "GenreBlazor.Vision",
            ProducerVersion = "1",
            DocString = $"MobileNetV2 (width 1.4) from npm {BackboneNames.NpmPackage}@{BackboneNames.NpmVersion} " +
                        $"{BackboneNames.ModelFolderInPackage}, converted from TF.js. Input '{BackboneNames.Input}': " +
                        "float32 NHWC [batch, 224, 224, 3], RGB scaled to [0, 1].",
            Metadata =
            [
                new("source", $"npm:{BackboneNames.NpmPackage}@{BackboneNames.NpmVersion}/{BackboneNames.ModelFolderInPackage}"),
                new("source_converted_by", source.ConvertedBy),
                new("input_layout", "NHWC RGB [0,1]"),
                new("class_names", string.Join(",", BackboneNames.ClassNames)),
            ],
        };

        var inputShape = source.Nodes.First(node => node.Op == "Placeholder").Attributes["shape"]!["shape"]!["dim"]!.AsArray()
            .Select(dim => TfjsNode.ToLong(dim!["size"]!)).ToArray();
        var outputs = conversion.Outputs.Zip(taps, (output, tap) => new BackboneOutputInfo(output.Name, output.Shape, tap.SourceNode, tap.GlobalAveragePooled)).ToList();
        var report = new BackboneConversionReport(
            OnnxPath: "",
            FileBytes: 0,
            Sha256: "",
            BackboneNames.Input,
            inputShape,
            outputs,
            conversion.ParameterCount,
            new SortedDictionary<string, int>(conversion.OperatorCounts.ToDictionary(), StringComparer.Ordinal),
            new SortedDictionary<string, int>(source.OperatorCounts.ToDictionary(), StringComparer.Ordinal),
            source.ConvertedBy);
        return (model, report);
    }
}
