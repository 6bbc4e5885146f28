using System.Security.Cryptography;
using GenreBlazor.OnnxRuntime;
using GenreBlazor.OnnxRuntime.ModelFormat;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Conversion;
using Xunit.Abstractions;

namespace GenreBlazor.Vision.Tests;

/// <summary>
/// The converted nsfwjs MobileNetV2 against TF.js running the original model (the reference outputs in Fixtures,
/// made by scripts/tfjs-reference/make-reference.sh): every output within 1e-4 on every input.
/// </summary>
public sealed class BackboneConverterTests(ConvertedBackbone backbone, ITestOutputHelper log) : IClassFixture<ConvertedBackbone>
{
    private const float Tolerance = 1e-4f;

    public static TheoryData<string> SyntheticCases => new(TfjsReference.Synthetic.Select(item => item.Name));

    [NsfwjsModelTheory]
    [MemberData(nameof(SyntheticCases))]
    public void Every_output_matches_tfjs_on_a_synthetic_image(string caseName)
    {
        var reference = TfjsReference.Synthetic.Single(item => item.Name == caseName);

        var outputs = Run(reference.Input, batch: 1);

        AssertMatches(reference, outputs, image: 0);
    }

    [NsfwjsModelFact]
    public void A_batch_of_four_gives_each_image_its_own_reference_outputs()
    {
        var cases = TfjsReference.Synthetic;
        var batch = cases.SelectMany(item => item.Input).ToArray();

        var outputs = Run(batch, cases.Count);

        for (var image = 0; image < cases.Count; image++)
        {
            AssertMatches(cases[image], outputs, image);
        }
    }

    [PosterReferenceFact]
    public void Every_output_matches_tfjs_on_real_posters()
    {
        foreach (var reference in TfjsReference.Load(RepositoryFiles.PosterReferenceFolder))
        {
            AssertMatches(reference, Run(reference.Input, batch: 1), image: 0);
        }
    }

    [NsfwjsModelFact]
    public void Report_describes_the_written_model()
    {
        var report = backbone.Report;

        Assert.Equal(BackboneNames.Outputs, report.Outputs.Select(output => output.Name));
        Assert.Equal([1792L, 5, 48, 136, 448], report.Outputs.Select(output => output.Width));
        Assert.Equal(BackboneNames.Input, report.InputName);
        Assert.Equal([-1L, 224, 224, 3], report.InputShape);
        // 4,300,775 TF.js weights (2 of them the input scaling scalars) + ReLU6's two clip bounds.
        Assert.Equal(4_300_777, report.ParameterCount);
        Assert.Equal(52, report.OnnxOperatorCounts["Conv"]);
        Assert.Equal(35, report.OnnxOperatorCounts["Clip"]);
        Assert.Equal(new FileInfo(report.OnnxPath).Length, report.FileBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(report.OnnxPath))), report.Sha256);
    }

    [NsfwjsModelFact]
    public void Session_sees_an_nhwc_input_and_the_five_outputs_with_dynamic_batch()
    {
        var input = Assert.Single(backbone.Session.Inputs);

        Assert.Equal(BackboneNames.Input, input.Name);
        Assert.Equal([-1L, 224, 224, 3], input.Shape);
        Assert.Equal(BackboneNames.Outputs, backbone.Session.Outputs.Select(output => output.Name));
        Assert.Equal([-1L, 1792], backbone.Session.Outputs[0].Shape);
    }

    [NsfwjsModelFact]
    public void Converting_again_writes_byte_identical_files()
    {
        var again = BackboneConverter.Convert(RepositoryFiles.NsfwjsModelFolder, Path.Combine(backbone.Folder, "again", "model.onnx"));

        Assert.Equal(backbone.Report.Sha256, again.Sha256);
        Assert.Equal(File.ReadAllBytes(backbone.Report.OnnxPath), File.ReadAllBytes(again.OnnxPath));
    }

    [NsfwjsModelFact]
    public void Poster_backbone_splits_a_batch_into_per_image_activations()
    {
        using var poster = PosterBackbone.Open(backbone.Report.OnnxPath);
        var cases = TfjsReference.Synthetic.Take(2).ToList();

        var activations = poster.Run(cases.SelectMany(item => item.Input).ToArray(), batchSize: 2);

        Assert.Equal(2, activations.Count);
        for (var image = 0; image < 2; image++)
        {
            Assert.Equal(BackboneNames.FeatureWidth, activations[image].Features.Length);
            Assert.True(MaxDifference(cases[image].Outputs[BackboneNames.Features], activations[image].Features) <= Tolerance);
            Assert.True(MaxDifference(cases[image].Outputs[BackboneNames.Probabilities], activations[image].Probabilities) <= Tolerance);
            Assert.True(MaxDifference(cases[image].Outputs[BackboneNames.Block14x14Pooled], activations[image].PooledBlocks[BackboneNames.Block14x14Pooled]) <= Tolerance);
        }
    }

    [Fact]
    public void Poster_backbone_refuses_a_model_with_other_inputs_and_outputs()
    {
        var graph = new OnnxGraphBuilder("other");
        graph.AddInput("x", OnnxElementType.Float, 1);
        graph.AddNode("Relu", ["x"], "y");
        graph.AddOutput("y", OnnxElementType.Float, 1);
        var path = Path.Combine(backbone.Folder, "other.onnx");
        OnnxModelEncoder.WriteFile(new OnnxModelDefinition(graph.Build()), path);

        Assert.Throws<InvalidDataException>(() => PosterBackbone.Open(path));
    }

    private Dictionary<string, OnnxTensor> Run(float[] images, int batch) =>
        backbone.Session.Run(
            new Dictionary<string, OnnxTensor> { [BackboneNames.Input] = OnnxTensor.Create(images, batch, 224, 224, 3) },
            BackboneNames.Outputs).ToDictionary(pair => pair.Key, pair => pair.Value);

    private void AssertMatches(TfjsReferenceCase reference, Dictionary<string, OnnxTensor> outputs, int image)
    {
        foreach (var name in BackboneNames.Outputs)
        {
            var expected = reference.Outputs[name];
            var actual = outputs[name].Data.AsSpan(image * expected.Length, expected.Length).ToArray();
            var difference = MaxDifference(expected, actual);
            log.WriteLine($"{reference.Name} {name}: max |ONNX - TF.js| = {difference:E2} (largest |value| {expected.Max(Math.Abs):F3})");
            Assert.True(difference <= Tolerance, $"{reference.Name} {name}: max |difference| {difference} > {Tolerance}");
        }
    }

    private static float MaxDifference(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
    }
}
