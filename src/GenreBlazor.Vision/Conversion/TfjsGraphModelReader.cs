using System.Text.Json.Nodes;

namespace GenreBlazor.Vision.Conversion;

/// <summary>
/// Reads a TF.js graph model from a folder, in either of two layouts: the converter's own (<c>model.json</c> and
/// binary shards named as the manifest's paths) or nsfwjs's bundled one (<c>model.min.js</c> and
/// <c>&lt;path&gt;.min.js</c> shards holding base64).
/// </summary>
public static class TfjsGraphModelReader
{
    /// <summary>Reads topology, manifest and shards, and decodes the weights.</summary>
    public static TfjsGraphModel Read(string modelDirectory)
    {
        var modelJson = ReadModelJson(modelDirectory);
        var format = modelJson["format"]?.GetValue<string>() ?? "";
        if (format != "graph-model")
        {
            throw new NotSupportedException($"'{modelDirectory}' holds a TF.js model of format '{format}'; only graph models are supported.");
        }

        var nodes = modelJson["modelTopology"]!["node"]!.AsArray().Select(node => ToNode(node!.AsObject())).ToList();
        var manifest = modelJson["weightsManifest"]!.AsArray();
        using var weightData = new MemoryStream();
        foreach (var path in manifest.SelectMany(group => group!["paths"]!.AsArray()).Select(path => path!.GetValue<string>()))
        {
            var shard = ReadShard(modelDirectory, path);
            weightData.Write(shard);
        }

        var weights = TfjsWeightDecoder.Decode(manifest, weightData.GetBuffer().AsSpan(0, (int)weightData.Length));
        return new TfjsGraphModel(format, modelJson["convertedBy"]?.GetValue<string>() ?? "", nodes, weights);
    }

    private static JsonObject ReadModelJson(string directory)
    {
        var json = Path.Combine(directory, "model.json");
        if (File.Exists(json))
        {
            return JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        }

        var bundle = Path.Combine(directory, "model.min.js");
        if (File.Exists(bundle))
        {
            return TfjsBundleFile.ReadExportedLiteral(File.ReadAllText(bundle))!.AsObject();
        }

        throw new FileNotFoundException($"Neither model.json nor model.min.js was found in '{directory}'.");
    }

    private static byte[] ReadShard(string directory, string path)
    {
        var raw = Path.Combine(directory, path);
        if (File.Exists(raw))
        {
            return File.ReadAllBytes(raw);
        }

        var bundle = raw + ".min.js";
        if (File.Exists(bundle))
        {
            return TfjsBundleFile.ReadBase64Payload(File.ReadAllText(bundle));
        }

        throw new FileNotFoundException($"Weight shard '{path}' (or '{path}.min.js') was not found in '{directory}'.");
    }

    private static TfjsNode ToNode(JsonObject node) => new(
        node["name"]!.GetValue<string>(),
        node["op"]!.GetValue<string>(),
        node["input"] is JsonArray inputs ? inputs.Select(input => input!.GetValue<string>()).ToList() : [],
        node["attr"] as JsonObject ?? []);
}
