using System.Globalization;
using System.Security.Cryptography;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Data;

/// <summary>A row that was not read, with the line it starts on and why.</summary>
public sealed record SkippedRow(long Line, string Reason);

/// <summary>The movies read from a CSV, the rows skipped, and a fingerprint of the file's bytes.</summary>
public sealed record MovieCsv(string Path, IReadOnlyList<Movie> Movies, IReadOnlyList<SkippedRow> Skipped, string Fingerprint);

/// <summary>Thrown when a CSV cannot be read at all, or a row is malformed in strict mode.</summary>
public sealed class MovieCsvException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads any CSV in the schema of the shared <c>movies.csv</c> (RFC 4180, header row with at least
/// <c>id</c>, <c>genres</c> and <c>overview</c>). Malformed rows are skipped and reported with their line
/// numbers, or, in strict mode, stop the read with an error naming the line.
/// </summary>
public static class MovieCsvReader
{
    private static readonly string[] RequiredColumns = ["id", "genres", "overview"];

    public static MovieCsv Read(string path, bool strict = false, bool requireGenres = true)
    {
        if (!File.Exists(path))
        {
            throw new MovieCsvException($"No such file: {path}");
        }
        var bytes = File.ReadAllBytes(path);
        var fingerprint = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        var (movies, skipped) = Read(reader, strict, requireGenres);
        return new MovieCsv(path, movies, skipped, fingerprint);
    }

    public static (IReadOnlyList<Movie> Movies, IReadOnlyList<SkippedRow> Skipped) Read(TextReader text, bool strict = false, bool requireGenres = true) =>
        CsvTable.Read<Movie>(text, "The CSV", RequiredColumns, strict, row =>
        {
            var problem = Validate(row["id"], row["genres"], row["overview"], requireGenres, out var genres);
            return problem is not null
                ? (null, problem)
                : (new Movie(row["id"], row["title"],
                    int.TryParse(row["year"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) ? year : null,
                    genres, row["overview"], row["language"], row["imdb_id"]), null);
        });

    private static string? Validate(string id, string genres, string overview, bool requireGenres, out GenreSet set)
    {
        set = GenreSet.Empty;
        if (id.Length == 0)
        {
            return "empty id";
        }
        if (overview.Length == 0)
        {
            return "empty overview";
        }
        foreach (var name in genres.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var label = GenreCatalog.IndexOf(name);
            if (label < 0)
            {
                return $"unknown genre '{Shorten(name)}'";
            }
            set = set.With(label);
        }
        return requireGenres && set.Count == 0 ? "no genres" : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
