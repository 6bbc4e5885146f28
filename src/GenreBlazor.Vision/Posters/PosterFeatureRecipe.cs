using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Posters;

/// <summary>
/// How a poster becomes a feature vector: the backbone runs on each crop, its outputs are averaged over the crops
/// and passed through a signed square root (x → sign(x)·√|x|, which tames the few very large activations), then the
/// colour statistics of the full poster are appended.
/// </summary>
/// <param name="Crops">The views the backbone sees; their activations are averaged.</param>
/// <param name="SignedSquareRoot">Whether to apply the signed square root to the averaged backbone outputs.</param>
/// <param name="ColourStatistics">Whether to append <see cref="PosterColourStatistics"/> of the full poster.</param>
public sealed record PosterFeatureRecipe(IReadOnlyList<PosterCrop> Crops, bool SignedSquareRoot = true, bool ColourStatistics = true)
{
    public const string ColourBlock = "colour";

    /// <summary>The configuration chosen by measurement: the squashed poster and its mirror image, signed root, colour statistics (docs/decisions/0038).</summary>
    public static PosterFeatureRecipe Default { get; } = new([PosterCrop.Full, PosterCrop.FullMirrored]);

    /// <summary>
    /// The five views of decision 0020: the squashed poster, its top, centre and bottom squares, and the squashed
    /// poster mirrored.
    /// </summary>
    public static IReadOnlyList<PosterCrop> FiveCrops { get; } = [PosterCrop.Full, PosterCrop.Top, PosterCrop.Centre, PosterCrop.Bottom, PosterCrop.FullMirrored];

    /// <summary>A stable text that changes whenever the recipe changes what the vector holds (part of the feature version).</summary>
    public string Describe() =>
        $"crops={string.Join('+', Crops)};combine=mean" +
        $"{(SignedSquareRoot ? ";signed-sqrt" : "")}{(ColourStatistics ? $";colour={PosterColourStatistics.Count}" : "")}";

    /// <summary>Reads back what <see cref="Describe"/> wrote (a bundle's recipe).</summary>
    /// <exception cref="FormatException">The text is not a recipe this build makes.</exception>
    public static PosterFeatureRecipe Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(';');
        var crops = parts.FirstOrDefault(part => part.StartsWith("crops=", StringComparison.Ordinal))?["crops=".Length..].Split('+')
            .Select(name => Enum.TryParse<PosterCrop>(name, out var crop) ? crop : throw new FormatException($"'{name}' is not a poster crop."))
            .ToList() ?? throw new FormatException($"The poster recipe '{text}' names no crops.");
        var recipe = new PosterFeatureRecipe(crops, parts.Contains("signed-sqrt"), parts.Any(part => part.StartsWith("colour=", StringComparison.Ordinal)));
        return recipe.Describe() == text ? recipe : throw new FormatException($"'{text}' is not a poster recipe this build makes (it would write '{recipe.Describe()}').");
    }

    /// <summary>The layout of the vectors this recipe makes on a backbone with these outputs.</summary>
    public PosterFeatureLayout Layout(IReadOnlyList<BackboneOutput> backboneOutputs)
    {
        ArgumentNullException.ThrowIfNull(backboneOutputs);
        var blocks = backboneOutputs.Select(output => (output.Name, output.Width, output.ColumnNames)).ToList();
        if (ColourStatistics)
        {
            blocks.Add((ColourBlock, PosterColourStatistics.Count, PosterColourStatistics.Names));
        }

        return new PosterFeatureLayout(blocks);
    }
}
