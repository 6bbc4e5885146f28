using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Discovery.Intent;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Tests;

/// <summary>The committed catalog DNA (models/discovery/dna.bin), read by the local parser as the app does with Bedrock off.</summary>
public sealed class CommittedDnaTests
{
    private static string DnaPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenreBlazor.sln")))
            {
                return Path.Combine(directory.FullName, "models", "discovery", "dna.bin");
            }
        }
        throw new InvalidOperationException("No repository root above the test's folder.");
    }

    [Fact]
    public void A_thriller_like_Heat_from_the_90s_gives_ten_90s_thrillers_and_resolves_Heat()
    {
        var catalog = DnaFile.Read(DnaPath());
        Assert.Equal(PlotEmbedder.Default, catalog.Embedder);
        using var embedder = PlotEmbedder.Open(catalog.Embedder);
        var intents = new IntentSearch(new SemanticSearch(catalog, embedder), embedder);
        var intent = new LocalIntentParser(title => catalog.FindTitle(title) >= 0).Parse("a thriller like Heat from the 90s");

        var result = intents.Run(intent);

        var seed = Assert.Single(result.Seeds);
        Assert.Equal(("Heat", 1995), (seed.Title, seed.Year));
        Assert.Equal(10, result.Movies.Count);
        Assert.All(result.Movies, found =>
        {
            Assert.InRange(found.Movie.Year!.Value, 1990, 1999);
            Assert.Contains("Thriller", found.Movie.Genres.Names());
            Assert.Contains("to Heat", found.Reason);
            Assert.NotEqual(seed.Id, found.Movie.Id);
        });
    }
}
