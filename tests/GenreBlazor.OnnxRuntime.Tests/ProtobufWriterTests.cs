using GenreBlazor.OnnxRuntime.ModelFormat;

namespace GenreBlazor.OnnxRuntime.Tests;

public class ProtobufWriterTests
{
    private static byte[] Written(Action<ProtobufWriter> write)
    {
        var writer = new ProtobufWriter();
        write(writer);
        return writer.ToArray();
    }

    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(16384UL, new byte[] { 0x80, 0x80, 0x01 })]
    public void Varints_put_seven_bits_in_each_byte_low_bits_first(ulong value, byte[] expected) =>
        Assert.Equal(expected, Written(writer => writer.WriteVarint(value)));

    [Fact]
    public void Negative_int64_takes_ten_bytes_of_twos_complement() =>
        Assert.Equal(
            new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 },
            Written(writer => writer.WriteInt64(1, -1)));

    [Fact]
    public void Tag_combines_field_number_and_wire_type()
    {
        Assert.Equal(new byte[] { 0x08 }, Written(writer => writer.WriteTag(1, ProtobufWireType.Varint)));
        Assert.Equal(new byte[] { 0x12 }, Written(writer => writer.WriteTag(2, ProtobufWireType.LengthDelimited)));
        Assert.Equal(new byte[] { 0x15 }, Written(writer => writer.WriteTag(2, ProtobufWireType.Fixed32)));
        // field 20 (AttributeProto.type) needs a two-byte key: 20 << 3 = 160 = 0xA0 0x01
        Assert.Equal(new byte[] { 0xA0, 0x01 }, Written(writer => writer.WriteTag(20, ProtobufWireType.Varint)));
    }

    [Fact]
    public void Strings_are_length_prefixed_utf8() =>
        Assert.Equal(new byte[] { 0x12, 0x03, 0x68, 0xC3, 0xA9 }, Written(writer => writer.WriteString(2, "hé")));

    [Fact]
    public void Floats_are_little_endian_fixed32() =>
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, Written(writer => writer.WriteFloat(2, 1.0f)));

    [Fact]
    public void Nested_message_is_prefixed_with_its_length()
    {
        var bytes = Written(writer => writer.WriteMessage(7, nested =>
        {
            nested.WriteInt64(1, 150);
            nested.WriteString(2, "a");
        }));

        // 0x3A = field 7, length-delimited; body = 08 96 01 12 01 61 (6 bytes)
        Assert.Equal(new byte[] { 0x3A, 0x06, 0x08, 0x96, 0x01, 0x12, 0x01, 0x61 }, bytes);
    }

    [Fact]
    public void Packed_floats_and_int64s_share_one_length_prefix()
    {
        Assert.Equal(
            new byte[] { 0x22, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0 },
            Written(writer => writer.WritePackedFloats(4, [1.0f, -2.0f])));
        Assert.Equal(
            new byte[] { 0x0A, 0x03, 0x03, 0xAC, 0x02 },
            Written(writer => writer.WritePackedInt64(1, [3, 300])));
    }

    [Fact]
    public void Field_number_zero_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtobufWriter().WriteTag(0, ProtobufWireType.Varint));
}
