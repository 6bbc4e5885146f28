using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GenreBlazor.Vision.Conversion;

/// <summary>
/// nsfwjs ships its TF.js model as browserify bundles (<c>model.min.js</c>, <c>group1-shard1of2.min.js</c>…):
/// each is a UMD wrapper around one module whose body is <c>x.exports = LITERAL</c>, the model JSON as an object
/// literal or a weight shard as a base64 string. This reads that literal without running the script.
/// </summary>
public static partial class TfjsBundleFile
{
    [GeneratedRegex(@"\bexports\s*=\s*(?=[{""'])")]
    private static partial Regex ExportAssignment();

    /// <summary>The literal assigned to the bundled module's <c>exports</c>.</summary>
    public static JsonNode? ReadExportedLiteral(string bundleText)
    {
        var match = ExportAssignment().Match(bundleText);
        if (!match.Success)
        {
            throw new FormatException("No 'exports = {…}' or 'exports = \"…\"' assignment was found in the bundle.");
        }

        return JsLiteralReader.Parse(bundleText, match.Index + match.Length).Value;
    }

    /// <summary>The bytes of a weight shard bundle (its exported base64 string).</summary>
    public static byte[] ReadBase64Payload(string bundleText)
    {
        var literal = ReadExportedLiteral(bundleText);
        if (literal is not JsonValue value || !value.TryGetValue<string>(out var base64))
        {
            throw new FormatException("The bundle does not export a base64 string.");
        }

        return Convert.FromBase64String(base64);
    }
}
