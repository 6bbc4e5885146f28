using System.Text.Json.Nodes;
using GenreBlazor.OnnxRuntime;
using GenreBlazor.OnnxRuntime.ModelFormat;

namespace GenreBlazor.Vision.Conversion;

/// <summary>An ONNX graph output taken from a TF.js node.</summary>
/// <param name="OutputName">The ONNX output name, e.g. "features".</param>
/// <param name="SourceNode">The full name of the TF.js node whose (first) output it is.</param>
/// <param name="GlobalAveragePooled">Average the node's feature map over height and width, giving [batch, channels].</param>
public sealed record OnnxOutputTap(string OutputName, string SourceNode, bool GlobalAveragePooled = false);

/// <summary>The converted graph and what went into it.</summary>
/// <param name="Model">The ONNX model, ready to encode.</param>
/// <param name="Outputs">Each output's name and its shape (batch as -1).</param>
/// <param name="ParameterCount">Number of float values in the ONNX initializers.</param>
/// <param name="OperatorCounts">ONNX nodes by op type.</param>
public sealed record TfjsConversion(OnnxModelDefinition Model, IReadOnlyList<(string Name, long[] Shape)> Outputs, long ParameterCount, IReadOnlyDictionary<string, int> OperatorCounts);

/// <summary>
/// Converts the part of a TF.js graph model that the requested outputs depend on into an ONNX graph (opset 13).
/// The ONNX input stays NHWC like TensorFlow's, so callers pass the same tensor to both; one Transpose right after
/// it turns the activations into ONNX's native NCHW, convolution filters are transposed to OIHW once at conversion
/// time, and "SAME" padding becomes explicit pads computed from the static spatial sizes. Supported ops are those
/// a MobileNet-style image classifier converted by tfjs-converter uses; any other op is reported by name.
/// </summary>
public sealed class TfjsToOnnxConverter
{
    private readonly TfjsGraphModel _model;
    private readonly Dictionary<string, TfjsNode> _nodes;
    private readonly OnnxGraphBuilder _graph;
    private readonly string _inputName;
    private readonly Dictionary<string, Value> _converted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _initializers = new(StringComparer.Ordinal);
    private long _parameterCount;

    private TfjsToOnnxConverter(TfjsGraphModel model, string graphName, string inputName)
    {
        _model = model;
        _nodes = model.Nodes.ToDictionary(node => node.Name, StringComparer.Ordinal);
        _graph = new OnnxGraphBuilder(graphName);
        _inputName = inputName;
    }

    /// <summary>A converted value: an ONNX activation (with TensorFlow's NHWC view of its shape) or a constant.</summary>
    private abstract record Value;

    /// <param name="Name">ONNX value name.</param>
    /// <param name="TfShape">TensorFlow's shape (NHWC for images), batch as -1.</param>
    /// <param name="IsNchw">Stored channels-first in ONNX (true for every rank-4 activation).</param>
    private sealed record Activation(string Name, long[] TfShape, bool IsNchw) : Value;

    private sealed record Constant(TfjsWeight Weight) : Value;

    /// <summary>Converts the graph behind <paramref name="outputs"/>; the Placeholder becomes input <paramref name="inputName"/>.</summary>
    public static TfjsConversion Convert(TfjsGraphModel model, IReadOnlyList<OnnxOutputTap> outputs, string graphName, string inputName)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (outputs.Count == 0)
        {
            throw new ArgumentException("At least one output is needed.", nameof(outputs));
        }

