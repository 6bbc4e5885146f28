using System.Text;
using System.Text.Json;

namespace GenreBlazor.Cli.Tests;

/// <summary><c>models …</c> as a user runs them, on a store of the test's own.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("life-models-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CliRunner.Result Models(params string[] arguments) => CliRunner.Run(["models", .. arguments, "--store", Path.Combine(_folder, "store.db")]);

    private string Train(string version, int seed)
    {
        var random = new Random(3);
        var csv = new StringBuilder("id,title,year,genres,overview,language,tmdb_id,imdb_id\n");
        string[][] cues = [["ghost", "haunted", "demon", "curse"], ["love", "wedding", "kiss", "bride"]];
        for (var i = 0; i < 300; i++)
        {
            var genre = random.Next(2);
            csv.Append($"m-{i},Film {i},2001,{(genre == 0 ? "Horror" : "Romance")},\"A town, a {string.Join(' ', Enumerable.Range(0, 4).Select(_ => cues[genre][random.Next(4)]))} story.\",en,,\n");
        }
        var data = Path.Combine(_folder, "movies.csv");
        File.WriteAllText(data, csv.ToString());
        var output = Path.Combine(_folder, version);
        var train = CliRunner.Run("train", "--data", data, "--out", output, "--no-embeddings", "--version", version, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        return output;
    }

    [Fact]
    public void The_committed_bundle_is_listed_as_champion_and_a_new_one_is_registered_compared_promoted_and_rolled_back()
    {
        var list = Models("list", "--json");
        Assert.True(list.ExitCode == 0, list.Error);
        using (var versions = JsonDocument.Parse(list.Output))
        {
            var committed = Assert.Single(versions.RootElement.EnumerateArray());
            Assert.Equal(["champion"], committed.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(Path.Combine(GenreBlazor.Tests.SharedData.RepositoryRoot, "models", "default"), committed.GetProperty("directory").GetString());
        }

        var one = Train("small-1", seed: 1);
        var two = Train("small-2", seed: 2);
        Assert.Equal(0, Models("register", one).ExitCode);
        var registered = Models("register", two, "--challenger");
        Assert.Contains("as challenger", registered.Output);

        var compare = Models("compare", "small-2", "--baseline", "small-1", "--json");
        Assert.True(compare.ExitCode == 0, compare.Error);
        using (var comparison = JsonDocument.Parse(compare.Output))
        {
            var root = comparison.RootElement;
            Assert.True(root.GetProperty("rows").GetInt32() >= 20);
            Assert.True(root.GetProperty("deltaLow").GetDouble() <= root.GetProperty("deltaHigh").GetDouble());
            Assert.Equal(19, root.GetProperty("genres").GetArrayLength());
        }

        var refused = Models("promote", "small-1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("share 0 held-out movies", refused.Error); // trained on other data than the committed bundle
        Assert.Contains("--force", refused.Error);
        var promoted = Models("promote", "small-1", "--force");
        Assert.True(promoted.ExitCode == 0, promoted.Error);
        Assert.Contains("small-1 is the champion", promoted.Output);
        Assert.Contains("small-2 is the champion", Models("promote", "small-2", "--max-drop", "1").Output);
        Assert.Contains("small-1 is the champion again", Models("rollback").Output);
        Assert.Contains("\"champion\"", Models("show", "small-1").Output);
        Assert.Contains("No version or alias 'nope'", Models("show", "nope").Error);
    }
}
