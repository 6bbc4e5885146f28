using System.Text.Json;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;

namespace GenreBlazor.Cli.Tests;

/// <summary>
/// <c>evaluate-picks</c> and <c>personas</c> run as a user runs them, on a DNA and a MovieLens folder the test writes:
/// 40 movies on a half circle (movie i at i·4.5°), 20 viewers who each like five neighbouring movies, the last one hidden.
/// </summary>
public sealed class PicksCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-picks-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Dna => Path.Combine(folder, "dna.bin");

    private void Write()
    {
        const int count = 40;
        var plots = new float[count * 2];
        var movies = new List<CatalogMovie>();
        for (var i = 0; i < count; i++)
        {
            var angle = i * 4.5 * Math.PI / 180;
            (plots[2 * i], plots[2 * i + 1]) = ((float)Math.Cos(angle), (float)Math.Sin(angle));
            movies.Add(new CatalogMovie($"tmdb-{500 + i}", $"Film {i}", 2000, GenreSet.FromNames([i < count / 2 ? "Comedy" : "Horror"]), "en"));
        }
        DnaFile.Write(new DnaCatalog("test", movies, plots, 2), Dna);
        var ml = Directory.CreateDirectory(Path.Combine(folder, "movielens")).FullName;
        File.WriteAllLines(Path.Combine(ml, "links.csv"), ["movieId,imdbId,tmdbId", .. Enumerable.Range(0, count).Select(m => $"{m},0{m},{500 + m}")]);
        // Viewer u likes movies s..s+4 in order, s = 2u (mod 35): the hidden fifth is next to the four before it.
        File.WriteAllLines(Path.Combine(ml, "ratings.csv"), ["userId,movieId,rating,timestamp",
            .. Enumerable.Range(1, 20).SelectMany(u => Enumerable.Range(0, 5).Select(k => $"{u},{2 * u % 35 + k},4.0,{1_600_000_000 + 86_400 * k}"))]);
        File.WriteAllLines(Path.Combine(ml, "README.txt"), ["Citation", "========", "", "> Test Viewers. 2026. Made up."]);
    }

    [Fact]
    public void Evaluate_picks_reports_taste_above_random_for_each_half_life_as_json()
    {
        Write();
        var result = CliRunner.Run("evaluate-picks", "--data", Path.Combine(folder, "movielens"), "--dna", Dna, "--half-life", "none", "30", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(20, report.GetProperty("usersEvaluated").GetInt32());
        Assert.Equal(20, report.GetProperty("validationUsers").GetInt32() + report.GetProperty("reportedUsers").GetInt32());
        var rows = report.GetProperty("reported").EnumerateArray().ToList();
        Assert.Equal(["most popular", "random", "taste", "taste + popularity", "taste", "taste + popularity"], rows.Select(r => r.GetProperty("method").GetString()));
        var taste = rows.Where(r => r.GetProperty("method").GetString() == "taste").ToList();
        Assert.Equal(JsonValueKind.Null, taste[0].GetProperty("halfLifeDays").ValueKind);
        Assert.Equal(30, taste[1].GetProperty("halfLifeDays").GetDouble());
        // Each hidden movie is the nearest one left to the four liked before it.
        Assert.All(taste, r => Assert.True(r.GetProperty("hitRateAt10").GetDouble() == 1.0, result.Output));
        Assert.Contains("20 users with two or more", CliRunner.Run("evaluate-picks", "--data", Path.Combine(folder, "movielens"), "--dna", Dna).Output);
    }

    [Fact]
    public void Personas_writes_a_small_file_the_app_reads_and_bad_options_are_one_clear_line()
    {
        Write();
        var output = Path.Combine(folder, "personas.json");
        var result = CliRunner.Run("personas", "--data", Path.Combine(folder, "movielens"), "--dna", Dna, "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("k = ", result.Output);
        var personas = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.Equal("MovieLens ml-latest-small: Test Viewers. 2026. Made up.", personas.GetProperty("source").GetString());
        Assert.InRange(personas.GetProperty("k").GetInt32(), 4, 10);
        Assert.Equal(20, personas.GetProperty("personas").EnumerateArray().Sum(p => p.GetProperty("size").GetInt32()));

        var badHalfLife = CliRunner.Run("evaluate-picks", "--data", Path.Combine(folder, "movielens"), "--dna", Dna, "--half-life", "-3");
        Assert.Equal(1, badHalfLife.ExitCode);
        Assert.Contains("--half-life takes days > 0 or 'none'", badHalfLife.Error);
        var noData = CliRunner.Run("evaluate-picks", "--data", Path.Combine(folder, "nowhere"), "--dna", Dna);
        Assert.Equal(1, noData.ExitCode);
        Assert.Contains("links.csv is missing", noData.Error);
    }
}