        var converter = new TfjsToOnnxConverter(model, graphName, inputName);
        var shapes = outputs.Select(converter.EmitOutput).ToList();
        var graph = converter._graph.Build();
        return new TfjsConversion(new OnnxModelDefinition(graph), shapes, converter._parameterCount, converter._graph.OperatorCounts);
    }

    private (string Name, long[] Shape) EmitOutput(OnnxOutputTap tap)
    {
        var source = Resolve(tap.SourceNode) as Activation
            ?? throw new NotSupportedException($"Output '{tap.OutputName}' comes from constant '{tap.SourceNode}'.");
        long[] shape;
        if (tap.GlobalAveragePooled)
        {
            RequireImage(source, tap.SourceNode);
            var pooled = _graph.AddNode("GlobalAveragePool", [source.Name], _graph.UniqueName(tap.OutputName + "/pool"));
            _graph.AddNode("Flatten", [pooled], tap.OutputName, OnnxAttributeValue.Of("axis", 1L));
            shape = [-1, source.TfShape[3]];
        }
        else if (source.IsNchw)
        {
            _graph.AddNode("Transpose", [source.Name], tap.OutputName, OnnxAttributeValue.Ints("perm", 0, 2, 3, 1));
            shape = source.TfShape;
        }
        else
        {
            _graph.AddNode("Identity", [source.Name], tap.OutputName);
            shape = source.TfShape;
        }

        _graph.AddOutput(tap.OutputName, OnnxElementType.Float, Dimensions(shape));
        return (tap.OutputName, shape);
    }

    private Value Resolve(string input)
    {
        var name = input.EndsWith(":0", StringComparison.Ordinal) ? input[..^2] : input;
        if (_converted.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!_nodes.TryGetValue(name, out var node))
        {
            throw new KeyNotFoundException($"The graph has no node '{name}' (outputs other than :0 are not supported).");
        }

        var value = ConvertNode(node);
        _converted[name] = value;
        return value;
    }

    private Value ConvertNode(TfjsNode node) => node.Op switch
    {
        "Const" => new Constant(_model.Weights.TryGetValue(node.Name, out var weight)
            ? weight
            : throw new KeyNotFoundException($"Const node '{node.Name}' has no entry in the weights manifest.")),
        "Placeholder" => ConvertPlaceholder(node),
        "Identity" => Resolve(node.DataInputs[0]),
        "Add" or "AddV2" => ConvertBinary(node, "Add"),
        "Sub" => ConvertBinary(node, "Sub"),
        "Mul" => ConvertBinary(node, "Mul"),
        "RealDiv" => ConvertBinary(node, "Div"),
        "Maximum" => ConvertBinary(node, "Max"),
        "Minimum" => ConvertBinary(node, "Min"),
        "BiasAdd" => ConvertBinary(node, "Add"),
        "Relu" => ConvertActivation(node, "Relu"),
        "Relu6" => ConvertActivation(node, "Relu6"),
        "Conv2D" or "_FusedConv2D" => ConvertConvolution(node, depthwise: false),
        "DepthwiseConv2dNative" or "FusedDepthwiseConv2dNative" => ConvertConvolution(node, depthwise: true),
        "AvgPool" => ConvertPool(node, average: true),
        "MaxPool" => ConvertPool(node, average: false),
        "Mean" => ConvertMean(node),
        "Squeeze" => ConvertSqueeze(node),
        "MatMul" or "_FusedMatMul" => ConvertMatMul(node),
        "Softmax" => ConvertSoftmax(node),
        _ => throw new NotSupportedException($"TF op '{node.Op}' (node '{node.Name}') is not supported by the converter."),
    };

    private Activation ConvertPlaceholder(TfjsNode node)
    {
        var dims = node.Attributes["shape"]?["shape"]?["dim"] as JsonArray
            ?? throw new NotSupportedException($"Placeholder '{node.Name}' has no static shape.");
        var shape = dims.Select(dim => TfjsNode.ToLong(dim!["size"]!)).ToArray();
        _graph.AddInput(_inputName, OnnxElementType.Float, Dimensions(shape));
        if (shape.Length != 4)
        {
            return new Activation(_inputName, shape, IsNchw: false);
        }

        var nchw = _graph.AddNode("Transpose", [_inputName], _graph.UniqueName(_inputName + "/nchw"), OnnxAttributeValue.Ints("perm", 0, 3, 1, 2));
        return new Activation(nchw, shape, IsNchw: true);
    }

    private Activation ConvertBinary(TfjsNode node, string onnxOp)
    {
        var inputs = node.DataInputs.Select(Resolve).ToArray();
        var activation = inputs.OfType<Activation>().FirstOrDefault()
            ?? throw new NotSupportedException($"Node '{node.Name}' combines two constants; constant folding is not supported.");
        if (inputs.OfType<Activation>().Any(other => other.IsNchw != activation.IsNchw || !other.TfShape.SequenceEqual(activation.TfShape)))
        {
            throw new NotSupportedException($"Node '{node.Name}' combines activations of different shapes; only equal shapes are supported.");
        }

        var names = inputs.Select(input => input switch
        {
            Activation a => a.Name,
            Constant c => BroadcastConstant(c.Weight, activation, node),
            _ => throw new InvalidOperationException(),
        }).ToArray();
        var output = _graph.AddNode(onnxOp, names, node.Name);
        return activation with { Name = output };
    }

    private string BroadcastConstant(TfjsWeight weight, Activation activation, TfjsNode node)
    {
        if (weight.Shape.Length == 0)
        {
            return Initializer(weight.Name, [], weight.Values);
        }

        var channels = activation.TfShape[^1];
        if (weight.Shape.Length == 1 && weight.Shape[0] == channels)
        {
            // A per-channel vector broadcasts along TF's last axis; in NCHW that axis is 1.
            return activation.IsNchw
                ? Initializer(weight.Name + "/nchw", [1, channels, 1, 1], weight.Values)
                : Initializer(weight.Name, [channels], weight.Values);
        }

        throw new NotSupportedException(
            $"Node '{node.Name}' broadcasts constant '{weight.Name}' of shape [{string.Join(", ", weight.Shape)}]; only scalars and per-channel vectors are supported.");
    }

    private Activation ConvertActivation(TfjsNode node, string activationOp)
    {
        var input = RequireActivation(node, 0);
        return input with { Name = ApplyActivation(input.Name, activationOp, node.Name) };
    }

    private string ApplyActivation(string input, string activation, string outputName) => activation switch
    {
        "Relu" => _graph.AddNode("Relu", [input], outputName),
        // ReLU6 is Clip(x, 0, 6); opset 11+ takes the bounds as inputs.
        "Relu6" => _graph.AddNode("Clip", [input, Initializer("relu6/min", [], [0f]), Initializer("relu6/max", [], [6f])], outputName),
        _ => throw new NotSupportedException($"Fused activation '{activation}' is not supported."),
    };

    private Activation ConvertConvolution(TfjsNode node, bool depthwise)
    {
        RequireNhwc(node);
        var input = RequireActivation(node, 0);
        RequireImage(input, node.Name);
        var filter = RequireConstant(node, 1);
        var (bias, activation) = FusedOps(node);
        var kernelHeight = filter.Shape[0];
        var kernelWidth = filter.Shape[1];
        var inChannels = filter.Shape[2];
        var outChannels = depthwise ? inChannels * filter.Shape[3] : filter.Shape[3];
        if (inChannels != input.TfShape[3])
        {
            throw new NotSupportedException($"Node '{node.Name}': filter expects {inChannels} channels, input has {input.TfShape[3]}.");
        }

        var strides = SpatialPair(node.Ints("strides"), 1);
        var dilations = SpatialPair(node.Ints("dilations"), 1);
        var (outHeight, padTop, padBottom) = Window(node, input.TfShape[1], kernelHeight, strides.Height, dilations.Height, axis: 0);
        var (outWidth, padLeft, padRight) = Window(node, input.TfShape[2], kernelWidth, strides.Width, dilations.Width, axis: 1);

        var weights = depthwise ? DepthwiseFilterToOnnx(filter) : FilterToOnnx(filter);
        var inputs = new List<string>
        {
            input.Name,
            Initializer(filter.Name, [outChannels, depthwise ? 1 : inChannels, kernelHeight, kernelWidth], weights),
        };
        if (bias is not null)
        {
            inputs.Add(Initializer(bias.Name, [outChannels], bias.Values));
        }

        var convolutionName = activation is null ? node.Name : _graph.UniqueName(node.Name + "/conv");
        _graph.AddNode("Conv", inputs, convolutionName,
            OnnxAttributeValue.Ints("kernel_shape", kernelHeight, kernelWidth),
            OnnxAttributeValue.Ints("strides", strides.Height, strides.Width),
            OnnxAttributeValue.Ints("dilations", dilations.Height, dilations.Width),
            OnnxAttributeValue.Ints("pads", padTop, padLeft, padBottom, padRight),
            OnnxAttributeValue.Of("group", depthwise ? inChannels : 1L));
        var output = activation is null ? convolutionName : ApplyActivation(convolutionName, activation, node.Name);
        return new Activation(output, [input.TfShape[0], outHeight, outWidth, outChannels], IsNchw: true);
    }

    private (TfjsWeight? Bias, string? Activation) FusedOps(TfjsNode node)
    {
        var fused = node.Texts("fused_ops");
        if (fused.Length == 0)
        {
            return (null, null);
        }

        if (fused[0] != "BiasAdd" || fused.Length > 2 || node.DataInputs.Count != 3)
        {
            throw new NotSupportedException($"Node '{node.Name}' fuses [{string.Join(", ", fused)}]; only BiasAdd followed by an optional activation is supported.");
        }

        return (RequireConstant(node, 2), fused.Length == 2 ? fused[1] : null);
    }

    private Activation ConvertPool(TfjsNode node, bool average)
    {
        RequireNhwc(node);
        var input = RequireActivation(node, 0);
        RequireImage(input, node.Name);
        var kernel = SpatialPair(node.Ints("ksize"), 1);
        var strides = SpatialPair(node.Ints("strides"), 1);
        var (outHeight, padTop, padBottom) = Window(node, input.TfShape[1], kernel.Height, strides.Height, 1, axis: 0);
        var (outWidth, padLeft, padRight) = Window(node, input.TfShape[2], kernel.Width, strides.Width, 1, axis: 1);
        string output;
        if (average && outHeight == 1 && outWidth == 1 && kernel.Height == input.TfShape[1] && kernel.Width == input.TfShape[2])
        {
            output = _graph.AddNode("GlobalAveragePool", [input.Name], node.Name);
        }
        else
        {
            // TF's average pooling leaves padded cells out of the mean: ONNX's count_include_pad = 0 (the default).
            output = _graph.AddNode(average ? "AveragePool" : "MaxPool", [input.Name], node.Name,
                OnnxAttributeValue.Ints("kernel_shape", kernel.Height, kernel.Width),
                OnnxAttributeValue.Ints("strides", strides.Height, strides.Width),
                OnnxAttributeValue.Ints("pads", padTop, padLeft, padBottom, padRight));
        }

        return new Activation(output, [input.TfShape[0], outHeight, outWidth, input.TfShape[3]], IsNchw: true);
    }

    private Activation ConvertMean(TfjsNode node)
    {
        var input = RequireActivation(node, 0);
        RequireImage(input, node.Name);
        var axes = RequireConstant(node, 1).Values.Select(axis => (long)axis).Order().ToArray();
        if (!axes.SequenceEqual([1L, 2L]))
        {
            throw new NotSupportedException($"Mean '{node.Name}' reduces axes [{string.Join(", ", axes)}]; only the spatial mean [1, 2] is supported.");
        }

        if (node.Flag("keep_dims"))
        {
            var kept = _graph.AddNode("GlobalAveragePool", [input.Name], node.Name);
            return new Activation(kept, [input.TfShape[0], 1, 1, input.TfShape[3]], IsNchw: true);
        }

        var pooled = _graph.AddNode("GlobalAveragePool", [input.Name], _graph.UniqueName(node.Name + "/pool"));
        var flat = _graph.AddNode("Flatten", [pooled], node.Name, OnnxAttributeValue.Of("axis", 1L));
        return new Activation(flat, [input.TfShape[0], input.TfShape[3]], IsNchw: false);
    }

    private Activation ConvertSqueeze(TfjsNode node)
    {
        var input = RequireActivation(node, 0);
        var axes = node.Ints("squeeze_dims").Order().ToArray();
        if (!input.IsNchw || !axes.SequenceEqual([1L, 2L]) || input.TfShape[1] != 1 || input.TfShape[2] != 1)
        {
            throw new NotSupportedException($"Squeeze '{node.Name}' is supported only for removing 1×1 spatial dimensions.");
        }

        var flat = _graph.AddNode("Flatten", [input.Name], node.Name, OnnxAttributeValue.Of("axis", 1L));
        return new Activation(flat, [input.TfShape[0], input.TfShape[3]], IsNchw: false);
    }

    private Activation ConvertMatMul(TfjsNode node)
    {
        var input = RequireActivation(node, 0);
        var weights = RequireConstant(node, 1);
        if (input.TfShape.Length != 2 || node.Flag("transpose_a"))
        {
            throw new NotSupportedException($"MatMul '{node.Name}' is supported only as [batch, in] × constant.");
        }

        var transposeB = node.Flag("transpose_b");
        var outputs = transposeB ? weights.Shape[0] : weights.Shape[1];
        var (bias, activation) = FusedOps(node);
        var inputs = new List<string> { input.Name, Initializer(weights.Name, weights.Shape, weights.Values) };
        if (bias is not null)
        {
            inputs.Add(Initializer(bias.Name, [outputs], bias.Values));
        }

        var gemmName = activation is null ? node.Name : _graph.UniqueName(node.Name + "/gemm");
        _graph.AddNode("Gemm", inputs, gemmName, OnnxAttributeValue.Of("transB", transposeB ? 1L : 0L));
        var output = activation is null ? gemmName : ApplyActivation(gemmName, activation, node.Name);
        return new Activation(output, [input.TfShape[0], outputs], IsNchw: false);
    }

    private Activation ConvertSoftmax(TfjsNode node)
    {
        var input = RequireActivation(node, 0);
        if (input.IsNchw)
        {
            throw new NotSupportedException($"Softmax '{node.Name}' over an image tensor is not supported.");
        }

        var output = _graph.AddNode("Softmax", [input.Name], node.Name, OnnxAttributeValue.Of("axis", -1L));
        return input with { Name = output };
    }

    /// <summary>Output size and (before, after) padding of one spatial axis, as TensorFlow computes them.</summary>
    private static (long Size, long Before, long After) Window(TfjsNode node, long input, long kernel, long stride, long dilation, int axis)
    {
        var effectiveKernel = (kernel - 1) * dilation + 1;
        switch (node.Text("padding"))
        {
            case "VALID":
                return ((input - effectiveKernel + stride) / stride, 0, 0);
            case "SAME":
                var size = (input + stride - 1) / stride;
                var total = Math.Max((size - 1) * stride + effectiveKernel - input, 0);
                // TensorFlow puts the odd padding cell at the end (bottom/right).
                return (size, total / 2, total - total / 2);
            case "EXPLICIT":
                var explicitPads = node.Ints("explicit_paddings");
                var before = explicitPads[2 + axis * 2];
                var after = explicitPads[3 + axis * 2];
                return ((input + before + after - effectiveKernel) / stride + 1, before, after);
            default:
                throw new NotSupportedException($"Node '{node.Name}' has padding '{node.Text("padding")}'.");
        }
    }

    private static (long Height, long Width) SpatialPair(long[] nhwc, long fallback) =>
        nhwc.Length == 4 ? (nhwc[1], nhwc[2]) : (fallback, fallback);

    /// <summary>HWIO → OIHW.</summary>
    private static float[] FilterToOnnx(TfjsWeight filter)
    {
        var (kh, kw, ci, co) = ((int)filter.Shape[0], (int)filter.Shape[1], (int)filter.Shape[2], (int)filter.Shape[3]);
        var result = new float[filter.Values.Length];
        for (var y = 0; y < kh; y++)
        for (var x = 0; x < kw; x++)
        for (var i = 0; i < ci; i++)
        for (var o = 0; o < co; o++)
        {
            result[(((o * ci) + i) * kh + y) * kw + x] = filter.Values[(((y * kw) + x) * ci + i) * co + o];
        }

        return result;
    }

    /// <summary>HW(C)(M) depthwise filter → (C·M)1HW grouped-convolution weights, output channel c·M + m as in TF.</summary>
    private static float[] DepthwiseFilterToOnnx(TfjsWeight filter)
    {
        var (kh, kw, channels, multiplier) = ((int)filter.Shape[0], (int)filter.Shape[1], (int)filter.Shape[2], (int)filter.Shape[3]);
        var result = new float[filter.Values.Length];
        for (var y = 0; y < kh; y++)
        for (var x = 0; x < kw; x++)
        for (var c = 0; c < channels; c++)
        for (var m = 0; m < multiplier; m++)
        {
            result[(((c * multiplier) + m) * kh + y) * kw + x] = filter.Values[(((y * kw) + x) * channels + c) * multiplier + m];
        }

        return result;
    }

    private string Initializer(string name, long[] dims, float[] values)
    {
        if (_initializers.TryGetValue(name, out var existing))
        {
            return existing;
        }

        _graph.AddInitializer(OnnxInitializer.FromFloats(name, dims, values));
        _parameterCount += values.Length;
        _initializers[name] = name;
        return name;
    }

    private Activation RequireActivation(TfjsNode node, int index) =>
        Resolve(node.DataInputs[index]) as Activation
            ?? throw new NotSupportedException($"Input {index} of '{node.Name}' is a constant; an activation was expected.");

    private TfjsWeight RequireConstant(TfjsNode node, int index) =>
        Resolve(node.DataInputs[index]) is Constant constant
            ? constant.Weight
            : throw new NotSupportedException($"Input {index} of '{node.Name}' is computed; a constant was expected.");

    private static void RequireImage(Activation value, string node)
    {
        if (!value.IsNchw || value.TfShape.Length != 4)
        {
            throw new NotSupportedException($"Node '{node}' needs an image tensor [batch, height, width, channels].");
        }
    }

    private static void RequireNhwc(TfjsNode node)
    {
        var format = node.Text("data_format") ?? "NHWC";
        if (format != "NHWC")
        {
            throw new NotSupportedException($"Node '{node.Name}' uses data format {format}; only NHWC is supported.");
        }
    }

    private static OnnxDimension[] Dimensions(long[] shape) =>
        shape.Select((size, axis) => size < 0 ? OnnxDimension.Symbolic(axis == 0 ? "batch" : $"dim{axis}") : (OnnxDimension)size).ToArray();
}
