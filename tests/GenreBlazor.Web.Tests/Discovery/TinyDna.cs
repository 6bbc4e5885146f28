using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;

namespace GenreBlazor.Web.Tests.Discovery;

/// <summary>A DNA file of fourteen movies embedded by the real MiniLM model, written once for the discovery tests.</summary>
public sealed class TinyDna : IDisposable
{
    private static readonly Movie[] Movies =
    [
        Make("t1", "Vault Job", 1996, "Crime|Thriller", "A crew of thieves plans an elaborate bank heist, but one of them is an undercover cop."),
        Make("t2", "The Last Score", 1992, "Crime|Action|Thriller", "Veteran robbers gather for one last heist on a casino vault while a detective closes in."),
        Make("t3", "Ghost Nursery", 1995, "Horror|Thriller", "A young mother discovers that the spirit of a dead child haunts her new house."),
        Make("t4", "Midnight Pursuit", 1985, "Thriller|Crime", "A getaway driver is hunted across the city after a jewel robbery goes wrong."),
        Make("t5", "Night Chase", 2004, "Thriller", "A detective races to stop a gang of bank robbers before their next raid."),
        Make("t6", "Cold Trail", 1998, "Thriller|Mystery", "A journalist follows the trail of a missing witness to a string of armed robberies."),
        Make("t7", "Stars Apart", 2005, "Romance|Drama", "Two strangers fall in love over one summer in Paris."),
        Make("t8", "Orbit Station", 2012, "Science Fiction|Adventure", "Astronauts on a failing space station must repair it before it falls."),
        Make("t9", "Laugh Lines", 1999, "Comedy", "A clumsy waiter becomes the star of a cooking show."),
        Make("t10", "Desert Law", 1960, "Western", "A lone sheriff stands against outlaws who take over a frontier town."),
        Make("t11", "Tiny Paws", 2010, "Animation|Family", "A kitten sets out across the city to find her way home."),
        Make("t12", "Iron Front", 1944, "War|Drama", "Soldiers hold a bridge against a winter offensive."),
        Make("t13", "Haunted Manor", 1980, "Horror", "A family moves into an old manor where ghosts haunt the halls."),
        Make("t14", "Safe House", 1993, "Action|Thriller", "An agent protects a witness from assassins in a besieged safe house."),
    ];

    public TinyDna()
    {
        using var embedder = PlotEmbedder.Open(PlotEmbedder.MiniLm);
        var catalog = DnaBuilder.Build(embedder.Name, Movies, embedder.Embed(Movies.Select(m => m.Overview).ToList()));
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"genreblazor-tiny-dna-{Guid.NewGuid():N}.bin");
        DnaFile.Write(catalog, Path);
        // The plots a movie's page shows come from the movies CSV, as the committed DNA's come from movies.csv.
        MoviesPath = System.IO.Path.ChangeExtension(Path, ".csv");
        File.WriteAllLines(MoviesPath, Movies.Select(m => string.Join(',', m.Id, Quote(m.Title), m.Year, Quote(string.Join('|', m.Genres.Names())),
            Quote(m.Overview), m.Language, "", "")).Prepend("id,title,year,genres,overview,language,tmdb_id,imdb_id"));
    }

    public string Path { get; }

    public string MoviesPath { get; }

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static Movie Make(string id, string title, int year, string genres, string plot) =>
        new(id, title, year, GenreSet.FromNames(genres.Split('|')), plot, "en", "");

    public void Dispose()
    {
        File.Delete(Path);
        File.Delete(MoviesPath);
    }
}
