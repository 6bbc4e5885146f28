using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace GenreBlazor.Vision.Conversion;

/// <summary>
/// Decodes the weight bytes a TF.js weightsManifest describes, exactly as TF.js's io.decodeWeights does: entries
/// are laid end to end in manifest order over the concatenated shards; a quantized float32 entry holds uint8 or
/// uint16 codes q and decodes to float32(q * scale + min), the product and sum taken in double precision as
/// JavaScript does; float16 entries are widened.
/// </summary>
public static class TfjsWeightDecoder
{
    /// <summary>Decodes every entry of the manifest groups from <paramref name="weightData"/>.</summary>
    public static IReadOnlyDictionary<string, TfjsWeight> Decode(JsonArray weightsManifest, ReadOnlySpan<byte> weightData)
    {
        var weights = new Dictionary<string, TfjsWeight>(StringComparer.Ordinal);
        var offset = 0;
        foreach (var group in weightsManifest)
        {
            foreach (var entry in group!["weights"]!.AsArray())
            {
                var weight = DecodeEntry(entry!.AsObject(), weightData, ref offset);
                weights[weight.Name] = weight;
            }
        }

        if (offset != weightData.Length)
        {
            throw new FormatException($"The manifest describes {offset} bytes of weights but the shards hold {weightData.Length}.");
        }

        return weights;
    }

    private static TfjsWeight DecodeEntry(JsonObject entry, ReadOnlySpan<byte> data, ref int offset)
    {
        var name = entry["name"]!.GetValue<string>();
        var dtype = entry["dtype"]!.GetValue<string>();
        var shape = entry["shape"]!.AsArray().Select(dim => TfjsNode.ToLong(dim!)).ToArray();
        var count = checked((int)shape.Aggregate(1L, (product, dim) => product * dim));
        if (dtype is not ("float32" or "int32"))
        {
            throw new NotSupportedException($"Weight '{name}' has dtype {dtype}; only float32 and int32 are supported.");
        }

        var values = new float[count];
        if (entry["quantization"] is JsonObject quantization)
        {
            var codeType = quantization["dtype"]!.GetValue<string>();
            var bytesPerCode = codeType switch
            {
                "uint8" => 1,
                "uint16" or "float16" => 2,
                _ => throw new NotSupportedException($"Weight '{name}' uses quantization {codeType}."),
            };
            var codes = Slice(data, offset, count * bytesPerCode, name);
            if (codeType == "float16")
            {
                for (var i = 0; i < count; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(codes[(i * 2)..]);
                }
            }
            else
            {
                var scale = quantization["scale"]!.GetValue<double>();
                var min = quantization["min"]!.GetValue<double>();
                var isInteger = dtype == "int32";
                for (var i = 0; i < count; i++)
                {
                    double code = bytesPerCode == 1 ? codes[i] : BinaryPrimitives.ReadUInt16LittleEndian(codes[(i * 2)..]);
                    var decoded = code * scale + min;
                    // JavaScript's Math.round rounds halves up (towards +infinity), hence Floor(x + 0.5).
                    values[i] = isInteger ? (float)Math.Floor(decoded + 0.5) : (float)decoded;
                }
            }

            offset += count * bytesPerCode;
        }
        else
        {
            var raw = Slice(data, offset, count * 4, name);
            for (var i = 0; i < count; i++)
            {
                values[i] = dtype == "int32"
                    ? BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..])
                    : BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
            }

            offset += count * 4;
        }

        return new TfjsWeight(name, shape, values);
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> data, int offset, int length, string name) =>
        offset + length <= data.Length
            ? data.Slice(offset, length)
            : throw new FormatException($"Weight '{name}' runs past the end of the weight data.");
}
