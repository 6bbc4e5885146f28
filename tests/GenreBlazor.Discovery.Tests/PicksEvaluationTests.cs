using GenreBlazor.Discovery.Taste;

namespace GenreBlazor.Discovery.Tests;

/// <summary>
/// <c>evaluate-picks</c>'s measurement on a tiny MovieLens folder the test writes, over the half-circle catalog of
/// <see cref="TasteTests"/>, where which user each method hits is known.
/// </summary>
public sealed class PicksEvaluationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"taste-movielens-{Guid.NewGuid():N}");

    public PicksEvaluationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // MovieLens movie m is TMDB 100 + m, i.e. catalog movie m; movie 99 links to no catalog movie.
    private void Write(IEnumerable<string> ratings)
    {
        File.WriteAllLines(Path.Combine(_folder, "links.csv"),
            ["movieId,imdbId,tmdbId", .. Enumerable.Range(0, 30).Select(m => $"{m},00{m},{100 + m}"), "99,0099,", "98,0098,5"]);
        File.WriteAllLines(Path.Combine(_folder, "ratings.csv"), ["userId,movieId,rating,timestamp", .. ratings]);
    }

    private static IEnumerable<string> Likes(int user, params int[] movies) => movies.Select((m, t) => $"{user},{m},4.5,{1000 + t}");

    [Fact]
    public void Taste_hits_the_users_whose_later_likes_are_near_their_earlier_ones_and_popularity_the_others()
    {
        Write([
            // A likes movies 0–3 (0–18°), then 29 (174°): the taste looks the wrong way, but 29 is the most liked.
            .. Likes(1, 0, 1, 2, 3, 29),
            // B, C, D like 29 and 28, then 27: the taste points at 27; popularity does not, 0–13 being liked more.
            .. Likes(2, 29, 28, 27), .. Likes(3, 29, 28, 27), .. Likes(4, 29, 28, 27),
            // E likes 4–15: 14 and 15 hidden, and few enough candidates are left that both methods find them.
            .. Likes(5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
            // F only rates below 4 (not evaluated) and a movie outside the catalog (not read).
            "6,20,3.0,1000", "6,99,5.0,1001",
        ]);
        var catalog = TasteTests.HalfCircle();
        var data = MovieLens.Read(_folder, catalog);
        Assert.Equal((5 + 9 + 12 + 2, 6), (data.RatingsRead, data.UsersRead));
        Assert.Equal(27, data.Ratings.Count);

        var splits = PicksEvaluation.Split(data.Ratings);
        Assert.Equal([1, 2, 3, 4, 5], splits.Select(s => s.User));
        Assert.Equal([29], splits[0].HiddenRows);
        Assert.Equal([0, 1, 2, 3], splits[0].TrainRows);
        Assert.Equal([27], splits[1].HiddenRows);
        Assert.Equal([14, 15], splits[4].HiddenRows);

        var report = PicksEvaluation.Run(catalog, data, [null, 1.0]);
        Assert.Equal((5, 1, 4), (report.UsersEvaluated, report.ValidationUsers, report.ReportedUsers));
        Assert.Equal(20, report.Candidates);
        double Hits(string method, double? halfLife = null) =>
            Math.Round(new[] { (report.Reported, report.ReportedUsers), (report.Validation, report.ValidationUsers) }
                .Sum(g => g.Item1.Single(f => f.Method == method && f.HalfLifeDays == halfLife).HitRate * g.Item2));
        Assert.Equal(4, Hits("taste"));
        Assert.Equal(4, Hits("taste", 1.0));
        Assert.Equal(2, Hits("most popular"));
        // B, C and D find 27 first: nDCG 1 each.
        Assert.True(report.Reported.Single(f => f.Method == "taste" && f.HalfLifeDays is null).Ndcg * report.ReportedUsers >= 2.99);
    }

    [Fact]
    public void Malformed_or_missing_files_are_named()
    {
        var catalog = TasteTests.HalfCircle();
        var missing = Assert.Throws<FileNotFoundException>(() => MovieLens.Read(_folder, catalog));
        Assert.Contains("links.csv", missing.Message);
        Write(["1,2,4.0"]);
        var malformed = Assert.Throws<InvalidDataException>(() => MovieLens.Read(_folder, catalog));
        Assert.Contains("ratings.csv, line 2: 3 fields", malformed.Message);
        Write(["1,2,four,1000"]);
        Assert.Contains("'four' is not a rating", Assert.Throws<InvalidDataException>(() => MovieLens.Read(_folder, catalog)).Message);
    }

    [Fact]
    public void The_citation_is_read_from_the_readme()
    {
        Assert.Null(MovieLens.Citation(_folder));
        File.WriteAllLines(Path.Combine(_folder, "README.txt"), ["Summary", "=======", "", "Citation", "========", "", "To acknowledge use ...", "", "> A. Author. 2015. The Paper."]);
        Assert.Equal("A. Author. 2015. The Paper.", MovieLens.Citation(_folder));
    }
}
