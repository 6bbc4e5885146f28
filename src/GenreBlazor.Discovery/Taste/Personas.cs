using System.Numerics.Tensors;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;

namespace GenreBlazor.Discovery.Taste;

/// <summary>How much of a persona's liked movies are of a genre, and how many times the share over all viewers.</summary>
public sealed record GenreShare(string Genre, double Share, double Lift);

/// <summary>A cluster of real viewers' taste vectors: its generated name, how many viewers, its genre mix and centre.</summary>
public sealed record Persona(string Name, int Size, IReadOnlyList<GenreShare> Genres, float[] Centroid);

/// <summary>The persona a taste is closest to, by cosine to its centre.</summary>
public sealed record ClosestPersona(Persona Persona, float Cosine);

/// <summary>
/// Personas of MovieLens viewers (decision 0073) and the popularity prior the app's picks blend in (decision 0072),
/// persisted together as one small JSON file (<c>models/discovery/personas.json</c>, written by <c>genreblazor personas</c>).
/// </summary>
public sealed record PersonaModel(
    string Source, int Users, int Seed, double? HalfLifeDays, int K, IReadOnlyDictionary<int, double> SilhouetteByK,
    IReadOnlyList<Persona> Personas, float PopularityWeight, IReadOnlyDictionary<string, int> Likes)
{
    public const int MinK = 4;
    public const int MaxK = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Clusters every viewer's taste (all their ≥ 4 catalog movies) for each k from 4 to 10 and keeps the best mean silhouette.</summary>
    public static PersonaModel Build(DnaCatalog catalog, MovieLensRatings data, double? halfLifeDays, float popularityWeight, int seed, string source,
        int minK = MinK, int maxK = MaxK)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var liked = data.Ratings.Where(r => r.Stars >= PicksEvaluation.LikedStars).GroupBy(r => r.User).OrderBy(g => g.Key)
            .Select(g => g.DistinctBy(r => r.Row).ToList()).ToList();
        var tastes = new List<float[]>();
        var mixes = new List<double[]>();
        foreach (var user in liked)
        {
            var taste = TasteVector.Of(catalog, [.. user.Select(r => r.Row)], [.. user.Select(r => r.Time)], [.. user.Select(_ => 1f)], halfLifeDays * 86_400);
            if (taste is not null)
            {
                tastes.Add(taste.Vector);
                mixes.Add(GenreMix(catalog, user.Select(r => r.Row)));
            }
        }
        if (minK < 2 || maxK < minK || tastes.Count < maxK)
        {
            throw new InvalidOperationException($"{tastes.Count} viewers like catalog movies; personas for k from {minK} to {maxK} need 2 ≤ k ≤ viewers.");
        }
        var rows = tastes.ToArray();
        var silhouettes = new SortedDictionary<int, double>();
        KMeans.Clustering? chosen = null;
        var chosenK = 0;
        for (var k = minK; k <= maxK; k++)
        {
            var clustering = KMeans.Fit(rows, k, seed);
            silhouettes[k] = Math.Round(KMeans.Silhouette(rows, clustering.Assignment, k), 4);
            if (chosen is null || silhouettes[k] > silhouettes[chosenK])
            {
                (chosen, chosenK) = (clustering, k);
            }
        }
        var overall = Mean(mixes);
        var personas = new List<Persona>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < chosenK; c++)
        {
            var members = Enumerable.Range(0, rows.Length).Where(i => chosen!.Assignment[i] == c).ToList();
            if (members.Count == 0)
            {
                continue;
            }
            var mix = Mean(members.Select(i => mixes[i]).ToList());
            var genres = Enumerable.Range(0, GenreCatalog.Count).Where(g => overall[g] > 0)
                .Select(g => new GenreShare(GenreCatalog.All[g], Math.Round(mix[g], 4), Math.Round(mix[g] / overall[g], 3)))
                .OrderByDescending(s => s.Share * s.Lift).ToList();
            personas.Add(new Persona(PersonaNames.Name(genres.Where(s => s.Share > 0).Select(s => s.Genre).ToList(), names), members.Count, genres.Take(5).ToList(),
                [.. chosen!.Centroids[c].Select(v => MathF.Round(v, 4))]));
        }
        var likes = data.Ratings.Where(r => r.Stars >= PicksEvaluation.LikedStars).GroupBy(r => catalog.Movies[r.Row].Id)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.User).Distinct().Count(), StringComparer.Ordinal);
        return new PersonaModel(source, rows.Length, seed, halfLifeDays, chosenK, silhouettes, [.. personas.OrderByDescending(p => p.Size)], popularityWeight, likes);
    }

    public ClosestPersona? Closest(TasteVector taste)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ClosestPersona? best = null;
        foreach (var persona in Personas.Where(p => p.Centroid.Length == taste.Vector.Length))
        {
            var norm = TensorPrimitives.Norm(persona.Centroid);
            var cosine = norm > 0 ? TensorPrimitives.Dot(persona.Centroid, taste.Vector) / norm : 0;
            if (best is null || cosine > best.Cosine)
            {
                best = new ClosestPersona(persona, cosine);
            }
        }
        return best;
    }

    /// <summary>log(1 + likes) over its maximum for every catalog row, the form <see cref="TastePicks"/> blends in.</summary>
    public float[] PopularityPrior(DnaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var prior = new float[catalog.Count];
        var max = Likes.Count == 0 ? 0 : MathF.Log(1 + Likes.Values.Max());
        for (var row = 0; row < catalog.Count && max > 0; row++)
        {
            prior[row] = Likes.TryGetValue(catalog.Movies[row].Id, out var n) ? MathF.Log(1 + n) / max : 0;
        }
        return prior;
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public static PersonaModel Read(string path)
    {
        try
        {
            var model = JsonSerializer.Deserialize<PersonaModel>(File.ReadAllText(path), Json);
            return model is { Personas.Count: > 0, Likes: not null } && model.Personas.All(p => p.Centroid is { Length: > 0 } && p.Name is { Length: > 0 })
                ? model
                : throw new InvalidDataException($"{path} holds no personas; rebuild it with: genreblazor personas");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a personas file ({e.Message}); rebuild it with: genreblazor personas", e);
        }
    }

    /// <summary>Per viewer, the share of their liked movies in each genre (a movie of n genres counts 1/n to each).</summary>
    private static double[] GenreMix(DnaCatalog catalog, IEnumerable<int> rows)
    {
        var mix = new double[GenreCatalog.Count];
        var movies = 0;
        foreach (var row in rows)
        {
            var genres = catalog.Movies[row].Genres;
            foreach (var label in genres.Labels())
            {
                mix[label] += 1.0 / genres.Count;
            }
            movies += genres.Count > 0 ? 1 : 0;
        }
        for (var g = 0; g < mix.Length && movies > 0; g++)
        {
            mix[g] /= movies;
        }
        return mix;
    }

    private static double[] Mean(List<double[]> rows)
    {
        var mean = new double[GenreCatalog.Count];
        foreach (var row in rows)
        {
            for (var g = 0; g < mean.Length; g++)
            {
                mean[g] += row[g] / rows.Count;
            }
        }
        return mean;
    }
}

