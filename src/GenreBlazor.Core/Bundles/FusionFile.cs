using System.Text.Json;
using GenreBlazor.Core.Fusion;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Bundles;

/// <summary>The fusion weights as JSON: one entry per genre, by name.</summary>
public static class FusionFile
{
    private sealed record Entry(string Genre, float TextWeight, float PosterWeight, float Bias);

    public static void Write(string path, FusionModel model) =>
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(
            model.Genres.Select((g, label) => new Entry(GenreCatalog.All[label], g.TextWeight, g.PosterWeight, g.Bias)).ToList(), ModelBundle.Json));

    /// <summary>Reads the weights; throws <see cref="ModelBundleException"/> when the file does not hold all 19 genres.</summary>
    public static FusionModel Read(string path)
    {
        List<Entry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(path), ModelBundle.Json);
        }
        catch (JsonException e)
        {
            throw new ModelBundleException($"{path} is not valid fusion JSON ({e.Message}).", e);
        }
        if (entries is null || !entries.Select(e => e.Genre).SequenceEqual(GenreCatalog.All))
        {
            throw new ModelBundleException($"{path} does not list the {GenreCatalog.Count} genres in order.");
        }
        return new FusionModel(entries.Select(e => new GenreFusion(e.TextWeight, e.PosterWeight, e.Bias)).ToList());
    }
}
