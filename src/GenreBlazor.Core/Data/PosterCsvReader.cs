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

    public static PosterCsv Read(string path, bool strict = false)
    {
        if (!File.Exists(path))
        {
            throw new MovieCsvException($"No such file: {path}");
        }
        var bytes = File.ReadAllBytes(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        using var text = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        var (posters, skipped) = CsvTable.Read<Poster>(text, path, RequiredColumns, strict, row =>
        {
            var problem = row["imdb_id"].Length == 0 ? "empty imdb_id" : row["file"].Length == 0 ? "empty file" : null;
            var set = GenreSet.Empty;
            foreach (var name in problem is null ? row["genres"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [])
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
            return problem is not null
                ? (null, problem)
                : (new Poster(row["imdb_id"], row["title"],
                    int.TryParse(row["year"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) ? year : null,
                    set, System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, row["file"]))), null);
        });
        return new PosterCsv(path, posters, skipped, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
