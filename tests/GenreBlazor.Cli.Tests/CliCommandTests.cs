using System.Text;
using System.Text.Json;
using GenreBlazor.Core.Bundles;

namespace GenreBlazor.Cli.Tests;

/// <summary>train, evaluate and predict on a small CSV the test writes itself.</summary>
public sealed class CliCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly Dictionary<string, string[]> Cues = new()
    {
        ["Horror"] = ["ghost", "haunted", "demon", "scream", "curse"],
        ["Romance"] = ["love", "wedding", "kiss", "heart", "bride"],
        ["Western"] = ["sheriff", "outlaw", "saloon", "ranch", "cowboy"],
    };

    private string WriteCsv(string name, int rows, int seed, string extraLines = "")
    {
        var random = new Random(seed);
        var csv = new StringBuilder("id,title,year,genres,overview,language,tmdb_id,imdb_id\n");
        var genres = Cues.Keys.ToArray();
        for (var i = 0; i < rows; i++)
        {
            var genre = genres[random.Next(genres.Length)];
            var words = string.Join(" ", Enumerable.Range(0, 4).Select(_ => Cues[genre][random.Next(5)]));
            csv.Append($"m-{seed}-{i},\"Film, {i}\",2001,{genre},\"A town, a {words} story.\",en,,\n");
        }
        csv.Append(extraLines);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public void Train_then_evaluate_then_predict()
    {
        var data = WriteCsv("movies.csv", 300, seed: 1);
        var bundle = Path.Combine(folder, "bundle");
        var train = CliRunner.Run("train", "--data", data, "--out", bundle, "--no-embeddings", "--version", "cli-test");
        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        Assert.Contains("Test part", train.Output);
        Assert.True(File.Exists(Path.Combine(bundle, "manifest.json")));

        var held = WriteCsv("held.csv", 60, seed: 2, extraLines: "bad-row,only,three\n");
        var evaluate = CliRunner.Run("evaluate", "--data", held, "--model", bundle, "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        using var report = JsonDocument.Parse(evaluate.Output);
        var root = report.RootElement;
        Assert.Equal(60, root.GetProperty("count").GetInt32());
        Assert.Equal(1, root.GetProperty("skipped").GetInt32());
        Assert.Contains("line 62", evaluate.Error); // the malformed row is named on standard error
        Assert.Equal("cli-test", root.GetProperty("modelVersion").GetString());
        Assert.True(root.GetProperty("microF1").GetDouble() > 0.9);
        Assert.True(root.GetProperty("itemsPerSecond").GetDouble() > 0);
        foreach (var field in new[] { "macroF1", "samplesF1", "top3HitRate" })
        {
            Assert.InRange(root.GetProperty(field).GetDouble(), 0.5, 1.0);
        }
        var perGenre = root.GetProperty("perGenre");
        Assert.Equal(["Horror", "Romance", "Western"], perGenre.EnumerateObject().Select(p => p.Name).Order());
        Assert.True(perGenre.GetProperty("Western").GetProperty("support").GetInt32() > 0);

        var table = CliRunner.Run("evaluate", "--data", held, "--model", bundle);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("micro-F1", table.Output);

        var predict = CliRunner.Run("predict", "--model", bundle, "The sheriff rides into the saloon to face the outlaw.");
        Assert.Equal(0, predict.ExitCode);
        Assert.Contains("Top 3: Western", predict.Output);

        var predictJson = CliRunner.Run("predict", "--model", bundle, "--json", "A haunted house and a demon's curse.");
        using var prediction = JsonDocument.Parse(predictJson.Output);
        Assert.Equal("Horror", prediction.RootElement.GetProperty("top3")[0].GetString());
        Assert.Equal(19, prediction.RootElement.GetProperty("genres").GetArrayLength());
    }

    [Fact]
    public void Errors_are_one_clear_line_and_exit_code_1()
    {
        var missing = CliRunner.Run("evaluate", "--data", Path.Combine(folder, "nope.csv"), "--model", Path.Combine(folder, "no-bundle"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("manifest.json is missing", missing.Error);

        var data = WriteCsv("movies.csv", 50, seed: 3);
        var noData = CliRunner.Run("train", "--data", Path.Combine(folder, "absent.csv"), "--out", Path.Combine(folder, "b"), "--no-embeddings");
        Assert.Equal(1, noData.ExitCode);
        Assert.Contains("No such file", noData.Error);

        var strict = CliRunner.Run("train", "--data", WriteCsv("bad.csv", 50, seed: 4, extraLines: "x,y,2000,NotAGenre,plot,,,\n"), "--out", Path.Combine(folder, "b"), "--no-embeddings", "--strict");
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("Line 52: unknown genre 'NotAGenre'", strict.Error);

        var emptyPlot = CliRunner.Run("predict", "   ");
        Assert.Equal(1, emptyPlot.ExitCode);
        Assert.Contains("The plot is empty", emptyPlot.Error);
        Assert.True(File.Exists(data));
    }
}
