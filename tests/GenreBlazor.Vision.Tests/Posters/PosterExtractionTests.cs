using GenreBlazor.Imaging;
using GenreBlazor.Tests;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Vision.Tests.Posters;

/// <summary>The real ResNet18 (copied into the test output by the build) behind one extractor for the whole class.</summary>
public sealed class ExtractorFixture : IDisposable
{
    public ExtractorFixture()
    {
        Folder = Directory.CreateTempSubdirectory("genreblazor-posters-").FullName;
        Extractor = PosterFeatureExtractor.Open();
    }

    public string Folder { get; }

    public PosterFeatureExtractor Extractor { get; }

    /// <summary>A poster-shaped PNG (200 × 300) with a colour gradient and a bright disc whose place depends on <paramref name="seed"/>.</summary>
    public static byte[] Poster(int seed) => TestImages.Png(200, 300, (x, y) =>
    {
        var inDisc = ((x - (40 + (seed * 37 % 120))) * (x - (40 + (seed * 37 % 120)))) + ((y - (60 + (seed * 53 % 180))) * (y - (60 + (seed * 53 % 180)))) < 900;
        return inDisc ? ((byte)250, (byte)240, (byte)(seed * 40 % 256)) : ((byte)(x + seed * 20), (byte)(y * 255 / 300), (byte)(seed * 70 % 256));
    });

