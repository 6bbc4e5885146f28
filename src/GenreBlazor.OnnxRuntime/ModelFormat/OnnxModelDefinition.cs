namespace GenreBlazor.OnnxRuntime.ModelFormat;

/// <summary>An ONNX model to write: one graph, one default-domain opset.</summary>
/// <param name="Graph">The graph.</param>
public sealed record OnnxModelDefinition(OnnxGraphDefinition Graph)
{
    /// <summary>ONNX IR version (7 goes with opset 13).</summary>
    public long IrVersion { get; init; } = 7;

    /// <summary>Version of the default ("ai.onnx") operator set.</summary>
    public long OpsetVersion { get; init; } = 13;

    /// <summary>Written as ModelProto.producer_name.</summary>
    public string ProducerName { get; init; } = "GenreBlazor";

    /// <summary>Written as ModelProto.producer_version.</summary>
    public string ProducerVersion { get; init; } = "1";

    /// <summary>Written as ModelProto.doc_string when not empty.</summary>
    public string DocString { get; init; } = "";

    /// <summary>Written as ModelProto.metadata_props, in this order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];
}

/// <summary>A computation graph: nodes in topological order, constant initializers, declared inputs and outputs.</summary>
public sealed record OnnxGraphDefinition(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxInitializer> Initializers,
    IReadOnlyList<OnnxValueDeclaration> Inputs,
    IReadOnlyList<OnnxValueDeclaration> Outputs);

/// <summary>One operator application.</summary>
/// <param name="OpType">Operator name in the default domain, e.g. "Conv".</param>
/// <param name="Inputs">Input value names ("" for an omitted optional input).</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Name">Node name (informational, but must be unique when not empty).</param>
/// <param name="Attributes">Attributes in the order they are written.</param>
public sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    string Name,
    IReadOnlyList<OnnxAttributeValue> Attributes);

#pragma warning disable CA1720 // the members mirror ONNX's AttributeType names
/// <summary>The attribute kinds this writer supports (AttributeProto.AttributeType numbers).</summary>
public enum OnnxAttributeKind
{
    /// <summary>One float.</summary>
    Float = 1,
    /// <summary>One int64.</summary>
    Int = 2,
    /// <summary>One string.</summary>
    String = 3,
    /// <summary>A list of floats.</summary>
    Floats = 6,
    /// <summary>A list of int64.</summary>
    Ints = 7,
}
#pragma warning restore CA1720

/// <summary>A node attribute; build it with the static factories.</summary>
public sealed record OnnxAttributeValue(string Name, OnnxAttributeKind Kind, long IntValue, float FloatValue, string? StringValue, long[]? IntValues, float[]? FloatValues)
{
    /// <summary>An INT attribute.</summary>
    public static OnnxAttributeValue Of(string name, long value) => new(name, OnnxAttributeKind.Int, value, 0, null, null, null);

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttributeValue Of(string name, float value) => new(name, OnnxAttributeKind.Float, 0, value, null, null, null);

    /// <summary>A STRING attribute.</summary>
    public static OnnxAttributeValue Of(string name, string value) => new(name, OnnxAttributeKind.String, 0, 0, value, null, null);

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttributeValue Ints(string name, params long[] values) => new(name, OnnxAttributeKind.Ints, 0, 0, null, values, null);

    /// <summary>A FLOATS attribute.</summary>
    public static OnnxAttributeValue Floats(string name, params float[] values) => new(name, OnnxAttributeKind.Floats, 0, 0, null, null, values);
}

/// <summary>A constant tensor stored in the graph (its bytes go to TensorProto.raw_data, little-endian).</summary>
public sealed record OnnxInitializer(string Name, OnnxElementType ElementType, long[] Dims, byte[] RawData)
{
    /// <summary>A float32 initializer.</summary>
    public static OnnxInitializer FromFloats(string name, long[] dims, float[] values)
    {
        CheckCount(name, dims, values.Length);
        return new OnnxInitializer(name, OnnxElementType.Float, dims, LittleEndianBytes<float>(values));
    }

    /// <summary>An int64 initializer (e.g. a Reshape target shape).</summary>
    public static OnnxInitializer FromInt64s(string name, long[] dims, long[] values)
    {
        CheckCount(name, dims, values.Length);
        return new OnnxInitializer(name, OnnxElementType.Int64, dims, LittleEndianBytes<long>(values));
    }

    /// <summary>Number of elements.</summary>
    public long ElementCount => OnnxTensor.ElementCountOf(Dims);

    private static void CheckCount(string name, long[] dims, int count)
    {
        if (OnnxTensor.ElementCountOf(dims) != count)
        {
            throw new ArgumentException($"Initializer '{name}' has {count} values for dims [{string.Join(", ", dims)}].");
        }
    }

    private static byte[] LittleEndianBytes<T>(T[] values)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing ONNX raw_data is implemented for little-endian machines only.");
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}

/// <summary>One dimension of a declared shape: a fixed size or a named symbolic size such as "batch".</summary>
public readonly record struct OnnxDimension(long Size, string? Symbol)
{
    /// <summary>A fixed dimension.</summary>
    public static implicit operator OnnxDimension(long size) => new(size, null);

    /// <summary>A symbolic (dynamic) dimension.</summary>
    public static OnnxDimension Symbolic(string symbol) => new(-1, symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A graph input or output: name, element type and shape (ValueInfoProto).</summary>
public sealed record OnnxValueDeclaration(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDimension> Shape);
