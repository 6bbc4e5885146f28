namespace GenreBlazor.Lifecycle.Registry;

/// <summary>The headline figures of a registered bundle, from its manifest (held-out test parts).</summary>
/// <param name="TextMicroF1">Text model, micro-F1.</param>
/// <param name="TextMacroF1">Text model, macro-F1.</param>
/// <param name="TextTestMovies">Text model's held-out movies.</param>
/// <param name="PosterMicroF1">Poster model, micro-F1, when the bundle has one.</param>
/// <param name="FusedMicroF1">Text + poster fusion, micro-F1, when the bundle has one.</param>
/// <param name="TextF1ByGenre">Text model's F1 per genre.</param>
public sealed record ModelMetrics(double TextMicroF1, double TextMacroF1, int TextTestMovies, double? PosterMicroF1, double? FusedMicroF1,
    IReadOnlyDictionary<string, double> TextF1ByGenre);

/// <summary>A bundle in the registry.</summary>
/// <param name="Version">The bundle's version (from its manifest), the registry's key.</param>
/// <param name="Created">When it was trained.</param>
/// <param name="Registered">When it was registered.</param>
/// <param name="Directory">The bundle folder.</param>
/// <param name="DataFingerprint">SHA-256 of the CSV it was trained on.</param>
/// <param name="Snapshot">The dataset snapshot of that CSV, when an ingest made it.</param>
/// <param name="Parent">The version it was trained to replace, when known.</param>
/// <param name="Hyperparameters">The text model's options, as the manifest holds them (JSON).</param>
/// <param name="Metrics">Headline figures.</param>
/// <param name="Files">SHA-256 of every file, the manifest included.</param>
/// <param name="Aliases">Aliases pointing at it (<c>champion</c>, <c>challenger</c>).</param>
public sealed record ModelVersion(string Version, DateTimeOffset Created, DateTimeOffset Registered, string Directory, string DataFingerprint, string? Snapshot,
    string? Parent, string Hyperparameters, ModelMetrics Metrics, IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Aliases);

/// <summary>Thrown when the registry refuses an action; the message says why and what to do.</summary>
public sealed class ModelRegistryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One alias change in the registry's history.</summary>
/// <param name="At">When.</param>
/// <param name="Alias"><c>champion</c> or <c>challenger</c>.</param>
/// <param name="Version">The version the alias pointed at from then on.</param>
/// <param name="Previous">The version it pointed at before, if any.</param>
/// <param name="Kind"><c>first start</c>, <c>promote</c>, <c>rollback</c> or <c>challenger</c>.</param>
public sealed record ModelPromotion(DateTimeOffset At, string Alias, string Version, string? Previous, string Kind);
