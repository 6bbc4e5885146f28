namespace GenreBlazor.Testing.Tmdb;

/// <summary>Catalogues for the fake TMDB that a model trained on them can learn: each genre's overviews share its cue words.</summary>
public static class FakeTmdbCatalogue
{
    private static readonly (int Genre, string[] Cues)[] Genres =
    [
        (27, ["ghost", "haunted", "demon", "scream", "curse"]),
        (10749, ["love", "wedding", "kiss", "heart", "bride"]),
        (37, ["sheriff", "outlaw", "saloon", "ranch", "cowboy"]),
    ];

    /// <summary>
    /// <paramref name="count"/> movies with ids from <paramref name="firstId"/>, released a day apart from 2020-01-01,
    /// each of one of three genres (Horror, Romance, Western), with distinct titles, overviews and IMDb ids.
    /// </summary>
    public static IReadOnlyList<FakeTmdbMovie> Learnable(int count, int firstId = 5000)
    {
        var random = new Random(firstId);
        return Enumerable.Range(0, count).Select(i =>
        {
            var (genre, cues) = Genres[random.Next(Genres.Length)];
            var words = string.Join(" ", Enumerable.Range(0, 4).Select(_ => cues[random.Next(cues.Length)]));
            return new FakeTmdbMovie(firstId + i, $"Film {firstId + i}", $"In a small town, movie {firstId + i} tells a {words} story of two people.",
                new DateOnly(2020, 1, 1).AddDays(i), [genre], i % 4 == 0 ? "fr" : "en", $"tt{7_000_000 + firstId + i}");
        }).ToList();
    }
}