/// <summary>
/// Persona names from a genre mix, most distinctive genre first: "The {word for the second} {role of the first}"
/// ("The Hard-Boiled Suspense Seeker" for Thriller then Crime). The words are per genre, not per cluster, so any
/// clustering gets names; a name already taken uses the next genre's word.
/// </summary>
public static class PersonaNames
{
    private static readonly Dictionary<string, (string Word, string Role)> Words = new(StringComparer.Ordinal)
    {
        ["Action"] = ("Adrenaline", "Blockbuster Fan"),
        ["Adventure"] = ("Adventurous", "Explorer"),
        ["Animation"] = ("Animated", "Cartoon Lover"),
        ["Comedy"] = ("Light-Hearted", "Laugh Seeker"),
        ["Crime"] = ("Hard-Boiled", "Crime Buff"),
        ["Documentary"] = ("Curious", "Fact Finder"),
        ["Drama"] = ("Thoughtful", "Drama Devotee"),
        ["Family"] = ("Family-Friendly", "Family Viewer"),
        ["Fantasy"] = ("Dreamy", "Fantasist"),
        ["History"] = ("Historical", "History Buff"),
        ["Horror"] = ("Fearless", "Horror Hound"),
        ["Music"] = ("Musical", "Music Lover"),
        ["Mystery"] = ("Puzzle-Loving", "Sleuth"),
        ["Romance"] = ("Romantic", "Romance Reader"),
        ["Science Fiction"] = ("Futurist", "Stargazer"),
        ["TV Movie"] = ("Cosy", "Couch Viewer"),
        ["Thriller"] = ("Edge-of-Seat", "Suspense Seeker"),
        ["War"] = ("Battle-Hardened", "War Chronicler"),
        ["Western"] = ("Frontier", "Trail Rider"),
    };

    /// <param name="genres">Genres, most distinctive first.</param>
    /// <param name="taken">Names already given; the new one is added.</param>
    public static string Name(IReadOnlyList<string> genres, ISet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(genres);
        ArgumentNullException.ThrowIfNull(taken);
        var known = genres.Where(Words.ContainsKey).ToList();
        if (known.Count == 0)
        {
            return Unique("The Eclectic Viewer", taken);
        }
        var role = Words[known[0]].Role;
        foreach (var second in known.Skip(1))
        {
            var name = $"The {Words[second].Word} {role}";
            if (taken.Add(name))
            {
                return name;
            }
        }
        return Unique($"The {role}", taken);
    }

    private static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{name} {n}";
        }
        return candidate;
    }
}
