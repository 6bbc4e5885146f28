using System.Text.Json.Serialization;

namespace GenreBlazor.Web.Api;

/// <summary>Body of <c>POST /api/explain</c>.</summary>
/// <param name="Plot">The plot summary.</param>
/// <param name="Profile">Optional: the caller's own threshold profile, deciding this answer only (the server's active one is untouched).</param>
public sealed record ExplainRequest(string Plot, GenreBlazor.Core.Thresholds.ThresholdProfile? Profile = null);

/// <summary>A word or phrase of the plot and its push on one genre.</summary>
/// <param name="Text">The word or phrase, normalised (lower case, no accents).</param>
/// <param name="Push">Its push on the genre's logit: TF-IDF value × weight (plus, for words, their letter pieces' and word vector's shares).</param>
/// <param name="TfIdf">Its TF-IDF value in the plot.</param>
/// <param name="Kind">"word" or "phrase".</param>
public sealed record EvidenceEntry(string Text, float Push, float TfIdf, string Kind);

/// <summary>One genre's decision and its strongest evidence.</summary>
/// <param name="Probability">The probability, 0–1.</param>
/// <param name="Threshold">The threshold it was decided at.</param>
/// <param name="Predicted">Whether it is predicted.</param>
/// <param name="Up">Words and phrases that pushed it up most, strongest first.</param>
/// <param name="Down">Words and phrases that pushed it down most, strongest first.</param>
public sealed record GenreEvidenceEntry(float Probability, float Threshold, bool Predicted, IReadOnlyList<EvidenceEntry> Up, IReadOnlyList<EvidenceEntry> Down);

/// <summary>
/// Answer of <c>POST /api/explain</c>. The JSON also carries the seed system's two fields, <c>"Genre"</c> (the
/// predicted genres, comma-separated, most probable first; empty when none) and <c>"Explanation"</c> (the same text as
/// <c>"explanation"</c>), so its old clients keep working.
/// </summary>
/// <param name="ModelVersion">Version of the model bundle.</param>
/// <param name="Genres">The predicted genres, most probable first.</param>
/// <param name="Explanation">Two or three plain sentences saying why.</param>
/// <param name="Source">"bedrock" or "local": who wrote the explanation.</param>
/// <param name="BedrockModel">The Bedrock model asked, when Bedrock is on; null when it is off.</param>
/// <param name="FallbackReason">Why the local explainer wrote it (Bedrock off, budget spent, a fault, a refused answer); null when Bedrock did.</param>
/// <param name="Cached">Whether Bedrock's answer came from the cache.</param>
/// <param name="Evidence">Per explained genre (the predicted ones, or the closest one when none is predicted): its decision and strongest evidence.</param>
/// <param name="ThresholdProfile">The active threshold profile, or null when the model's tuned thresholds decide.</param>
public sealed record ExplainResponse(
    string ModelVersion,
    IReadOnlyList<PredictedGenre> Genres,
    string Explanation,
    string Source,
    [property: JsonPropertyName("model")] string? BedrockModel,
    string? FallbackReason,
    bool Cached,
    IReadOnlyDictionary<string, GenreEvidenceEntry> Evidence,
    string? ThresholdProfile);
