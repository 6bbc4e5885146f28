using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Fusion;

/// <summary>How one genre combines the two models: logit = text × TextWeight + poster × PosterWeight + Bias.</summary>
/// <param name="TextWeight">Weight of the text model's logit.</param>
/// <param name="PosterWeight">Weight of the poster model's logit.</param>
/// <param name="Bias">Intercept.</param>
public sealed record GenreFusion(float TextWeight, float PosterWeight, float Bias);

/// <summary>Which models produced a score.</summary>
[Flags]
public enum Modalities
{
    None = 0,
    /// <summary>The plot, by the text model.</summary>
    Text = 1,
    /// <summary>The poster, by the poster model.</summary>
    Poster = 2,
    /// <summary>Both, combined by the fusion model.</summary>
    Fused = Text | Poster,
}

/// <summary>
/// Text + poster fusion: per genre, a logistic regression over the two models' logits, learned on movies that have
/// both (stacked on out-of-fold scores of each model, so neither model's training data leaks into the weights).
/// </summary>
public sealed class FusionModel(IReadOnlyList<GenreFusion> genres)
{
    /// <summary>The per-genre combinations, in catalog order.</summary>
    public IReadOnlyList<GenreFusion> Genres { get; } = genres.Count == GenreCatalog.Count
        ? genres
        : throw new ArgumentException($"Fusion needs {GenreCatalog.Count} genres, got {genres.Count}.", nameof(genres));

    /// <summary>Fused probabilities from the two models' probabilities.</summary>
    public float[] Probabilities(IReadOnlyList<float> text, IReadOnlyList<float> poster)
    {
        var fused = new float[GenreCatalog.Count];
        for (var g = 0; g < fused.Length; g++)
        {
            var logit = Genres[g].TextWeight * Logit(text[g]) + Genres[g].PosterWeight * Logit(poster[g]) + Genres[g].Bias;
            fused[g] = 1f / (1f + MathF.Exp(-logit));
        }
        return fused;
    }

    /// <summary>The logit of a probability, kept finite.</summary>
    public static float Logit(float probability)
    {
        var p = Math.Clamp(probability, 1e-6f, 1 - 1e-6f);
        return MathF.Log(p / (1 - p));
    }
}
