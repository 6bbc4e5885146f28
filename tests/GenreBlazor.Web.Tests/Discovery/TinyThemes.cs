using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Discovery.Taste;
using GenreBlazor.Discovery.Themes;

namespace GenreBlazor.Web.Tests.Discovery;

/// <summary>
/// A themes file of two themes over <see cref="TinyDna"/>'s movies, centred on the MiniLM vectors of a heist and of a
/// haunting, so which theme a plot belongs to is known; written once for the theme tests.
/// </summary>
public sealed class TinyThemes : IDisposable
{
    public const string Heists = "heist · robbery · vault";
    public const string Hauntings = "ghosts · haunted · spirit";

    public TinyThemes()
    {
        using var embedder = PlotEmbedder.Open(PlotEmbedder.MiniLm);
        var heist = embedder.Embed("A crew of robbers plans a bank heist on a vault.");
        var ghost = embedder.Embed("Ghosts haunt an old house and a spirit frightens the family.");
        Theme Make(int id, string name, int size, float[] centroid, string genre, params ThemeExample[] examples) =>
            new(id, name, size, [.. name.Split(" · ").Select((w, i) => new ThemeWord(w, 1.0 / (i + 1)))], [new GenreShare(genre, 1.0, 2.0)], examples, centroid);
        Model = new ThemeModel(embedder.Name, 14, 1, 2, new Dictionary<int, double> { [2] = 0.31, [3] = 0.22 }, 14,
        [
            Make(1, Heists, 5, heist, "Crime", new ThemeExample("t1", "Vault Job", 1996), new ThemeExample("t2", "The Last Score", 1992)),
            Make(2, Hauntings, 2, ghost, "Horror", new ThemeExample("t13", "Haunted Manor", 1980), new ThemeExample("t3", "Ghost Nursery", 1995)),
        ]);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"genreblazor-tiny-themes-{Guid.NewGuid():N}.json");
        Model.Write(Path);
    }

    public ThemeModel Model { get; }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
