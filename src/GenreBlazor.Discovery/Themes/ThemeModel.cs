using System.Numerics.Tensors;
using System.Text.Json;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Taste;

namespace GenreBlazor.Discovery.Themes;

/// <summary>A catalog movie close to a theme's centre.</summary>
public sealed record ThemeExample(string Id, string Title, int? Year);

/// <summary>
/// A cluster of the catalog's plot vectors, named by the words that single it out ("heist · robbery · bank"):
/// how many movies, their genre mix (share of the theme's movies, × the catalog's share), the movies nearest its centre.
/// </summary>
public sealed record Theme(int Id, string Name, int Size, IReadOnlyList<ThemeWord> Words, IReadOnlyList<GenreShare> Genres,
    IReadOnlyList<ThemeExample> Examples, float[] Centroid);

/// <summary>The theme a plot vector is closest to, by cosine to its centre.</summary>
public sealed record ClosestTheme(Theme Theme, float Cosine);

/// <summary>
/// Themes of the catalog (decision 0074), BERTopic's recipe over the DNA: the plot vectors clustered by seeded spherical
/// k-means, k chosen by mean silhouette over a few k, each cluster named by its c-TF-IDF top words
/// (<see cref="ClassTfIdf"/>). One small JSON file, <c>models/discovery/themes.json</c>, written by <c>genreblazor themes</c>.
/// </summary>
public sealed record ThemeModel(string Embedder, int Movies, int Seed, int K, IReadOnlyDictionary<int, double> SilhouetteByK, int SilhouetteSample,
    IReadOnlyList<Theme> Themes)
{
    public static readonly IReadOnlyList<int> DefaultKs = [8, 12, 16, 20, 24, 30];
    public const int NameWords = 3;
    public const int Examples = 6;

    /// <summary>Silhouette is quadratic in the rows, so it is measured on a seeded sample of this many movies.</summary>
    public const int DefaultSilhouetteSample = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Clusters for each k of <paramref name="ks"/>, keeps the best silhouette; <paramref name="overviews"/> are the plots by
    /// movie id (the DNA holds vectors, not text), a movie without one is clustered but names nothing.</summary>
    public static ThemeModel Build(DnaCatalog catalog, IReadOnlyDictionary<string, string> overviews, IReadOnlyList<int> ks, int seed,
        int silhouetteSample = DefaultSilhouetteSample)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(overviews);
        ArgumentNullException.ThrowIfNull(ks);
        if (ks.Count == 0 || ks.Any(k => k < 2 || k > catalog.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(ks), $"Each k must be from 2 to the {catalog.Count} catalog movies; given {string.Join(", ", ks)}.");
        }
        var rows = Enumerable.Range(0, catalog.Count).Select(i => catalog.Plot(i).ToArray()).ToArray();
        var sample = Enumerable.Range(0, rows.Length).ToArray();
        new Random(seed).Shuffle(sample);
        sample = sample[..Math.Min(silhouetteSample, sample.Length)];
        var sampleRows = sample.Select(i => rows[i]).ToArray();
        var silhouettes = new SortedDictionary<int, double>();
        KMeans.Clustering? chosen = null;
        var chosenK = 0;
        foreach (var k in ks.Distinct().Order())
        {
            var clustering = KMeans.Fit(rows, k, seed);
            silhouettes[k] = Math.Round(KMeans.Silhouette(sampleRows, [.. sample.Select(i => clustering.Assignment[i])], k), 4);
            if (chosen is null || silhouettes[k] > silhouettes[chosenK])
            {
                (chosen, chosenK) = (clustering, k);
            }
        }
        var members = Enumerable.Range(0, chosenK).Select(c => Enumerable.Range(0, rows.Length).Where(i => chosen!.Assignment[i] == c).ToList())
            .Where(m => m.Count > 0).Select(m => (Rows: m, Centroid: chosen!.Centroids[chosen.Assignment[m[0]]])).ToList();
        var words = ClassTfIdf.TopWords([.. members.Select(m => (IReadOnlyList<string>)[.. m.Rows
            .Select(i => overviews.GetValueOrDefault(catalog.Movies[i].Id)).OfType<string>()])]);
        var overall = GenreShares(catalog, Enumerable.Range(0, catalog.Count).ToList());
        var themes = new List<Theme>(members.Count);
        for (var c = 0; c < members.Count; c++)
        {
            var (inTheme, centroid) = members[c];
            var shares = GenreShares(catalog, inTheme);
            var genres = Enumerable.Range(0, GenreCatalog.Count).Where(g => shares[g] > 0)
                .Select(g => new GenreShare(GenreCatalog.All[g], Math.Round(shares[g], 4), Math.Round(shares[g] / overall[g], 3)))
                .OrderByDescending(s => s.Share).Take(5).ToList();
            var examples = inTheme.OrderByDescending(i => TensorPrimitives.Dot(rows[i], centroid)).Take(Examples)
                .Select(i => new ThemeExample(catalog.Movies[i].Id, catalog.Movies[i].Title, catalog.Movies[i].Year)).ToList();
            var name = words[c].Count > 0 ? string.Join(" · ", words[c].Take(NameWords).Select(w => w.Word)) : $"theme {c + 1}";
            themes.Add(new Theme(0, name, inTheme.Count, words[c], genres, examples, [.. centroid.Select(v => MathF.Round(v, 4))]));
        }
        var ordered = themes.OrderByDescending(t => t.Size).Select((t, i) => t with { Id = i + 1 }).ToList();
        return new ThemeModel(catalog.Embedder, catalog.Count, seed, chosenK, silhouettes, sample.Length, ordered);
    }

    /// <summary>The closest theme to a plot vector of <see cref="Embedder"/>; null for a vector of another width.</summary>
    public ClosestTheme? Closest(ReadOnlySpan<float> plot)
    {
        ClosestTheme? best = null;
        foreach (var theme in Themes)
        {
            if (theme.Centroid.Length != plot.Length)
            {
                continue;
            }
            var norm = TensorPrimitives.Norm(theme.Centroid) * TensorPrimitives.Norm(plot);
            var cosine = norm > 0 ? TensorPrimitives.Dot(theme.Centroid, plot) / norm : 0;
            if (best is null || cosine > best.Cosine)
            {
                best = new ClosestTheme(theme, cosine);
            }
        }
        return best;
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <exception cref="InvalidDataException">The file is not a themes file.</exception>
    public static ThemeModel Read(string path)
    {
        try
        {
            var model = JsonSerializer.Deserialize<ThemeModel>(File.ReadAllText(path), Json);
            return model is { Embedder.Length: > 0, Themes.Count: > 0 } && model.Themes.All(t => t is { Centroid.Length: > 0, Name.Length: > 0, Words: not null, Genres: not null, Examples: not null })
                ? model
                : throw new InvalidDataException($"{path} holds no themes; rebuild it with: genreblazor themes");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a themes file ({e.Message}); rebuild it with: genreblazor themes", e);
        }
    }

    /// <summary>Per genre, the share of the movies that have it.</summary>
    private static double[] GenreShares(DnaCatalog catalog, List<int> rows)
    {
        var shares = new double[GenreCatalog.Count];
        foreach (var row in rows)
        {
            foreach (var label in catalog.Movies[row].Genres.Labels())
            {
                shares[label] += 1.0 / rows.Count;
            }
        }
        return shares;
    }
}
