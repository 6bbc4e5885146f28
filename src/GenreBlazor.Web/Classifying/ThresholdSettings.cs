using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Web.Classifying;

/// <summary>How the Classify page turns probabilities into a decision.</summary>
public enum ThresholdMode
{
    /// <summary>Each genre keeps its own tuned threshold, all moved by the same shift.</summary>
    ShiftTuned,
    /// <summary>One threshold for every genre, replacing the tuned ones.</summary>
    Global,
}

/// <summary>The Classify page's threshold slider: a mode and its value.</summary>
/// <param name="Mode">Shift the tuned thresholds, or replace them with one value.</param>
/// <param name="Shift">Added to every tuned threshold in <see cref="ThresholdMode.ShiftTuned"/> mode (−0.5…0.5).</param>
/// <param name="Global">The one threshold in <see cref="ThresholdMode.Global"/> mode (0…1).</param>
/// <param name="Profile">
/// A visitor's own profile (from their browser or their API request), deciding for the models it sets in place of the
/// server's active profile — for this caller only; null: the active profile decides.
/// </param>
public sealed record ThresholdSettings(ThresholdMode Mode = ThresholdMode.ShiftTuned, float Shift = 0f, float Global = 0.5f, ThresholdProfile? Profile = null)
{
    /// <summary>The tuned thresholds unchanged.</summary>
    public static ThresholdSettings Tuned { get; } = new();

    /// <summary>Whether these are exactly the base thresholds.</summary>
    public bool IsDefault => Mode == ThresholdMode.ShiftTuned && Shift == 0f;

    /// <summary>The per-genre thresholds these settings give over the base (tuned or profile) thresholds, clamped to 0…1.</summary>
    public float[] Apply(IReadOnlyList<float> baseThresholds)
    {
        var thresholds = new float[GenreCatalog.Count];
        for (var label = 0; label < thresholds.Length; label++)
        {
            thresholds[label] = Math.Clamp(Mode == ThresholdMode.Global ? Global : baseThresholds[label] + Shift, 0f, 1f);
        }
        return thresholds;
    }
}