    public void Dispose()
    {
        Extractor.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class PosterExtractionTests(ExtractorFixture fixture) : IClassFixture<ExtractorFixture>
{
    [Fact]
    public void A_poster_gives_a_finite_vector_of_the_declared_layout()
    {
        var extractor = fixture.Extractor;
        var bytes = ExtractorFixture.Poster(1);

        var features = extractor.Extract(bytes);

        Assert.Equal(552, extractor.Layout.Width);
        Assert.Equal(extractor.Layout.Width, features.Values.Length);
        // Square roots of averaged ReLU activations: finite, never negative, not all zero.
        var pooled = features.Block("features").ToArray();
        Assert.All(pooled, value => Assert.True(float.IsFinite(value) && value >= 0, $"{value}"));
        Assert.True(pooled.Count(value => value > 0) > 100, "most pooled activations of a picture are positive");
        var full = PosterCrops.Make(ImageDecoder.Decode(bytes), PosterCrop.Full);
        Assert.Equal(PosterColourStatistics.Compute(full), features.Block(PosterFeatureRecipe.ColourBlock).ToArray());
    }

    [Fact]
    public void The_vector_is_the_signed_root_of_the_mean_of_the_crops_activations()
    {
        var poster = ImageDecoder.Decode(ExtractorFixture.Poster(2));
        using var twoCrops = new PosterFeatureExtractor(fixture.Extractor.Backbone, new PosterFeatureRecipe([PosterCrop.Full, PosterCrop.FullMirrored]), parallelImages: 2);
        var full = twoCrops.CropActivations(poster, PosterCrop.Full);
        var mirrored = twoCrops.CropActivations(poster, PosterCrop.FullMirrored);

        var features = twoCrops.Extract(poster).Block("features").ToArray();

        Assert.NotEqual(full, mirrored);
        for (var j = 0; j < features.Length; j++)
        {
            Assert.Equal(MathF.Sqrt((full[j] + mirrored[j]) / 2), features[j], 5);
        }
    }

    [Fact]
    public void Bytes_and_decoded_pixels_give_the_same_vector_and_other_posters_another()
    {
        var bytes = ExtractorFixture.Poster(3);

        var fromBytes = fixture.Extractor.Extract(bytes);
        var fromPixels = fixture.Extractor.Extract(ImageDecoder.Decode(bytes, targetMinSide: 224));
        var other = fixture.Extractor.Extract(ExtractorFixture.Poster(4));

        Assert.Equal(fromBytes.Values, fromPixels.Values);
        Assert.NotEqual(fromBytes.Values, other.Values);
    }

    [Fact]
    public void Many_posters_at_once_give_what_each_gives_alone()
    {
        var posters = Enumerable.Range(5, 3).Select(seed => ImageDecoder.Decode(ExtractorFixture.Poster(seed))).ToList();
        using var twoCrops = new PosterFeatureExtractor(fixture.Extractor.Backbone, new PosterFeatureRecipe([PosterCrop.Full, PosterCrop.FullMirrored]));

        var together = twoCrops.Extract(posters, parallelism: 2);

        Assert.Equal(posters.Select(poster => twoCrops.Extract(poster).Values), together.Select(features => features.Values));
    }

    [Fact]
    public void The_versions_name_the_backbone_and_the_recipe()
    {
        var extractor = fixture.Extractor;

        Assert.Matches($"^poster-features/{PosterFeatureExtractor.CodeVersion};backbone=Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1/ResNet18#[0-9a-f]{{12}};", extractor.FeatureVersion);
        Assert.EndsWith(PosterFeatureRecipe.Default.Describe(), extractor.FeatureVersion);
        Assert.Equal($"poster-crops/{PosterFeatureExtractor.CodeVersion};backbone={extractor.Backbone.Version}", extractor.CropVersion);
    }

    [Fact]
    public void A_batch_fills_the_crop_cache_and_another_recipe_reuses_it()
    {
        var extractor = fixture.Extractor;
        var paths = Enumerable.Range(10, 3).Select(seed => Path.Combine(fixture.Folder, $"poster-{seed}.png")).ToList();
        for (var i = 0; i < paths.Count; i++)
        {
            File.WriteAllBytes(paths[i], ExtractorFixture.Poster(10 + i));
        }
        var broken = Path.Combine(fixture.Folder, "broken.jpg");
        File.WriteAllBytes(broken, [0xFF, 0xD8, 0xFF, 0x00, 0x01]);
        paths.Add(broken);
        var cachePath = Path.Combine(fixture.Folder, "cache", "crops.features");
        PosterFeatureCache OpenCache() => PosterFeatureCache.Open(cachePath, extractor.CropVersion, extractor.Backbone.Width);
        var reported = new List<int>();

        using var twoCrops = new PosterFeatureExtractor(extractor.Backbone, new PosterFeatureRecipe([PosterCrop.Full, PosterCrop.FullMirrored]));
        var first = new PosterBatchExtraction(twoCrops, OpenCache()).Run(paths, new SynchronousProgress(reported));
        var second = new PosterBatchExtraction(twoCrops, OpenCache()).Run(paths);
        using var fullOnly = new PosterFeatureExtractor(extractor.Backbone, new PosterFeatureRecipe([PosterCrop.Full], ColourStatistics: false));
        var third = new PosterBatchExtraction(fullOnly, OpenCache()).Run(paths);

        Assert.Equal((3, 0, 1), (first.Computed, first.CacheHits, first.Failed));
        Assert.Equal((0, 3, 1), (second.Computed, second.CacheHits, second.Failed));
        Assert.Equal((0, 3, 1), (third.Computed, third.CacheHits, third.Failed));
        Assert.Equal(6, OpenCache().Count);
        Assert.Equal([1, 2, 3, 4], reported.Order());
        Assert.NotNull(first.Results[3].Error);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(paths[i], second.Results[i].Path);
            Assert.True(second.Results[i].FromCache);
            Assert.Equal(first.Results[i].Features!.Values, second.Results[i].Features!.Values);
            Assert.Equal(fullOnly.Extract(File.ReadAllBytes(paths[i])).Values, third.Results[i].Features!.Values);
        }
    }

    [Fact]
    public void A_cache_of_another_backbone_is_refused()
    {
        var cache = PosterFeatureCache.Open(Path.Combine(fixture.Folder, "other.features"), "poster-crops/1;backbone=other", fixture.Extractor.Backbone.Width);

        var error = Assert.Throws<InvalidOperationException>(() => new PosterBatchExtraction(fixture.Extractor, cache).Run([]));

        Assert.Contains("backbone=other", error.Message);
    }

    private sealed class SynchronousProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reported)
            {
                reported.Add(value);
            }
        }
    }
}
