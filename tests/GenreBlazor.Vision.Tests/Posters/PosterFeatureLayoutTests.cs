using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Vision.Tests.Posters;

public class PosterFeatureLayoutTests
{
    private static readonly BackboneOutput[] ResNet18Outputs = [new(ResNet18Backbone.FeaturesBlock, ResNet18Backbone.FeatureWidth)];

    [Fact]
    public void The_default_recipe_lays_out_its_blocks_one_after_another()
    {
        var layout = PosterFeatureRecipe.Default.Layout(ResNet18Outputs);

        Assert.Equal([("features", 0, 512), ("colour", 512, 40)], layout.Blocks.Select(block => (block.Name, block.Offset, block.Length)));
        Assert.Equal(552, layout.Width);
        Assert.Equal(512, (PosterFeatureRecipe.Default with { ColourStatistics = false }).Layout(ResNet18Outputs).Width);
    }

    [Fact]
    public void Columns_have_readable_names()
    {
        var layout = PosterFeatureRecipe.Default.Layout([new("features", 4), new("probabilities", 2, ["Drawing", "Neutral"])]);

        Assert.Equal("features[3]", layout.ColumnName(3));
        Assert.Equal("probabilities.Neutral", layout.ColumnName(5));
        Assert.Equal("colour.luma_mean", layout.ColumnName(6));
        Assert.Equal("colour.bottom_saturation_mean", layout.ColumnName(45));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.ColumnName(46));
    }

    [Fact]
    public void The_description_names_crops_and_transforms_and_reads_back()
    {
        Assert.Equal("crops=Full+FullMirrored;combine=mean;signed-sqrt;colour=40", PosterFeatureRecipe.Default.Describe());
        Assert.NotEqual(PosterFeatureRecipe.Default.Describe(), (PosterFeatureRecipe.Default with { SignedSquareRoot = false }).Describe());
        var five = new PosterFeatureRecipe(PosterFeatureRecipe.FiveCrops, SignedSquareRoot: false, ColourStatistics: false);

        foreach (var recipe in new[] { PosterFeatureRecipe.Default, five })
        {
            var read = PosterFeatureRecipe.Parse(recipe.Describe());
            Assert.Equal(recipe.Crops, read.Crops);
            Assert.Equal((recipe.SignedSquareRoot, recipe.ColourStatistics), (read.SignedSquareRoot, read.ColourStatistics));
        }
    }

    [Theory]
    [InlineData("combine=mean;signed-sqrt")]
    [InlineData("crops=Full+Sideways;combine=mean")]
    [InlineData("crops=Full;outputs=features+probabilities;combine=mean;signed-sqrt;colour=40")]
    [InlineData("crops=Full;combine=mean;colour=12")]
    public void A_recipe_this_build_does_not_make_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => PosterFeatureRecipe.Parse(text));
    }
}
