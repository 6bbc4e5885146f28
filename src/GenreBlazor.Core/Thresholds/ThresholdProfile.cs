using System.Text.Json;
using System.Text.Json.Serialization;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Thresholds;

/// <summary>Thrown when a threshold profile is invalid; the message says what is wrong.</summary>
public sealed class ThresholdProfileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The models of a bundle that decide genres, each at thresholds of its own.</summary>
public enum DecidingModel
{
    Text,

    Poster,

    /// <summary>The fusion of both, which decides when a movie has a plot and a poster.</summary>
    Fused,
}

/// <summary>Names of <see cref="DecidingModel"/> as they appear in profiles and API answers.</summary>
public static class DecidingModels
{
    /// <summary>Every model, in the order text, poster, fused.</summary>
    public static IReadOnlyList<DecidingModel> All { get; } = [DecidingModel.Text, DecidingModel.Poster, DecidingModel.Fused];

    /// <summary>"text", "poster" or "fused".</summary>
    public static string Key(this DecidingModel model) => model switch
    {
        DecidingModel.Text => "text",
        DecidingModel.Poster => "poster",
        DecidingModel.Fused => "fused",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>The model named <paramref name="key"/>, or null.</summary>
    public static DecidingModel? Parse(string? key) => key switch
    {
        "text" => DecidingModel.Text,
        "poster" => DecidingModel.Poster,
        "fused" => DecidingModel.Fused,
        _ => null,
    };
}

/// <summary>
/// A named set of per-genre thresholds an analyst saved, for one or more of the deciding models, and the bundle version
/// it was tuned on. A model the profile holds no thresholds for decides at its own tuned thresholds.
/// </summary>
/// <param name="Name">Name shown in lists (1–60 letters, digits, spaces, '-', '_', '.').</param>
/// <param name="Models">Per model key (<see cref="DecidingModels.Key"/>), one threshold per genre name, each within 0–1.</param>
/// <param name="ModelVersion">Version of the bundle it was tuned on, if known.</param>
/// <param name="Description">Free text, e.g. how it was tuned.</param>
/// <param name="Saved">When it was saved.</param>
public sealed record ThresholdProfile(
    string Name,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, float>> Models,
    string? ModelVersion = null,
    string? Description = null,
    DateTimeOffset? Saved = null)
{
    public const int MaxNameLength = 60;

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A profile from thresholds in catalog order, per model.</summary>
    public static ThresholdProfile FromArrays(string name, IReadOnlyDictionary<DecidingModel, IReadOnlyList<float>> thresholds, string? modelVersion,
        string? description = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var models = thresholds.OrderBy(p => p.Key).ToDictionary(p => p.Key.Key(), p => (IReadOnlyDictionary<string, float>)ByGenre(p.Value));
        return new ThresholdProfile(name, models, modelVersion, description, DateTimeOffset.UtcNow).Validated();
    }

    /// <summary>A profile that sets the text model's thresholds alone, in catalog order.</summary>
    public static ThresholdProfile FromArray(string name, IReadOnlyList<float> thresholds, string? modelVersion, string? description = null) =>
        FromArrays(name, new Dictionary<DecidingModel, IReadOnlyList<float>> { [DecidingModel.Text] = thresholds }, modelVersion, description);

    /// <summary>The thresholds for <paramref name="model"/> in catalog order, or null when the profile leaves it at its tuned ones.</summary>
    public float[]? ThresholdsFor(DecidingModel model) =>
        Models.TryGetValue(model.Key(), out var thresholds) ? GenreCatalog.All.Select(genre => thresholds[genre]).ToArray() : null;

    /// <summary>The models this profile sets, in the order text, poster, fused.</summary>
    public IReadOnlyList<DecidingModel> Sets => DecidingModels.All.Where(m => Models.ContainsKey(m.Key())).ToList();

    /// <summary>The text model's thresholds in catalog order; throws when the profile does not set them.</summary>
    public float[] ToArray() => ThresholdsFor(DecidingModel.Text)
        ?? throw new ThresholdProfileException($"Profile '{Name}' sets no thresholds for the text model.");

    /// <summary>The profile as JSON (what export writes and import reads).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads and validates a profile from JSON; <paramref name="source"/> names it in errors. A file of the first
    /// format, with one <c>thresholds</c> object, is read as a profile of the text model (the only one it could set).
    /// </summary>
    public static ThresholdProfile Parse(string json, string source)
    {
        StoredProfile? stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredProfile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ThresholdProfileException($"{source} is not a threshold profile: {e.Message}", e);
        }
        var models = stored?.Models ?? (stored?.Thresholds is { } single ? new Dictionary<string, Dictionary<string, float>> { ["text"] = single } : null);
        if (stored?.Name is null || models is null)
        {
            throw new ThresholdProfileException($"{source} is not a threshold profile: it needs \"name\" and \"models\" (or \"thresholds\").");
        }
        if (models.Values.Any(m => m is null))
        {
            throw new ThresholdProfileException($"{source} (profile '{stored.Name}'): a model's thresholds are null.");
        }
        return new ThresholdProfile(stored.Name, models.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, float>)p.Value),
            stored.ModelVersion, stored.Description, stored.Saved).Validated(source);
    }

    /// <summary>
    /// A name in the one form it is stored and compared in (Unicode NFC), so "Café" typed with a combining accent and
    /// "Café" typed with the accented letter are the same profile.
    /// </summary>
    public static string NormalizeName(string name) => name.Normalize(System.Text.NormalizationForm.FormC);

    /// <summary>This profile if it is valid (its name normalised, see <see cref="NormalizeName"/>); otherwise an exception saying what is wrong.</summary>
    public ThresholdProfile Validated(string? source = null)
    {
        if (Name is not null && NormalizeName(Name) != Name)
        {
            return (this with { Name = NormalizeName(Name) }).Validated(source);
        }
        var where = source is null ? $"Profile '{Name}'" : $"{source} (profile '{Name}')";
        if (NameProblem(Name) is { } problem)
        {
            throw new ThresholdProfileException($"{where}: {problem}");
        }
        if (Models is null || Models.Count == 0)
        {
            throw new ThresholdProfileException($"{where}: it sets no model's thresholds; give at least one of text, poster, fused.");
        }
        var unknownModels = Models.Keys.Where(k => DecidingModels.Parse(k) is null).ToList();
        if (unknownModels.Count > 0)
        {
            throw new ThresholdProfileException($"{where}: unknown model(s) {string.Join(", ", unknownModels.Select(m => $"'{m}'"))}; the models are text, poster and fused.");
        }
        foreach (var (model, thresholds) in Models)
        {
            // The text model's thresholds are named plainly: they are what every profile of the first format held.
            var of = model == "text" ? "" : $" of the {model} model";
            var unknown = thresholds.Keys.Where(g => !GenreCatalog.All.Contains(g)).ToList();
            if (unknown.Count > 0)
            {
                throw new ThresholdProfileException($"{where}: unknown genre(s) {string.Join(", ", unknown.Select(g => $"'{g}'"))}{of}; the genres are {string.Join(", ", GenreCatalog.All)}.");
            }
            var missing = GenreCatalog.All.Where(g => !thresholds.ContainsKey(g)).ToList();
            if (missing.Count > 0)
            {
                throw new ThresholdProfileException($"{where}: no threshold{of} for {string.Join(", ", missing)}; a profile sets all {GenreCatalog.Count} genres of each model it names.");
            }
            var outside = thresholds.Where(p => !(p.Value >= 0f && p.Value <= 1f)).ToList();
            if (outside.Count > 0)
            {
                throw new ThresholdProfileException($"{where}: threshold(s){of} outside 0–1: {string.Join(", ", outside.Select(p => $"{p.Key} = {p.Value}"))}.");
            }
        }
        return this;
    }

    /// <summary>What is wrong with a name, or null.</summary>
    public static string? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "the name is empty.";
        }
        if (name.Length > MaxNameLength)
        {
            return $"the name is longer than {MaxNameLength} characters.";
        }
        if (name.Trim() != name || !name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.'))
        {
            return "a name may hold letters, digits, spaces, '-', '_' and '.', and no leading or trailing space.";
        }
        return null;
    }

    private static Dictionary<string, float> ByGenre(IReadOnlyList<float> thresholds) =>
        thresholds.Count == GenreCatalog.Count
            ? GenreCatalog.All.Select((genre, label) => (genre, thresholds[label])).ToDictionary(p => p.genre, p => p.Item2)
            : throw new ThresholdProfileException($"A profile needs {GenreCatalog.Count} thresholds per model, not {thresholds.Count}.");

    // Both formats as they are on disk: "models" now, "thresholds" (the text model alone) in the first.
    private sealed record StoredProfile(
        string? Name,
        Dictionary<string, Dictionary<string, float>>? Models,
        Dictionary<string, float>? Thresholds,
        string? ModelVersion,
        string? Description,
        DateTimeOffset? Saved);
}
