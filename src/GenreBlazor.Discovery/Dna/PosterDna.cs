using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Discovery.Dna;

/// <summary>
/// A poster's visual DNA: the poster model's ResNet18 pooled activations of the full poster, signed square root,
/// without the colour statistics (those are tuned for the genre head, not for likeness), unit length. The same crop
/// activations the poster model caches, so building the catalog's poster DNA reruns no backbone for a cached poster.
/// </summary>
public static class PosterDna
{
    public static PosterFeatureRecipe Recipe { get; } = PosterFeatureRecipe.Default with { ColourStatistics = false };

    /// <summary>
    /// The DNA of extracted features: every block but the colour statistics, so the features the poster model
    /// computes for classifying (its recipe has them) give the same vector as <see cref="Recipe"/>'s.
    /// </summary>
    public static float[] From(PosterFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var vector = features.Layout.Blocks.Where(block => block.Name != PosterFeatureRecipe.ColourBlock)
            .SelectMany(block => features.Values.AsSpan(block.Offset, block.Length).ToArray()).ToArray();
        VectorMath.Normalize(vector);
        return vector;
    }
}
