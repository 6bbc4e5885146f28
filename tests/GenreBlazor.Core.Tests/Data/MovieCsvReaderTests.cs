using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Tests.Data;

public class MovieCsvReaderTests
{
    private const string Header = "id,title,year,genres,overview,language,tmdb_id,imdb_id\n";

    private static (IReadOnlyList<Movie> Movies, IReadOnlyList<SkippedRow> Skipped) Read(string body, bool strict = false) =>
        MovieCsvReader.Read(new StringReader(Header + body), strict);

    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var (movies, skipped) = Read(
            "tmdb-1,\"Heat, Part \"\"One\"\"\",1995,Action|Crime,\"A thief,\nand a cop.\",en,1,tt0113277\r\n" +
            "m-2,Plain,,Drama,Short plot here.,,,\n");
        Assert.Empty(skipped);
        Assert.Equal(2, movies.Count);
        Assert.Equal("Heat, Part \"One\"", movies[0].Title);
        Assert.Equal("A thief,\nand a cop.", movies[0].Overview);
        Assert.Equal(GenreSet.FromNames(["Action", "Crime"]), movies[0].Genres);
        Assert.Equal(1995, movies[0].Year);
        Assert.Equal("tt0113277", movies[0].ImdbId);
        Assert.Null(movies[1].Year);
        Assert.Equal("m-2", movies[1].SplitKey);
        Assert.Equal("tt0113277", movies[0].SplitKey);
    }

    [Fact]
    public void Skips_malformed_rows_and_names_their_lines()
    {
        var (movies, skipped) = Read(
            "m-1,Good,2000,Drama,Fine.,en,,\n" +          // line 2
            "m-2,Too few fields,2000,Drama\n" +            // line 3
            "m-3,Bad genre,2000,Drama|Cooking,Text.,,,\n" + // line 4
            "m-4,\"Multi\nline\",2000,,Text.,,,\n" +        // lines 5-6: no genres
            ",No id,2000,Drama,Text.,,,\n" +                // line 7
            "m-6,Empty plot,2000,Drama,,,,\n");             // line 8
        Assert.Single(movies);
        Assert.Equal([3L, 4L, 5L, 7L, 8L], skipped.Select(s => s.Line));
        Assert.Contains("4 fields", skipped[0].Reason);
        Assert.Contains("unknown genre 'Cooking'", skipped[1].Reason);
        Assert.Equal("no genres", skipped[2].Reason);
        Assert.Equal("empty id", skipped[3].Reason);
        Assert.Equal("empty overview", skipped[4].Reason);
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_malformed_row_with_its_line()
    {
        var error = Assert.Throws<MovieCsvException>(() => Read("m-1,Good,2000,Drama,Fine.,en,,\nm-2,Bad,2000,Nope,Text.,,,\n", strict: true));
        Assert.StartsWith("Line 3:", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_not_thrown()
    {
        var (movies, skipped) = Read("m-1,Good,2000,Drama,Fine.,en,,\nm-2,\"never closed,2000,Drama,Text.,,,\n");
        Assert.Single(movies);
        Assert.Equal("a quoted field never closes", Assert.Single(skipped).Reason);
    }

    [Fact]
    public void Missing_columns_and_empty_files_are_clear_errors()
    {
        Assert.Contains("lacks the column(s) genres, overview", Assert.Throws<MovieCsvException>(() => MovieCsvReader.Read(new StringReader("id,title\n1,x\n"))).Message);
        Assert.Contains("empty", Assert.Throws<MovieCsvException>(() => MovieCsvReader.Read(new StringReader(""))).Message);
        Assert.Contains("No such file", Assert.Throws<MovieCsvException>(() => MovieCsvReader.Read("/nonexistent/movies.csv")).Message);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_a_byte_order_mark_is_ignored()
    {
        var (movies, _) = MovieCsvReader.Read(new StringReader("\uFEFFoverview,genres,id\nA plot.,Horror,x-1\n"));
        Assert.Equal(new Movie("x-1", "", null, GenreSet.FromNames(["Horror"]), "A plot.", "", ""), Assert.Single(movies));
    }
}

public class DatasetSplitTests
{
    [Fact]
    public void Parts_are_stable_and_about_80_10_10()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => $"tmdb-{i}").ToList();
        var parts = keys.Select(DatasetSplit.PartOf).ToList();
        Assert.Equal(parts, keys.Select(DatasetSplit.PartOf));
        Assert.InRange(parts.Count(p => p == SplitPart.Train) / 20_000.0, 0.78, 0.82);
        Assert.InRange(parts.Count(p => p == SplitPart.Validation) / 20_000.0, 0.09, 0.11);
        Assert.InRange(parts.Count(p => p == SplitPart.Test) / 20_000.0, 0.09, 0.11);
    }

    [Fact]
    public void The_bucket_is_a_fixed_function_of_the_key()
    {
        // FNV-1a 64 of "tt0108052" mod 100, computed independently (see the test's comment in the decision record).
        Assert.Equal(Fnv("tt0108052"), DatasetSplit.Bucket("tt0108052"));
        Assert.Equal(Fnv(""), DatasetSplit.Bucket(""));

        static int Fnv(string text)
        {
            ulong hash = 0xcbf29ce484222325;
            foreach (var c in text)
            {
                hash ^= c;
                hash *= 0x100000001b3;
            }
            return (int)(hash % 100);
        }
    }
}

public class GenreSetTests
{
    [Fact]
    public void Holds_names_in_catalog_order()
    {
        var set = GenreSet.FromNames(["War", "drama", "Action"]);
        Assert.Equal(3, set.Count);
        Assert.Equal(["Action", "Drama", "War"], set.Names());
        Assert.Equal("Action|Drama|War", set.ToString());
        Assert.True(set.Contains(GenreCatalog.IndexOf("Drama")));
    }

    [Fact]
    public void Refuses_unknown_genres() => Assert.Throws<ArgumentException>(() => GenreSet.FromNames(["Cooking"]));

    [Fact]
    public void The_catalog_has_tmdbs_nineteen_genres() => Assert.Equal(19, GenreCatalog.Count);
}
