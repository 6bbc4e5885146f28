using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Themes;

namespace GenreBlazor.Discovery.Tests;

/// <summary>
/// Themes over a catalog with two obvious ones: heists (plot vectors near 0°) and alien invasions (near 90°), whose
/// plots share the everyday words ("young", "man", "life") and differ in the words that single each out.
/// </summary>
public sealed class ThemeTests
{
    private static readonly string[] Heists =
    [
        "A young man joins a crew planning a bank heist.",
        "Robbers plan one last heist on a bank vault and life gets complicated.",
        "A crew of thieves pulls a daring robbery of a casino vault.",
        "An old safecracker is lured into a bank robbery by a young crew.",
        "The heist goes wrong when the vault holds more than money; a man must run.",
        "Thieves rehearse the robbery of an armoured truck for a new life.",
        "A crew tunnels into a bank vault during a holiday weekend heist.",
        "A young woman masterminds the robbery of a diamond vault.",
    ];

    private static readonly string[] Invasions =
    [
        "Aliens invade the planet and a young man must save his family.",
        "An alien invasion fleet arrives above Earth and life stops.",
        "Soldiers fight alien invaders across a ruined planet.",
        "A young scientist decodes the alien signal before the invasion.",
        "The invasion begins when alien ships land on a new planet colony.",
        "A man hides his family from alien invaders on the farm.",
    ];

    private static (DnaCatalog Catalog, Dictionary<string, string> Overviews) TwoThemes()
    {
        var movies = new List<CatalogMovie>();
        var plots = new List<float>();
        var overviews = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string plot, double degrees, string genres)
        {
            var id = $"tmdb-{movies.Count + 1}";
            movies.Add(new CatalogMovie(id, $"Movie {movies.Count + 1}", 2000 + movies.Count, GenreSet.FromNames(genres.Split('|')), "en"));
            plots.AddRange([(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)]);
            overviews[id] = plot;
        }
        for (var i = 0; i < Heists.Length; i++)
        {
            Add(Heists[i], i * 2, i % 2 == 0 ? "Crime|Thriller" : "Crime");
        }
        for (var i = 0; i < Invasions.Length; i++)
        {
            Add(Invasions[i], 90 + i * 2, "Science Fiction");
        }
        return (new DnaCatalog("test", movies, [.. plots], 2), overviews);
    }

    [Fact]
    public void Two_obvious_themes_are_found_named_by_their_distinctive_words_with_size_genre_mix_and_examples()
    {
        var (catalog, overviews) = TwoThemes();
        var model = ThemeModel.Build(catalog, overviews, [2, 3, 4], seed: 5);

        Assert.Equal(2, model.K);
        Assert.True(model.SilhouetteByK[2] > model.SilhouetteByK[3], string.Join(", ", model.SilhouetteByK));
        var (heist, invasion) = (model.Themes[0], model.Themes[1]);
        Assert.Equal((1, 8), (heist.Id, heist.Size));
        Assert.Equal((2, 6), (invasion.Id, invasion.Size));
        // The word in most of a theme's plots first; then, at equal counts, alphabetical.
        Assert.Equal(["vault", "bank", "crew"], heist.Name.Split(" · "));
        Assert.Equal(["alien", "invasion", "planet"], invasion.Name.Split(" · "));
        Assert.Subset(new HashSet<string> { "vault", "bank", "crew", "heist", "robbery", "thieves" }, heist.Words.Take(6).Select(w => w.Word).ToHashSet());
        // Words of both themes single out neither.
        string[] shared = ["young", "man", "life", "new"];
        Assert.All(model.Themes, t => Assert.DoesNotContain(t.Words.Take(3), w => shared.Contains(w.Word)));

        Assert.Equal(("Crime", 1.0, 1.75), (heist.Genres[0].Genre, heist.Genres[0].Share, heist.Genres[0].Lift));
        Assert.Equal(("Thriller", 0.5, 1.75), (heist.Genres[1].Genre, heist.Genres[1].Share, heist.Genres[1].Lift));
        Assert.Equal("Science Fiction", Assert.Single(invasion.Genres).Genre);
        // The heists' centre is at 7°: movies 4 and 5 (6° and 8°) are the closest.
        Assert.Equal(["tmdb-4", "tmdb-5"], heist.Examples.Take(2).Select(e => e.Id).Order());
        Assert.Equal(ThemeModel.Examples, heist.Examples.Count);
    }

    [Fact]
    public void A_plot_vector_finds_its_closest_theme_and_a_vector_of_another_width_finds_none()
    {
        var (catalog, overviews) = TwoThemes();
        var model = ThemeModel.Build(catalog, overviews, [2], seed: 5);
        var closest = model.Closest([0.1f, 0.99f])!;
        Assert.Equal(2, closest.Theme.Id);
        Assert.InRange(closest.Cosine, 0.95f, 1f);
        Assert.Equal(1, model.Closest([1f, 0f])!.Theme.Id);
        Assert.Null(model.Closest([1f, 0f, 0f]));
    }

    [Fact]
    public void A_themes_file_round_trips_and_a_broken_one_says_how_to_rebuild_it()
    {
        var (catalog, overviews) = TwoThemes();
        var model = ThemeModel.Build(catalog, overviews, [2], seed: 5);
        var path = Path.Combine(Path.GetTempPath(), $"themes-{Guid.NewGuid():N}.json");
        try
        {
            model.Write(path);
            var read = ThemeModel.Read(path);
            Assert.Equal(model.Themes.Select(t => (t.Name, t.Size, t.Examples.Count)), read.Themes.Select(t => (t.Name, t.Size, t.Examples.Count)));
            Assert.Equal(model.Themes[1].Centroid, read.Themes[1].Centroid);

            File.WriteAllText(path, "{\"embedder\": \"x\", \"themes\": []}");
            Assert.Contains("genreblazor themes", Assert.Throws<InvalidDataException>(() => ThemeModel.Read(path)).Message);
            File.WriteAllText(path, "not json");
            Assert.Contains("is not a themes file", Assert.Throws<InvalidDataException>(() => ThemeModel.Read(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_k_outside_two_to_the_catalog_size_is_refused_plainly()
    {
        var (catalog, overviews) = TwoThemes();
        Assert.Contains("from 2 to the 14 catalog movies", Assert.Throws<ArgumentOutOfRangeException>(() => ThemeModel.Build(catalog, overviews, [1], 5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThemeModel.Build(catalog, overviews, [15], 5));
    }
}
