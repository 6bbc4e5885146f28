using System.Text;
using System.Text.Json.Nodes;
using GenreBlazor.OnnxRuntime;
using GenreBlazor.OnnxRuntime.ModelFormat;
using GenreBlazor.Vision.Conversion;

namespace GenreBlazor.Vision.Tests;

/// <summary>
/// Tiny TF graphs converted and run on ONNX Runtime, compared with straightforward loops that follow TensorFlow's
/// definitions (NHWC, HWIO filters, "SAME" padding with the odd cell at the end).
/// </summary>
public class TfjsToOnnxConverterTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Strided_same_convolution_with_bias_and_relu6_then_depthwise_matches_tensorflow_semantics()
    {
        var random = new Random(7);
        // 5×6 input: odd and even sizes, so stride-2 SAME pads differently on each axis.
        var filter = Values(random, 3 * 3 * 2 * 3, scale: 2f);
        var bias = Values(random, 3);
        var depthwise = Values(random, 3 * 3 * 3 * 2);
        var depthwiseBias = Values(random, 6);
        var model = Graph(
            [
                Placeholder("x", -1, 5, 6, 2),
                Const("w", filter, 3, 3, 2, 3), Const("b", bias, 3),
                Const("dw", depthwise, 3, 3, 3, 2), Const("db", depthwiseBias, 6),
                Node("conv", "_FusedConv2D", ["x", "w", "b"], ConvAttributes(2, "SAME", "BiasAdd", "Relu6")),
                Node("depthwise", "FusedDepthwiseConv2dNative", ["conv", "dw", "db"], ConvAttributes(1, "SAME", "BiasAdd")),
            ]);
        var input = Values(random, 2 * 5 * 6 * 2, scale: 3f);

        var outputs = ConvertAndRun(model, [new OnnxOutputTap("y", "depthwise"), new OnnxOutputTap("pooled", "conv", GlobalAveragePooled: true)], input, [2, 5, 6, 2]);

        var expectedConv = Reference.Convolution(input, batch: 2, height: 5, width: 6, channels: 2, filter, kernel: 3, outChannels: 3, stride: 2, bias, relu6: true);
        var expected = Reference.Depthwise(expectedConv.Values, 2, expectedConv.Height, expectedConv.Width, 3, depthwise, kernel: 3, multiplier: 2, depthwiseBias);
        Assert.Equal([2L, 3, 3, 6], outputs["y"].Shape);
        AssertClose(expected, outputs["y"].Data);
        AssertClose(Reference.SpatialMean(expectedConv.Values, 2, 3 * 3, 3), outputs["pooled"].Data);
    }

    [Fact]
    public void Valid_padding_convolution_without_fused_ops_is_plain()
    {
        var random = new Random(11);
        var filter = Values(random, 2 * 2 * 1 * 1);
        var model = Graph([Placeholder("x", -1, 3, 3, 1), Const("w", filter, 2, 2, 1, 1), Node("conv", "Conv2D", ["x", "w"], ConvAttributes(1, "VALID"))]);
        float[] input = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        var y = ConvertAndRun(model, [new OnnxOutputTap("y", "conv")], input, [1, 3, 3, 1])["y"];

        // Top-left 2×2 window: 1·w0 + 2·w1 + 4·w2 + 5·w3, and so on.
        float[] expected =
        [
            1 * filter[0] + 2 * filter[1] + 4 * filter[2] + 5 * filter[3],
            2 * filter[0] + 3 * filter[1] + 5 * filter[2] + 6 * filter[3],
            4 * filter[0] + 5 * filter[1] + 7 * filter[2] + 8 * filter[3],
            5 * filter[0] + 6 * filter[1] + 8 * filter[2] + 9 * filter[3],
        ];
        Assert.Equal([1L, 2, 2, 1], y.Shape);
        AssertClose(expected, y.Data);
    }

    [Fact]
    public void Scaling_pooling_squeeze_dense_and_softmax_form_a_classifier_head()
    {
        var random = new Random(3);
        var dense = Values(random, 3 * 2);
        float[] denseBias = [0.5f, -0.25f];
        var model = Graph(
            [
                Placeholder("x", -1, 2, 2, 3),
                Const("two", [2f]), Const("one", [1f]), Const("w", dense, 3, 2), Const("b", denseBias, 2),
                Node("scaled", "Mul", ["two", "x"]),
                Node("shifted", "Sub", ["scaled", "one"]),
                Node("pool", "AvgPool", ["shifted"], """{"ksize":{"list":{"i":["1","2","2","1"]}},"strides":{"list":{"i":["1","1","1","1"]}},"padding":{"s":"VkFMSUQ="}}"""),
                Node("squeeze", "Squeeze", ["pool"], """{"squeeze_dims":{"list":{"i":["1","2"]}}}"""),
                Node("logits", "_FusedMatMul", ["squeeze", "w", "b"], """{"transpose_a":{"b":false},"transpose_b":{"b":false},"fused_ops":{"list":{"s":["Qmlhc0FkZA=="]}}}"""),
                Node("softmax", "Softmax", ["logits"]),
                Node("Identity", "Identity", ["softmax"]),
            ]);
        var input = Values(random, 2 * 2 * 3);

        var outputs = ConvertAndRun(model, [new OnnxOutputTap("features", "squeeze"), new OnnxOutputTap("probabilities", "Identity")], input, [1, 2, 2, 3]);

        var features = Reference.SpatialMean(input.Select(v => 2 * v - 1).ToArray(), 1, 4, 3);
        var logits = Enumerable.Range(0, 2).Select(j => denseBias[j] + Enumerable.Range(0, 3).Sum(i => features[i] * dense[i * 2 + j])).ToArray();
        var total = logits.Sum(l => MathF.Exp(l));
        AssertClose(features, outputs["features"].Data);
        AssertClose(logits.Select(l => MathF.Exp(l) / total).ToArray(), outputs["probabilities"].Data);
        Assert.Equal([1L, 2], outputs["probabilities"].Shape);
    }

    [Fact]
    public void Per_channel_constants_broadcast_along_the_channel_axis()
    {
        float[] offsets = [10f, 20f];
        var model = Graph([Placeholder("x", -1, 1, 2, 2), Const("c", offsets, 2), Node("biased", "BiasAdd", ["x", "c"]), Node("relu", "Relu", ["biased"])]);

        var y = ConvertAndRun(model, [new OnnxOutputTap("y", "relu")], [1f, 2f, -30f, 4f], [1, 1, 2, 2])["y"];

        Assert.Equal([11f, 22f, 0f, 24f], y.Data);
    }

    [Fact]
    public void Unsupported_op_is_named_in_the_error()
    {
        var model = Graph([Placeholder("x", -1, 2, 2, 1), Node("odd", "ResizeNearestNeighbor", ["x"])]);

        var error = Assert.Throws<NotSupportedException>(() => TfjsToOnnxConverter.Convert(model, [new OnnxOutputTap("y", "odd")], "g", "image"));

        Assert.Contains("ResizeNearestNeighbor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_the_outputs_do_not_need_are_left_out()
    {
        var model = Graph([Placeholder("x", -1, 1, 1, 1), Node("kept", "Relu", ["x"]), Node("dead", "ResizeNearestNeighbor", ["x"])]);

        var conversion = TfjsToOnnxConverter.Convert(model, [new OnnxOutputTap("y", "kept")], "g", "image");

        // Transpose to NCHW after the input, Relu, Transpose back to NHWC for the image-shaped output.
        Assert.Equal(["Relu", "Transpose"], conversion.OperatorCounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, conversion.OperatorCounts["Transpose"]);
    }

    private static Dictionary<string, OnnxTensor> ConvertAndRun(TfjsGraphModel model, OnnxOutputTap[] taps, float[] input, long[] shape)
    {
        var conversion = TfjsToOnnxConverter.Convert(model, taps, "test", "image");
        using var session = OnnxSession.FromBytes(OnnxModelEncoder.Encode(conversion.Model));
        return session.Run(new Dictionary<string, OnnxTensor> { ["image"] = OnnxTensor.Create(input, shape) }, taps.Select(tap => tap.OutputName).ToArray())
            .ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= Tolerance, $"max |difference| {worst} > {Tolerance}");
    }

    private static float[] Values(Random random, int count, float scale = 1f) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();

    private static TfjsGraphModel Graph(IEnumerable<(TfjsNode Node, TfjsWeight? Weight)> parts)
    {
        var list = parts.ToList();
        return new TfjsGraphModel("graph-model", "test", list.Select(part => part.Node).ToList(),
            list.Where(part => part.Weight is not null).ToDictionary(part => part.Node.Name, part => part.Weight!));
    }

    private static (TfjsNode, TfjsWeight?) Placeholder(string name, params long[] shape)
    {
        var dims = string.Join(",", shape.Select(size => "{\"size\":\"" + size + "\"}"));
        return (new TfjsNode(name, "Placeholder", [], JsonNode.Parse("{\"shape\":{\"shape\":{\"dim\":[" + dims + "]}}}")!.AsObject()), null);
    }

    private static (TfjsNode, TfjsWeight?) Const(string name, float[] values, params long[] shape) =>
        (new TfjsNode(name, "Const", [], []), new TfjsWeight(name, shape, values));

    private static (TfjsNode, TfjsWeight?) Node(string name, string op, string[] inputs, string attributes = "{}") =>
        (new TfjsNode(name, op, inputs, JsonNode.Parse(attributes)!.AsObject()), null);

    private static string ConvAttributes(int stride, string padding, params string[] fused) =>
        "{\"strides\":{\"list\":{\"i\":[\"1\",\"" + stride + "\",\"" + stride + "\",\"1\"]}}," +
        "\"dilations\":{\"list\":{\"i\":[\"1\",\"1\",\"1\",\"1\"]}}," +
        "\"padding\":{\"s\":\"" + Base64(padding) + "\"},\"data_format\":{\"s\":\"" + Base64("NHWC") + "\"}," +
        "\"fused_ops\":{\"list\":{\"s\":[" + string.Join(",", fused.Select(op => "\"" + Base64(op) + "\"")) + "]}}}";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>TensorFlow's definitions, written as plain loops.</summary>
    private static class Reference
    {
        public static (float[] Values, int Height, int Width) Convolution(
            float[] x, int batch, int height, int width, int channels, float[] filter, int kernel, int outChannels, int stride, float[] bias, bool relu6)
        {
            var (outHeight, top) = Same(height, kernel, stride);
            var (outWidth, left) = Same(width, kernel, stride);
            var y = new float[batch * outHeight * outWidth * outChannels];
            for (var n = 0; n < batch; n++)
            for (var oy = 0; oy < outHeight; oy++)
            for (var ox = 0; ox < outWidth; ox++)
            for (var o = 0; o < outChannels; o++)
            {
                double sum = bias[o];
                for (var ky = 0; ky < kernel; ky++)
                for (var kx = 0; kx < kernel; kx++)
                for (var i = 0; i < channels; i++)
                {
                    var iy = oy * stride + ky - top;
                    var ix = ox * stride + kx - left;
                    if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                    {
                        sum += x[((n * height + iy) * width + ix) * channels + i] * filter[((ky * kernel + kx) * channels + i) * outChannels + o];
                    }
                }

                y[((n * outHeight + oy) * outWidth + ox) * outChannels + o] = relu6 ? (float)Math.Clamp(sum, 0, 6) : (float)sum;
            }

            return (y, outHeight, outWidth);
        }

        public static float[] Depthwise(float[] x, int batch, int height, int width, int channels, float[] filter, int kernel, int multiplier, float[] bias)
        {
            var (_, top) = Same(height, kernel, 1);
            var (_, left) = Same(width, kernel, 1);
            var y = new float[batch * height * width * channels * multiplier];
            for (var n = 0; n < batch; n++)
            for (var oy = 0; oy < height; oy++)
            for (var ox = 0; ox < width; ox++)
            for (var c = 0; c < channels; c++)
            for (var m = 0; m < multiplier; m++)
            {
                double sum = bias[c * multiplier + m];
                for (var ky = 0; ky < kernel; ky++)
                for (var kx = 0; kx < kernel; kx++)
                {
                    var iy = oy + ky - top;
                    var ix = ox + kx - left;
                    if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                    {
                        sum += x[((n * height + iy) * width + ix) * channels + c] * filter[((ky * kernel + kx) * channels + c) * multiplier + m];
                    }
                }

                y[((n * height + oy) * width + ox) * channels * multiplier + c * multiplier + m] = (float)sum;
            }

            return y;
        }

        public static float[] SpatialMean(float[] x, int batch, int positions, int channels)
        {
            var y = new float[batch * channels];
            for (var n = 0; n < batch; n++)
            for (var c = 0; c < channels; c++)
            {
                y[n * channels + c] = (float)Enumerable.Range(0, positions).Average(p => x[(n * positions + p) * channels + c]);
            }

            return y;
        }

        private static (int Size, int Before) Same(int input, int kernel, int stride)
        {
            var size = (input + stride - 1) / stride;
            var total = Math.Max((size - 1) * stride + kernel - input, 0);
            return (size, total / 2);
        }
    }
}
