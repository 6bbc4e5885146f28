using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Vision.Tests.Posters;

public class PosterFeatureLayoutTests
{
    [Fact]
    public void The_default_recipe_lays_out_its_blocks_one_after_another()
    {
        var layout = PosterFeatureRecipe.Default.Layout();

        Assert.Equal(
            [(BackboneNames.Features, 0, 1792), (BackboneNames.Block28x28Pooled, 1792, 48), (BackboneNames.Block14x14Pooled, 1840, 136),
             (BackboneNames.Block7x7Pooled, 1976, 448), (BackboneNames.Probabilities, 2424, 5), ("colour", 2429, 40)],
            layout.Blocks.Select(block => (block.Name, block.Offset, block.Length)));
        Assert.Equal(2469, layout.Width);
    }

    [Fact]
    public void Columns_have_readable_names()
    {
        var layout = PosterFeatureRecipe.Default.Layout();

        Assert.Equal("features[17]", layout.ColumnName(17));
        Assert.Equal("probabilities.Drawing", layout.ColumnName(2424));
        Assert.Equal("colour.luma_mean", layout.ColumnName(2429));
        Assert.Equal("colour.bottom_saturation_mean", layout.ColumnName(2468));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.ColumnName(2469));
    }

    [Fact]
    public void The_description_names_crops_outputs_and_transforms()
    {
        Assert.Equal(
            "crops=Full+Top+Centre+Bottom+FullMirrored;outputs=features+block_28x28_pooled+block_14x14_pooled+block_7x7_pooled+probabilities;combine=mean;signed-sqrt;colour=40",
            PosterFeatureRecipe.Default.Describe());
        Assert.NotEqual(PosterFeatureRecipe.Default.Describe(), (PosterFeatureRecipe.Default with { SignedSquareRoot = false }).Describe());
    }
}
