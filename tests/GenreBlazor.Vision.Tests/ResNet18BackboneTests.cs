using System.Security.Cryptography;
using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Tests.Posters;
using Microsoft.ML.OnnxRuntime;

namespace GenreBlazor.Vision.Tests;

public sealed class ResNet18BackboneTests(ExtractorFixture fixture) : IClassFixture<ExtractorFixture>
{
    private PosterBackbone Backbone => fixture.Extractor.Backbone;

    private static RgbImage Picture(int seed) => ImageDecoder.Decode(ExtractorFixture.Poster(seed)).Resize(224, 224);

    [Fact]
    public void The_build_copies_both_models_from_the_NuGet_package_and_the_backbone_names_their_checksums()
    {
        var network = ResNet18Backbone.NetworkFile(ResNet18Backbone.DefaultFolder);
        var preprocess = ResNet18Backbone.PreprocessFile(ResNet18Backbone.DefaultFolder);

        Assert.Equal(63_653_533, new FileInfo(network).Length);
        Assert.Equal(602_584, new FileInfo(preprocess).Length);
        var networkHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(network)));
        Assert.Equal("sha256:" + networkHash, Backbone.Files["ResNet18.onnx"]);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(preprocess))), Backbone.Files["ResNetPreprocess.onnx"]);
        Assert.Equal($"Microsoft.ML.DnnImageFeaturizer.ResNet18@0.23.1/ResNet18#{networkHash[..12]}", Backbone.Version);
    }

    [Fact]
    public void An_image_gives_512_pooled_activations_the_same_every_time()
    {
        var image = Picture(1);

        var first = Backbone.Run(image);
        var second = Backbone.Run(image);
        var other = Backbone.Run(Picture(2));

        Assert.Equal(512, first.Length);
        Assert.All(first, value => Assert.True(float.IsFinite(value) && value >= 0, $"{value}"));
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Images_run_at_once_on_the_shared_session_give_what_each_gives_alone()
    {
        var images = Enumerable.Range(3, 6).Select(Picture).ToList();

        var together = Backbone.Run(images, parallelism: 3);

        Assert.Equal(images.Select(Backbone.Run), together);
    }

    [Fact]
    public void Colour_channels_reach_the_network_as_red_green_blue_planes()
    {
        var rgb = new byte[224 * 224 * 3];
        rgb[0] = 10; // red of pixel 0
        rgb[1] = 20;
        rgb[2] = 30;
        rgb[^3] = 40; // red of the last pixel
        var planes = new float[224 * 224 * 3];

        ResNet18Backbone.WritePlanarRgb(rgb, planes);

        Assert.Equal((10f, 20f, 30f), (planes[0], planes[224 * 224], planes[2 * 224 * 224]));
        Assert.Equal(40f, planes[224 * 224 - 1]);
    }

    [Fact]
    public void Images_of_another_size_are_refused_with_the_size_it_takes()
    {
        var error = Assert.Throws<ArgumentException>(() => Backbone.Run(ImageDecoder.Decode(ExtractorFixture.Poster(1))));

        Assert.Contains("224 × 224", error.Message);
        Assert.Contains("200 × 300", error.Message);
    }

    [Fact]
    public void A_folder_without_the_models_names_the_file_and_the_package()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ResNet18Backbone.Open(folder: Path.Combine(fixture.Folder, "nowhere")));

        Assert.Contains("ResNet18.onnx", error.Message);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", error.Message);
    }

    [Fact]
    public void Session_options_come_from_the_options_record()
    {
        var options = new OnnxRuntimeOptions
        {
            IntraOpThreads = 3,
            InterOpThreads = 2,
            GraphOptimization = GraphOptimizationLevel.ORT_ENABLE_BASIC,
            ExecutionMode = ExecutionMode.ORT_PARALLEL,
        };

        using var session = options.CreateSessionOptions();

        Assert.Equal((3, 2, GraphOptimizationLevel.ORT_ENABLE_BASIC, ExecutionMode.ORT_PARALLEL),
            (session.IntraOpNumThreads, session.InterOpNumThreads, session.GraphOptimizationLevel, session.ExecutionMode));
        Assert.Equal(3, (options with { ParallelImages = 3 }).EffectiveParallelImages);
        Assert.Equal(1, OnnxRuntimeOptions.Batch.IntraOpThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => (options with { IntraOpThreads = -1 }).CreateSessionOptions());
    }
}
