using System.Text.Json;
using System.Text.Json.Serialization;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Thresholds;

/// <summary>Thrown when a threshold profile is invalid; the message says what is wrong.</summary>
public sealed class ThresholdProfileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A named set of per-genre thresholds an analyst saved, and the model version it was tuned for.</summary>
/// <param name="Name">Name shown in lists (1–60 letters, digits, spaces, '-', '_', '.').</param>
/// <param name="Thresholds">One threshold per genre, keyed by genre name, each within 0–1.</param>
/// <param name="ModelVersion">Version of the bundle it was tuned on, if known.</param>
/// <param name="Description">Free text, e.g. how it was tuned.</param>
/// <param name="Saved">When it was saved.</param>
public sealed record ThresholdProfile(
    string Name,
    IReadOnlyDictionary<string, float> Thresholds,
    string? ModelVersion = null,
    string? Description = null,
    DateTimeOffset? Saved = null)
{
    /// <summary>Longest name.</summary>
    public const int MaxNameLength = 60;

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A profile from thresholds in catalog order.</summary>
    public static ThresholdProfile FromArray(string name, IReadOnlyList<float> thresholds, string? modelVersion, string? description = null) =>
        new ThresholdProfile(name, GenreCatalog.All.Select((genre, label) => (genre, thresholds[label])).ToDictionary(p => p.genre, p => p.Item2),
            modelVersion, description, DateTimeOffset.UtcNow).Validated();

    /// <summary>The thresholds in catalog order.</summary>
    public float[] ToArray() => GenreCatalog.All.Select(genre => Thresholds[genre]).ToArray();

    /// <summary>The profile as JSON (what export writes and import reads).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads and validates a profile from JSON; <paramref name="source"/> names it in errors.</summary>
    public static ThresholdProfile Parse(string json, string source)
    {
        ThresholdProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<ThresholdProfile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ThresholdProfileException($"{source} is not a threshold profile: {e.Message}", e);
        }
        if (profile is null || profile.Name is null || profile.Thresholds is null)
        {
            throw new ThresholdProfileException($"{source} is not a threshold profile: it needs \"name\" and \"thresholds\".");
        }
        return profile.Validated(source);
    }

    /// <summary>This profile if it is valid; otherwise an exception saying what is wrong.</summary>
    public ThresholdProfile Validated(string? source = null)
    {
        var where = source is null ? $"Profile '{Name}'" : $"{source} (profile '{Name}')";
        var problem = NameProblem(Name);
        if (problem is not null)
        {
            throw new ThresholdProfileException($"{where}: {problem}");
        }
        var unknown = Thresholds.Keys.Where(g => !GenreCatalog.All.Contains(g)).ToList();
        if (unknown.Count > 0)
        {
            throw new ThresholdProfileException($"{where}: unknown genre(s) {string.Join(", ", unknown.Select(g => $"'{g}'"))}; the genres are {string.Join(", ", GenreCatalog.All)}.");
        }
        var missing = GenreCatalog.All.Where(g => !Thresholds.ContainsKey(g)).ToList();
        if (missing.Count > 0)
        {
            throw new ThresholdProfileException($"{where}: no threshold for {string.Join(", ", missing)}; a profile sets all {GenreCatalog.Count} genres.");
        }
        var outside = Thresholds.Where(p => !(p.Value >= 0f && p.Value <= 1f)).ToList();
        if (outside.Count > 0)
        {
            throw new ThresholdProfileException($"{where}: threshold(s) outside 0–1: {string.Join(", ", outside.Select(p => $"{p.Key} = {p.Value}"))}.");
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
}
