namespace GenreBlazor.OnnxRuntime;

#pragma warning disable CA1720 // the members mirror ONNX's own element type names
/// <summary>Element types of ONNX tensors (<c>ONNXTensorElementDataType</c>, same numbers as TensorProto.DataType).</summary>
public enum OnnxElementType
{
    /// <summary>Not a tensor, or not known.</summary>
    Undefined = 0,
    /// <summary>32-bit float.</summary>
    Float = 1,
    /// <summary>Unsigned byte.</summary>
    UInt8 = 2,
    /// <summary>Signed byte.</summary>
    Int8 = 3,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,
    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,
    /// <summary>String.</summary>
    String = 8,
    /// <summary>Boolean.</summary>
    Bool = 9,
    /// <summary>16-bit float.</summary>
    Float16 = 10,
    /// <summary>64-bit float.</summary>
    Double = 11,
}
#pragma warning restore CA1720

/// <summary>A model input or output as the session reports it.</summary>
/// <param name="Name">The graph name of the value.</param>
/// <param name="ElementType">The tensor element type (<see cref="OnnxElementType.Undefined"/> for non-tensors).</param>
/// <param name="Shape">Dimensions; -1 marks a dynamic (symbolic or unknown) dimension.</param>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<long> Shape)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape)}]";
}
