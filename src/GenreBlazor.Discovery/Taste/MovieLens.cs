using System.Globalization;
using GenreBlazor.Discovery.Dna;

namespace GenreBlazor.Discovery.Taste;

/// <summary>One rating of a catalog movie: the MovieLens user, the movie's catalog row, the stars and the Unix time.</summary>
public readonly record struct Rating(int User, int Row, float Stars, long Time);

/// <summary>The MovieLens ratings whose movie is in the catalog, and how many were read in all.</summary>
public sealed record MovieLensRatings(IReadOnlyList<Rating> Ratings, int RatingsRead, int UsersRead, int MoviesLinked);

/// <summary>
/// MovieLens ml-latest-small as the folder of its CSV files: <c>ratings.csv</c> (userId, movieId, rating, timestamp)
/// and <c>links.csv</c> (movieId → tmdbId). Catalog ids are <c>tmdb-N</c>, so a movie is in the catalog when its
/// TMDB id is. The files hold no quoted fields, so lines are split on commas; a malformed line stops the read and
/// is named.
/// </summary>
public static class MovieLens
{
    public static MovieLensRatings Read(string folder, DnaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var links = Path.Combine(folder, "links.csv");
        var ratingsPath = Path.Combine(folder, "ratings.csv");
        foreach (var path in new[] { links, ratingsPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"MovieLens file {path} is missing; --data is the folder of ml-latest-small (ratings.csv, links.csv).", path);
            }
        }
        var rowOfMovie = new Dictionary<int, int>();
        foreach (var (fields, line) in Lines(links, "movieId,imdbId,tmdbId", 3))
        {
            if (fields[2].Length > 0 && catalog.IndexOf("tmdb-" + Number(fields[2], links, line)) is var row and >= 0)
            {
                rowOfMovie[(int)Number(fields[0], links, line)] = row;
            }
        }
        var ratings = new List<Rating>();
        var users = new HashSet<int>();
        var read = 0;
        foreach (var (fields, line) in Lines(ratingsPath, "userId,movieId,rating,timestamp", 4))
        {
            read++;
            var user = (int)Number(fields[0], ratingsPath, line);
            users.Add(user);
            if (rowOfMovie.TryGetValue((int)Number(fields[1], ratingsPath, line), out var row))
            {
                if (!float.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var stars))
                {
                    throw new InvalidDataException($"{ratingsPath}, line {line}: '{fields[2]}' is not a rating.");
                }
                ratings.Add(new Rating(user, row, stars, Number(fields[3], ratingsPath, line)));
            }
        }
        return new MovieLensRatings(ratings, read, users.Count, rowOfMovie.Count);
    }

    /// <summary>The citation the dataset's README asks for (the quoted line under "Citation"), or null without one.</summary>
    public static string? Citation(string folder)
    {
        var readme = Path.Combine(folder, "README.txt");
        if (!File.Exists(readme))
        {
            return null;
        }
        var lines = File.ReadAllLines(readme);
        var heading = Array.FindIndex(lines, l => l.Trim() == "Citation");
        return heading < 0 ? null : lines.Skip(heading).FirstOrDefault(l => l.StartsWith('>'))?.TrimStart('>', ' ');
    }

    private static IEnumerable<(string[] Fields, int Line)> Lines(string path, string header, int width)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine();
        if (first?.Trim() != header)
        {
            throw new InvalidDataException($"{path}: the first line is '{first}', expected the header '{header}'.");
        }
        var number = 1;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }
            var fields = text.Split(',');
            if (fields.Length != width)
            {
                throw new InvalidDataException($"{path}, line {number}: {fields.Length} fields, expected {width} ({header}).");
            }
            yield return (fields, number);
        }
    }

    private static long Number(string field, string path, int line) =>
        long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path}, line {line}: '{field}' is not a whole number.");
}
