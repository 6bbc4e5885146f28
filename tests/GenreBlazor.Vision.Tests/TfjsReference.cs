using System.Text.Json;
using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Tests;

/// <summary>One input and the outputs TF.js computed for it (scripts/tfjs-reference/reference.cjs).</summary>
internal sealed record TfjsReferenceCase(string Name, float[] Input, IReadOnlyDictionary<string, float[]> Outputs);

internal static class TfjsReference
{
    public static IReadOnlyList<TfjsReferenceCase> Load(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "tfjs-reference.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(item => new TfjsReferenceCase(
            item.GetProperty("name").GetString()!,
            ReadInput(Path.Combine(folder, item.GetProperty("file").GetString()!), item.GetProperty("encoding").GetString()!),
            item.GetProperty("outputs").EnumerateObject().ToDictionary(
                output => output.Name,
                output => output.Value.EnumerateArray().Select(value => value.GetSingle()).ToArray(),
                StringComparer.Ordinal))).ToList();
    }

    public static IReadOnlyList<TfjsReferenceCase> Synthetic { get; } = Load(Path.Combine(AppContext.BaseDirectory, "Fixtures"));

    private static float[] ReadInput(string path, string encoding)
    {
        var bytes = File.ReadAllBytes(path);
        var input = encoding switch
        {
            // The same arithmetic as reference.cjs: b / 255 in float32.
            "rgb8" => bytes.Select(b => b / 255f).ToArray(),
            "float32" => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(),
            _ => throw new InvalidDataException($"Unknown input encoding '{encoding}'."),
        };
        Assert.Equal(PosterBackbone.ImageValues, input.Length);
        return input;
    }
}
