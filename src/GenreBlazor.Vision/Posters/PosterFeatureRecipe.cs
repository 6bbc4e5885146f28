using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Posters;

/// <summary>
/// How a poster becomes a feature vector: the backbone runs on each crop, each of its outputs is averaged over the
/// crops and passed through a signed square root (x → sign(x)·√|x|, which tames the few very large activations and
/// helped every head tried), then the colour statistics of the full poster are appended.
/// </summary>
/// <param name="Crops">The views the backbone sees; their activations are averaged.</param>
/// <param name="BackboneOutputs">Which backbone outputs to keep, in this order (names from <see cref="BackboneNames"/>).</param>
/// <param name="SignedSquareRoot">Whether to apply the signed square root to the averaged backbone outputs.</param>
/// <param name="ColourStatistics">Whether to append <see cref="PosterColourStatistics"/> of the full poster.</param>
public sealed record PosterFeatureRecipe(
    IReadOnlyList<PosterCrop> Crops,
    IReadOnlyList<string> BackboneOutputs,
    bool SignedSquareRoot = true,
    bool ColourStatistics = true)
{
    /// <summary>Name of the colour statistics block.</summary>
    public const string ColourBlock = "colour";

    /// <summary>
    /// The configuration chosen by the poster research (docs/decisions/0020): five crops averaged, the penultimate
    /// features, the three pooled intermediate blocks, nsfwjs's class probabilities and the colour statistics.
    /// </summary>
    public static PosterFeatureRecipe Default { get; } = new(
        [PosterCrop.Full, PosterCrop.Top, PosterCrop.Centre, PosterCrop.Bottom, PosterCrop.FullMirrored],
        [BackboneNames.Features, BackboneNames.Block28x28Pooled, BackboneNames.Block14x14Pooled, BackboneNames.Block7x7Pooled, BackboneNames.Probabilities]);

    /// <summary>A stable text that changes whenever the recipe changes what the vector holds (part of the feature version).</summary>
    public string Describe() =>
        $"crops={string.Join('+', Crops)};outputs={string.Join('+', BackboneOutputs)};combine=mean" +
        $"{(SignedSquareRoot ? ";signed-sqrt" : "")}{(ColourStatistics ? $";colour={PosterColourStatistics.Count}" : "")}";

    /// <summary>The layout of the vectors this recipe makes.</summary>
    public PosterFeatureLayout Layout()
    {
        var blocks = BackboneOutputs
            .Select(name => (name, BackboneWidth(name), name == BackboneNames.Probabilities ? BackboneNames.ClassNames : (IReadOnlyList<string>?)null))
            .ToList();
        if (ColourStatistics)
        {
            blocks.Add((ColourBlock, PosterColourStatistics.Count, PosterColourStatistics.Names));
        }

        return new PosterFeatureLayout(blocks);
    }

    /// <summary>Width of a backbone output.</summary>
    public static int BackboneWidth(string output) => output switch
    {
        BackboneNames.Features => BackboneNames.FeatureWidth,
        BackboneNames.Probabilities => BackboneNames.ClassNames.Count,
        BackboneNames.Block28x28Pooled => 48,
        BackboneNames.Block14x14Pooled => 136,
        BackboneNames.Block7x7Pooled => 448,
        _ => throw new ArgumentException($"'{output}' is not an output of the poster backbone.", nameof(output)),
    };
}
