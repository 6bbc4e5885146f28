using GenreBlazor.Vision.Conversion;

namespace GenreBlazor.Vision.Tests;

public class TfjsBundleFileTests
{
    // The shape of browserify's UMD prologue as nsfwjs ships it: 'module.exports=t()' must not be mistaken for the payload.
    private const string Prologue =
        "!function(t){if(\"object\"==typeof exports&&\"undefined\"!=typeof module)module.exports=t();else{(window).model=t()}}" +
        "(function(){return function t(e,a,l){var u=a[d]={exports:{}};return i}({1:[function(t,e,a){";

    private const string Epilogue = "},{}]},{},[1])(1)});";

    [Fact]
    public void Model_bundle_exports_an_object_literal()
    {
        var literal = TfjsBundleFile.ReadExportedLiteral(Prologue + "e.exports={format:\"graph-model\",weightsManifest:[{paths:[\"g1\"]}]}" + Epilogue);

        Assert.Equal("graph-model", literal!["format"]!.GetValue<string>());
        Assert.Equal("g1", literal["weightsManifest"]![0]!["paths"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Shard_bundle_exports_base64_bytes() =>
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, TfjsBundleFile.ReadBase64Payload(Prologue + "m.exports=\"AQID/w==\"" + Epilogue));

    [Fact]
    public void Script_without_an_exported_literal_is_rejected() =>
        Assert.Throws<FormatException>(() => TfjsBundleFile.ReadExportedLiteral("module.exports=t();"));
}
