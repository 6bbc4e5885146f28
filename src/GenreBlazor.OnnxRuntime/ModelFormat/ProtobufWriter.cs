using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GenreBlazor.OnnxRuntime.ModelFormat;

/// <summary>The protobuf wire types this writer emits.</summary>
public enum ProtobufWireType
{
    /// <summary>Base-128 varint (int32, int64, enums, bool).</summary>
    Varint = 0,
    /// <summary>Little-endian 8 bytes (double, fixed64).</summary>
    Fixed64 = 1,
    /// <summary>Length-prefixed bytes (string, bytes, nested messages, packed repeated fields).</summary>
    LengthDelimited = 2,
    /// <summary>Little-endian 4 bytes (float, fixed32).</summary>
    Fixed32 = 5,
}

/// <summary>
/// A small writer of the protobuf binary wire format, enough for ONNX's messages. Fields are written in the order
/// they are called, so the same calls always give the same bytes. A nested message is written into its own
/// writer first, because its length prefix must come before it.
/// </summary>
public sealed class ProtobufWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Writes a field key: (field number &lt;&lt; 3) | wire type.</summary>
    public void WriteTag(int fieldNumber, ProtobufWireType wireType)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fieldNumber, 1);
        WriteVarint(((ulong)(uint)fieldNumber << 3) | (uint)wireType);
    }

    /// <summary>Writes an unsigned base-128 varint, 7 bits a byte, low bits first.</summary>
    public void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var count = 0;
        while (value >= 0x80)
        {
            span[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[count++] = (byte)value;
        _buffer.Advance(count);
    }

    /// <summary>An int64 field; negative values take ten bytes (two's complement), as protobuf specifies.</summary>
    public void WriteInt64(int fieldNumber, long value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Varint);
        WriteVarint((ulong)value);
    }

    /// <summary>An int32 or enum field (sign-extended to 64 bits, as protobuf specifies).</summary>
    public void WriteInt32(int fieldNumber, int value) => WriteInt64(fieldNumber, value);

    /// <summary>A float field (fixed32, little-endian).</summary>
    public void WriteFloat(int fieldNumber, float value)
    {
        WriteTag(fieldNumber, ProtobufWireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>A bytes field.</summary>
    public void WriteBytes(int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A string field (UTF-8).</summary>
    public void WriteString(int fieldNumber, string value) => WriteBytes(fieldNumber, Encoding.UTF8.GetBytes(value));

    /// <summary>A nested message field, whose body <paramref name="writeBody"/> writes.</summary>
    public void WriteMessage(int fieldNumber, Action<ProtobufWriter> writeBody)
    {
        var nested = new ProtobufWriter();
        writeBody(nested);
        WriteBytes(fieldNumber, nested.WrittenSpan);
    }

    /// <summary>A packed repeated float field: one length-prefixed run of little-endian floats.</summary>
    public void WritePackedFloats(int fieldNumber, ReadOnlySpan<float> values)
    {
        WriteTag(fieldNumber, ProtobufWireType.LengthDelimited);
        WriteVarint((ulong)values.Length * 4);
        var span = _buffer.GetSpan(values.Length * 4);
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[(i * 4)..], values[i]);
        }

        _buffer.Advance(values.Length * 4);
    }

    /// <summary>A packed repeated int64 field: one length-prefixed run of varints.</summary>
    public void WritePackedInt64(int fieldNumber, ReadOnlySpan<long> values)
    {
        var body = new ProtobufWriter();
        foreach (var value in values)
        {
            body.WriteVarint((ulong)value);
        }

        WriteBytes(fieldNumber, body.WrittenSpan);
    }
}
