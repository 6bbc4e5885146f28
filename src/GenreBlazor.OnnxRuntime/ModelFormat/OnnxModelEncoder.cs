namespace GenreBlazor.OnnxRuntime.ModelFormat;

/// <summary>
/// Encodes an <see cref="OnnxModelDefinition"/> as an ONNX model file (a serialized onnx.ModelProto). The field
/// numbers below are those of onnx.proto; only the fields this project needs are written.
/// </summary>
public static class OnnxModelEncoder
{
    private static class ModelProto
    {
        public const int IrVersion = 1, ProducerName = 2, ProducerVersion = 3, DocString = 6, Graph = 7, OpsetImport = 8, MetadataProps = 14;
    }

    private static class OperatorSetIdProto
    {
        public const int Domain = 1, Version = 2;
    }

    private static class StringStringEntryProto
    {
        public const int Key = 1, Value = 2;
    }

    private static class GraphProto
    {
        public const int Node = 1, Name = 2, Initializer = 5, Input = 11, Output = 12;
    }

    private static class NodeProto
    {
        public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5;
    }

    private static class AttributeProto
    {
        public const int Name = 1, F = 2, I = 3, S = 4, Floats = 7, Ints = 8, Type = 20;
    }

    private static class TensorProto
    {
        public const int Dims = 1, DataType = 2, Name = 8, RawData = 9;
    }

    private static class ValueInfoProto
    {
        public const int Name = 1, Type = 2;
    }

    private static class TypeProto
    {
        public const int TensorType = 1;
        public const int TensorElemType = 1, TensorShape = 2;
    }

    private static class TensorShapeProto
    {
        public const int Dim = 1;
        public const int DimValue = 1, DimParam = 2;
    }

    /// <summary>The model file's bytes.</summary>
    public static byte[] Encode(OnnxModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var writer = new ProtobufWriter();
        writer.WriteInt64(ModelProto.IrVersion, model.IrVersion);
        writer.WriteString(ModelProto.ProducerName, model.ProducerName);
        writer.WriteString(ModelProto.ProducerVersion, model.ProducerVersion);
        if (model.DocString.Length > 0)
        {
            writer.WriteString(ModelProto.DocString, model.DocString);
        }

        writer.WriteMessage(ModelProto.Graph, graph => WriteGraph(graph, model.Graph));
        writer.WriteMessage(ModelProto.OpsetImport, opset =>
        {
            opset.WriteString(OperatorSetIdProto.Domain, "");
            opset.WriteInt64(OperatorSetIdProto.Version, model.OpsetVersion);
        });
        foreach (var (key, value) in model.Metadata)
        {
            writer.WriteMessage(ModelProto.MetadataProps, entry =>
            {
                entry.WriteString(StringStringEntryProto.Key, key);
                entry.WriteString(StringStringEntryProto.Value, value);
            });
        }

        return writer.ToArray();
    }

    /// <summary>Encodes the model and writes it to <paramref name="path"/> (creating the folder).</summary>
    public static void WriteFile(OnnxModelDefinition model, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, Encode(model));
    }

    private static void WriteGraph(ProtobufWriter writer, OnnxGraphDefinition graph)
    {
        foreach (var node in graph.Nodes)
        {
            writer.WriteMessage(GraphProto.Node, nodeWriter => WriteNode(nodeWriter, node));
        }

        writer.WriteString(GraphProto.Name, graph.Name);
        foreach (var initializer in graph.Initializers)
        {
            writer.WriteMessage(GraphProto.Initializer, tensor => WriteTensor(tensor, initializer));
        }

        foreach (var input in graph.Inputs)
        {
            writer.WriteMessage(GraphProto.Input, value => WriteValueInfo(value, input));
        }

        foreach (var output in graph.Outputs)
        {
            writer.WriteMessage(GraphProto.Output, value => WriteValueInfo(value, output));
        }
    }

    private static void WriteNode(ProtobufWriter writer, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            writer.WriteString(NodeProto.Input, input);
        }

        foreach (var output in node.Outputs)
        {
            writer.WriteString(NodeProto.Output, output);
        }

        if (node.Name.Length > 0)
        {
            writer.WriteString(NodeProto.Name, node.Name);
        }

        writer.WriteString(NodeProto.OpType, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            writer.WriteMessage(NodeProto.Attribute, attributeWriter => WriteAttribute(attributeWriter, attribute));
        }
    }

    private static void WriteAttribute(ProtobufWriter writer, OnnxAttributeValue attribute)
    {
        writer.WriteString(AttributeProto.Name, attribute.Name);
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Float:
                writer.WriteFloat(AttributeProto.F, attribute.FloatValue);
                break;
            case OnnxAttributeKind.Int:
                writer.WriteInt64(AttributeProto.I, attribute.IntValue);
                break;
            case OnnxAttributeKind.String:
                writer.WriteString(AttributeProto.S, attribute.StringValue ?? "");
                break;
            case OnnxAttributeKind.Floats:
                foreach (var value in attribute.FloatValues ?? [])
                {
                    writer.WriteFloat(AttributeProto.Floats, value);
                }

                break;
            case OnnxAttributeKind.Ints:
                foreach (var value in attribute.IntValues ?? [])
                {
                    writer.WriteInt64(AttributeProto.Ints, value);
                }

                break;
            default:
                throw new NotSupportedException($"Attribute kind {attribute.Kind} is not supported.");
        }

        writer.WriteInt32(AttributeProto.Type, (int)attribute.Kind);
    }

    private static void WriteTensor(ProtobufWriter writer, OnnxInitializer tensor)
    {
        foreach (var dim in tensor.Dims)
        {
            writer.WriteInt64(TensorProto.Dims, dim);
        }

        writer.WriteInt32(TensorProto.DataType, (int)tensor.ElementType);
        writer.WriteString(TensorProto.Name, tensor.Name);
        writer.WriteBytes(TensorProto.RawData, tensor.RawData);
    }

    private static void WriteValueInfo(ProtobufWriter writer, OnnxValueDeclaration value)
    {
        writer.WriteString(ValueInfoProto.Name, value.Name);
        writer.WriteMessage(ValueInfoProto.Type, type => type.WriteMessage(TypeProto.TensorType, tensorType =>
        {
            tensorType.WriteInt32(TypeProto.TensorElemType, (int)value.ElementType);
            tensorType.WriteMessage(TypeProto.TensorShape, shape =>
            {
                foreach (var dimension in value.Shape)
                {
                    shape.WriteMessage(TensorShapeProto.Dim, dim =>
                    {
                        if (dimension.Symbol is { } symbol)
                        {
                            dim.WriteString(TensorShapeProto.DimParam, symbol);
                        }
                        else
                        {
                            dim.WriteInt64(TensorShapeProto.DimValue, dimension.Size);
                        }
                    });
                }
            });
        }));
    }
}
