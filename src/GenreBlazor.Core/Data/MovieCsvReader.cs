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

    /// <summary>Reads a file.</summary>
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

    /// <summary>Reads CSV text from a reader.</summary>
    public static (IReadOnlyList<Movie> Movies, IReadOnlyList<SkippedRow> Skipped) Read(TextReader text, bool strict = false, bool requireGenres = true)
    {
        var csv = new CsvRecordReader(text);
        var headerRecord = csv.Read() ?? throw new MovieCsvException("The CSV is empty: expected a header row with id, genres and overview.");
        var header = headerRecord.Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new MovieCsvException($"The CSV header lacks the column(s) {string.Join(", ", missing)}; found: {string.Join(", ", header)}.");
        }
        int Column(string name) => Array.IndexOf(header, name);
        int id = Column("id"), title = Column("title"), year = Column("year"), genres = Column("genres"),
            overview = Column("overview"), language = Column("language"), imdb = Column("imdb_id");

        var movies = new List<Movie>();
        var skipped = new List<SkippedRow>();
        while (csv.Read() is { } record)
        {
            var fields = record.Fields;
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }
            string Field(int index) => index >= 0 && index < fields.Count ? fields[index].Trim() : "";
            var genreSet = GenreSet.Empty;
            var problem = record.Problem ?? Validate(fields.Count, header.Length, Field(id), Field(genres), Field(overview), requireGenres, out genreSet);
            if (problem is not null)
            {
                if (strict)
                {
                    throw new MovieCsvException($"Line {record.Line}: {problem}.");
                }
                skipped.Add(new SkippedRow(record.Line, problem));
                continue;
            }
            movies.Add(new Movie(
                Field(id), Field(title),
                int.TryParse(Field(year), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : null,
                genreSet, Field(overview), Field(language), Field(imdb)));
        }
        return (movies, skipped);
    }

    private static string? Validate(int fieldCount, int headerCount, string id, string genres, string overview, bool requireGenres, out GenreSet set)
    {
        set = GenreSet.Empty;
        if (fieldCount != headerCount)
        {
            return $"{fieldCount} fields where the header has {headerCount}";
        }
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
