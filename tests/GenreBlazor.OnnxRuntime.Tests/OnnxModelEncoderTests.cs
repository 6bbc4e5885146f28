using System.Text;
using GenreBlazor.OnnxRuntime.ModelFormat;

namespace GenreBlazor.OnnxRuntime.Tests;

public class OnnxModelEncoderTests
{
    [Fact]
    public void Model_header_holds_ir_version_and_producer_first()
    {
        var bytes = OnnxModelEncoder.Encode(new OnnxModelDefinition(TinyModels.AddConstant().Graph) { ProducerVersion = "9" });

        // ir_version (field 1) = 7, producer_name (field 2) = "GenreBlazor", producer_version (field 3) = "9"
        var expected = new List<byte> { 0x08, 0x07, 0x12, 11 };
        expected.AddRange(Encoding.ASCII.GetBytes("GenreBlazor"));
        expected.AddRange([0x1A, 0x01, (byte)'9']);
        Assert.Equal(expected, bytes.Take(expected.Count));
    }

    [Fact]
    public void Opset_import_is_the_default_domain_at_the_requested_version()
    {
        var bytes = OnnxModelEncoder.Encode(new OnnxModelDefinition(TinyModels.AddConstant().Graph) { OpsetVersion = 13 });

        // field 8 (opset_import), length 4: domain (field 1) "" then version (field 2) 13
        byte[] opset = [0x42, 0x04, 0x0A, 0x00, 0x10, 0x0D];
        Assert.True(IndexOf(bytes, opset) > 0, "opset_import { domain: \"\" version: 13 } not found");
    }

    [Fact]
    public void Initializer_is_a_tensor_with_dims_type_name_and_raw_little_endian_data()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInitializer(OnnxInitializer.FromFloats("w", [2], [1.0f, 2.0f]));
        var bytes = OnnxModelEncoder.Encode(new OnnxModelDefinition(graph.Build()));

        // GraphProto.initializer (field 5): dims 2, data_type 1 (FLOAT), name "w", raw_data 8 bytes
        byte[] tensor = [0x2A, 0x11, 0x08, 0x02, 0x10, 0x01, 0x42, 0x01, (byte)'w', 0x4A, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40];
        Assert.True(IndexOf(bytes, tensor) > 0, "initializer bytes not found");
    }

    [Fact]
    public void Attribute_carries_its_type_number()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddNode("Softmax", ["x"], "y", OnnxAttributeValue.Of("axis", 1L));
        var bytes = OnnxModelEncoder.Encode(new OnnxModelDefinition(graph.Build()));

        // AttributeProto: name "axis", i (field 3) = 1, type (field 20) = INT (2)
        byte[] attribute = [0x2A, 0x0B, 0x0A, 0x04, (byte)'a', (byte)'x', (byte)'i', (byte)'s', 0x18, 0x01, 0xA0, 0x01, 0x02];
        Assert.True(IndexOf(bytes, attribute) > 0, "attribute bytes not found");
    }

    [Fact]
    public void Same_definition_encodes_to_identical_bytes() =>
        Assert.Equal(OnnxModelEncoder.Encode(TinyModels.MatMulRelu()), OnnxModelEncoder.Encode(TinyModels.MatMulRelu()));

    [Fact]
    public void Builder_rejects_a_value_name_used_twice()
    {
        var graph = new OnnxGraphBuilder("g");
        graph.AddInput("x", OnnxElementType.Float, 1);
        Assert.Throws<ArgumentException>(() => graph.AddNode("Relu", ["x"], "x"));
    }

    [Fact]
    public void Initializer_must_have_as_many_values_as_its_dims_say() =>
        Assert.Throws<ArgumentException>(() => OnnxInitializer.FromFloats("w", [2, 2], [1, 2, 3]));

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
