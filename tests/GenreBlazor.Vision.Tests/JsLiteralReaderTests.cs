using System.Text.Json.Nodes;
using GenreBlazor.Vision.Conversion;

namespace GenreBlazor.Vision.Tests;

public class JsLiteralReaderTests
{
    [Fact]
    public void Reads_a_minified_object_literal()
    {
        var (value, end) = JsLiteralReader.Parse("""{a:1,"b":[.5,-.25,1e-3,-2E+2],c:!0,d:!1,e:'it\'s',f:null,$g_1:"\u0041\x42"} tail""");

        var root = Assert.IsType<JsonObject>(value);
        Assert.Equal(1.0, root["a"]!.GetValue<double>());
        Assert.Equal([0.5, -0.25, 0.001, -200.0], root["b"]!.AsArray().Select(item => item!.GetValue<double>()));
        Assert.True(root["c"]!.GetValue<bool>());
        Assert.False(root["d"]!.GetValue<bool>());
        Assert.Equal("it's", root["e"]!.GetValue<string>());
        Assert.Null(root["f"]);
        Assert.Equal("AB", root["$g_1"]!.GetValue<string>());
        Assert.Equal(" tail", """{a:1,"b":[.5,-.25,1e-3,-2E+2],c:!0,d:!1,e:'it\'s',f:null,$g_1:"\u0041\x42"} tail"""[end..]);
    }

    [Fact]
    public void Numbers_round_trip_to_the_same_double_javascript_would_read()
    {
        var (value, _) = JsLiteralReader.Parse("[.00030034723527291244,-.020723959233830958]");

        var numbers = value!.AsArray().Select(item => item!.GetValue<double>()).ToArray();
        Assert.Equal(0.00030034723527291244, numbers[0]);
        Assert.Equal(-0.020723959233830958, numbers[1]);
    }

    [Fact]
    public void Empty_containers_are_read()
    {
        var (value, _) = JsLiteralReader.Parse("{list:{},items:[]}");

        Assert.Empty(value!["list"]!.AsObject());
        Assert.Empty(value["items"]!.AsArray());
    }

    [Theory]
    [InlineData("{a:foo()}")]
    [InlineData("{a:1")]
    [InlineData("[1,,2]")]
    [InlineData("{a:\"open}")]
    public void Code_or_broken_literals_are_rejected(string text) =>
        Assert.Throws<FormatException>(() => JsLiteralReader.Parse(text));
}
