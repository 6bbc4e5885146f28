using System.Globalization;
using System.Security.Cryptography;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Data;

/// <summary>One row of a posters CSV: a poster image with its genres.</summary>
/// <param name="ImdbId">IMDb id; joins the poster to a plot and decides its split part.</param>
/// <param name="Title">Title, where known.</param>
/// <param name="Year">Release year, where known.</param>
/// <param name="Genres">True genres.</param>
/// <param name="File">Full path of the image.</param>
public sealed record Poster(string ImdbId, string Title, int? Year, GenreSet Genres, string File);

/// <summary>The posters read from a CSV, the rows skipped, and a fingerprint of the file's bytes.</summary>
public sealed record PosterCsv(string Path, IReadOnlyList<Poster> Posters, IReadOnlyList<SkippedRow> Skipped, string Fingerprint);

/// <summary>
/// Reads a CSV in the schema of the shared <c>posters.csv</c> (<c>imdb_id,title,year,genres,file</c>, the file
/// relative to the CSV's folder). Malformed rows are skipped and reported with their line, or stop the read in strict mode.
/// </summary>
public static class PosterCsvReader
{
    private static readonly string[] RequiredColumns = ["imdb_id", "genres", "file"];

    /// <summary>Reads a file.</summary>
    public static PosterCsv Read(string path, bool strict = false)
    {
        if (!File.Exists(path))
        {
            throw new MovieCsvException($"No such file: {path}");
        }
        var bytes = File.ReadAllBytes(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        using var text = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(text);
        var header = (csv.Read() ?? throw new MovieCsvException($"{path} is empty: expected a header with imdb_id, genres and file."))
            .Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new MovieCsvException($"{path}: the header lacks {string.Join(", ", missing)}; found: {string.Join(", ", header)}.");
        }
        int Column(string name) => Array.IndexOf(header, name);
        int id = Column("imdb_id"), title = Column("title"), year = Column("year"), genres = Column("genres"), file = Column("file");

        var posters = new List<Poster>();
        var skipped = new List<SkippedRow>();
        while (csv.Read() is { } record)
        {
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue;
            }
            string Field(int index) => index >= 0 && index < record.Fields.Count ? record.Fields[index].Trim() : "";
            var problem = record.Problem
                ?? (record.Fields.Count != header.Length ? $"{record.Fields.Count} fields where the header has {header.Length}" : null)
                ?? (Field(id).Length == 0 ? "empty imdb_id" : null)
                ?? (Field(file).Length == 0 ? "empty file" : null);
            var set = GenreSet.Empty;
            if (problem is null)
            {
                foreach (var name in Field(genres).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var label = GenreCatalog.IndexOf(name);
                    if (label < 0)
                    {
                        problem = $"unknown genre '{name}'";
                        break;
                    }
                    set = set.With(label);
                }
                problem ??= set.Count == 0 ? "no genres" : null;
            }
            if (problem is not null)
            {
                if (strict)
                {
                    throw new MovieCsvException($"Line {record.Line}: {problem}.");
                }
                skipped.Add(new SkippedRow(record.Line, problem));
                continue;
            }
            posters.Add(new Poster(Field(id), Field(title),
                int.TryParse(Field(year), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : null,
                set, System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, Field(file)))));
        }
        return new PosterCsv(path, posters, skipped, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
