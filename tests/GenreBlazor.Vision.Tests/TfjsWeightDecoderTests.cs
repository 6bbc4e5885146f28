using System.Text.Json.Nodes;
using GenreBlazor.Vision.Conversion;

namespace GenreBlazor.Vision.Tests;

public class TfjsWeightDecoderTests
{
    private static JsonArray Manifest(params string[] entries) =>
        JsonNode.Parse($$"""[{"paths":["s1"],"weights":[{{string.Join(",", entries)}}]}]""")!.AsArray();

    [Fact]
    public void Uint8_codes_decode_to_code_times_scale_plus_min_in_manifest_order()
    {
        var manifest = Manifest(
            """{"name":"a","shape":[3],"dtype":"float32","quantization":{"min":-1,"scale":0.5,"dtype":"uint8"}}""",
            """{"name":"b","shape":[],"dtype":"float32","quantization":{"min":2,"scale":1,"dtype":"uint8"}}""");

        var weights = TfjsWeightDecoder.Decode(manifest, [0, 1, 4, 0]);

        Assert.Equal([-1f, -0.5f, 1f], weights["a"].Values);
        Assert.Empty(weights["b"].Shape);
        Assert.Equal([2f], weights["b"].Values);
    }

    [Fact]
    public void Dequantization_is_computed_in_double_then_rounded_to_float_like_javascript()
    {
        // 0.1 * 3 + 0.2 in double is 0.5000000000000001; float32 of that is 0.5. In float arithmetic the answer
        // could differ in the last bit for other values; the decoder must do what Float32Array(double) does.
        var manifest = Manifest("""{"name":"w","shape":[2],"dtype":"float32","quantization":{"min":0.2,"scale":0.1,"dtype":"uint8"}}""");

        var weights = TfjsWeightDecoder.Decode(manifest, [3, 255]);

        Assert.Equal((float)(3 * 0.1 + 0.2), weights["w"].Values[0]);
        Assert.Equal((float)(255 * 0.1 + 0.2), weights["w"].Values[1]);
    }

    [Fact]
    public void Uint16_float16_and_plain_float32_entries_are_decoded()
    {
        var manifest = Manifest(
            """{"name":"u","shape":[1],"dtype":"float32","quantization":{"min":0,"scale":0.25,"dtype":"uint16"}}""",
            """{"name":"h","shape":[1],"dtype":"float32","quantization":{"dtype":"float16"}}""",
            """{"name":"f","shape":[1],"dtype":"float32"}""");
        byte[] data = [0x00, 0x01, /* 256 */ 0x00, 0x3C, /* half 1.0 */ 0x00, 0x00, 0x20, 0xC0 /* -2.5f */];

        var weights = TfjsWeightDecoder.Decode(manifest, data);

        Assert.Equal([64f], weights["u"].Values);
        Assert.Equal([1f], weights["h"].Values);
        Assert.Equal([-2.5f], weights["f"].Values);
    }

    [Fact]
    public void Shards_longer_than_the_manifest_are_an_error()
    {
        var manifest = Manifest("""{"name":"f","shape":[1],"dtype":"float32"}""");

        Assert.Throws<FormatException>(() => TfjsWeightDecoder.Decode(manifest, new byte[8]));
        Assert.Throws<FormatException>(() => TfjsWeightDecoder.Decode(manifest, new byte[2]));
    }
}
