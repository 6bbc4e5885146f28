using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenreBlazor.Web.Api;

/// <summary>Body of <c>POST /api/predict</c>.</summary>
/// <param name="Plot">The plot summary.</param>
/// <param name="Profile">Optional: the caller's own threshold profile, deciding this answer only (the server's active one is untouched).</param>
public sealed record PredictRequest(string Plot, GenreBlazor.Core.Thresholds.ThresholdProfile? Profile = null);

/// <summary>One genre in an answer.</summary>
/// <param name="Genre">Genre name.</param>
/// <param name="Probability">The model's probability, 0–1.</param>
/// <param name="Threshold">The threshold the decision used (the active profile's, else the tuned one).</param>
/// <param name="Predicted">Whether the genre is predicted.</param>
public sealed record PredictedGenre(string Genre, float Probability, float Threshold, bool Predicted);

/// <summary>Answer of <c>POST /api/predict</c>.</summary>
/// <param name="ModelVersion">Version of the model bundle.</param>
/// <param name="Genres">Every genre, most probable first.</param>
/// <param name="Top3">The three most probable genres, best first.</param>
/// <param name="Predicted">The genres predicted at the thresholds.</param>
/// <param name="ThresholdProfile">The active threshold profile, or null when the model's tuned thresholds decide.</param>
/// <param name="Model">Which model decided: "text", "poster" or "fused".</param>
/// <param name="Models">Each model's own answer on the same input, when more than one model answered (only at the top level; null otherwise).</param>
public sealed record PredictResponse(string ModelVersion, IReadOnlyList<PredictedGenre> Genres, IReadOnlyList<string> Top3, IReadOnlyList<string> Predicted,
    string? ThresholdProfile, string Model = "text", IReadOnlyDictionary<string, PredictResponse>? Models = null);

/// <summary>
/// Serialization of the prediction answer written at build time: every <c>/api/predict</c> answer went through the
/// reflection-based serializer, about a fifth of the app's CPU under load (decision 0080). The endpoint writes with
/// this context's own type info, so the generated fast path runs (decision 0082).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictResponse))]
internal sealed partial class PredictJsonContext : JsonSerializerContext;
