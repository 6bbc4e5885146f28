using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;

namespace GenreBlazor.Discovery.Tests;

/// <summary>A catalog of a few movies whose plots are embedded by the real MiniLM model, opened once for the tests.</summary>
public sealed class SmallCatalog : IDisposable
{
    public static readonly Movie[] Movies =
    [
        Make("m1", "Haunted Manor", 1980, "Horror", "A family moves into an old manor where ghosts haunt the halls and the children hear whispers at night."),
        Make("m2", "Ghost Nursery", 1995, "Horror|Thriller", "A young mother discovers that the spirit of a dead child haunts her new house and wants her baby."),
        Make("m3", "Vault Job", 1996, "Crime|Thriller", "A crew of thieves plans an elaborate bank heist, but one of them is an undercover cop."),
        Make("m4", "The Last Score", 1992, "Crime|Action|Thriller", "Veteran robbers gather for one last heist on a casino vault while a detective closes in."),
        Make("m5", "Stars Apart", 2005, "Romance|Drama", "Two strangers fall in love over one summer in Paris before life pulls them to opposite sides of the world."),
        Make("m6", "Orbit Station", 2012, "Science Fiction|Adventure", "Astronauts on a failing space station must repair it before it falls back to Earth."),
        Make("m7", "Laugh Lines", 1999, "Comedy", "A clumsy waiter accidentally becomes the star of a cooking show and has to fake his way through it."),
        Make("m8", "Desert Law", 1960, "Western", "A lone sheriff stands against a gang of outlaws who take over a small frontier town."),
    ];

    public SmallCatalog()
    {
        Embedder = PlotEmbedder.Open(PlotEmbedder.MiniLm);
        Vectors = Embedder.Embed(Movies.Select(m => m.Overview).ToList());
        Catalog = DnaBuilder.Build(Embedder.Name, Movies, Vectors);
    }

    public PlotEmbedder Embedder { get; }

    public float[][] Vectors { get; }

    public DnaCatalog Catalog { get; }

    public static Movie Make(string id, string title, int? year, string genres, string plot, string language = "en", string imdb = "") =>
        new(id, title, year, GenreSet.FromNames(genres.Split('|')), plot, language, imdb);

    public void Dispose() => Embedder.Dispose();
}
