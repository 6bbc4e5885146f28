using GenreBlazor.Vision.Posters.Head;

namespace GenreBlazor.Vision.Tests.Posters;

public class PosterHeadTests
{
    // Label 0 is "x0 > 0", label 1 is "x1 > 0", label 2 never occurs; x2 is noise.
    private static (List<float[]> Inputs, List<bool[]> Targets) Toy(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new List<float[]>();
        var targets = new List<bool[]>();
        for (var i = 0; i < count; i++)
        {
            var x = new[] { (random.NextSingle() * 2) - 1, (random.NextSingle() * 2) - 1, (random.NextSingle() * 2) - 1 };
            inputs.Add(x);
            targets.Add([x[0] > 0, x[1] > 0, false]);
        }

        return (inputs, targets);
    }

    private static readonly PosterMlpOptions Small = new(Hidden: 16, Epochs: 40, LearningRate: 0.01f, InputDropout: 0, HiddenDropout: 0, BatchSize: 16, Seed: 5);

    [Fact]
    public void Standardizer_centres_and_scales_each_column()
    {
        var standardizer = FeatureStandardizer.Fit([[1f, 5f], [3f, 5f]]);

        Assert.Equal([2f, 5f], standardizer.Means);
        Assert.Equal([1f, 1f], standardizer.Deviations);   // the constant column keeps scale 1
        Assert.Equal([1f, 0f], standardizer.Apply([3f, 5f]));
    }

    [Fact]
    public void Tuner_separates_a_separable_label_and_never_predicts_an_absent_one()
    {
        List<float[]> scores = [[0.9f, 0.1f], [0.8f, 0.2f], [0.3f, 0.3f], [0.1f, 0.05f]];
        List<bool[]> truth = [[true, false], [true, false], [false, false], [false, false]];

        var thresholds = BalancedThresholdTuner.Tune(scores, truth, labels: 2);

        Assert.InRange(thresholds[0], 0.31f, 0.8f);
        Assert.Equal(BalancedThresholdTuner.Never, thresholds[1]);
    }

    [Fact]
    public void Tuner_trades_a_weak_label_against_micro_f1()
    {
        // Label 0 is strong (4 positives at 0.9, 4 negatives at 0.1). Label 1 is weak: positives score 0.25, 0.2, 0.2
        // and its 5 negatives 0.2. Its own best F1 (0.545) predicts it everywhere (threshold <= 0.2), which costs
        // micro-F1 (0.737 against 0.833 when only the 0.25 item is predicted).
        var scores = new List<float[]>();
        var truth = new List<bool[]>();
        for (var i = 0; i < 8; i++)
        {
            scores.Add([i < 4 ? 0.9f : 0.1f, i == 0 ? 0.25f : 0.2f]);
            truth.Add([i < 4, i < 3]);
        }

        var microOnly = BalancedThresholdTuner.Tune(scores, truth, 2, macroWeight: 0);
        var macroOnly = BalancedThresholdTuner.Tune(scores, truth, 2, macroWeight: 1);

        Assert.True(macroOnly[1] <= 0.2f, $"macro-F1 alone predicts the weak label everywhere (threshold {macroOnly[1]})");
        Assert.True(microOnly[1] > 0.2f, $"micro-F1 alone keeps the weak label's threshold above its common score (threshold {microOnly[1]})");
    }

    [Fact]
    public void Mlp_learns_a_simple_multi_label_rule()
    {
        var (inputs, targets) = Toy(400, seed: 1);
        var (testInputs, testTargets) = Toy(100, seed: 2);

        var network = PosterMlp.Train(inputs, targets, labels: 3, Small);

        var errors = 0;
        var probabilities = new float[3];
        for (var i = 0; i < testInputs.Count; i++)
        {
            network.Probabilities(testInputs[i], probabilities);
            errors += (probabilities[0] >= 0.5f) != testTargets[i][0] ? 1 : 0;
            errors += (probabilities[1] >= 0.5f) != testTargets[i][1] ? 1 : 0;
            Assert.True(probabilities[2] < 0.1f, $"an absent label should get a low probability, got {probabilities[2]}");
        }

        Assert.True(errors <= 10, $"{errors} of 200 decisions wrong");
    }

    [Fact]
    public void Mlp_training_is_deterministic_for_a_seed()
    {
        var (inputs, targets) = Toy(100, seed: 3);

        var first = PosterMlp.Train(inputs, targets, 3, Small with { Epochs = 3, InputDropout = 0.2f, HiddenDropout = 0.5f });
        var second = PosterMlp.Train(inputs, targets, 3, Small with { Epochs = 3, InputDropout = 0.2f, HiddenDropout = 0.5f });
        var other = PosterMlp.Train(inputs, targets, 3, Small with { Epochs = 3, InputDropout = 0.2f, HiddenDropout = 0.5f, Seed = 6 });

        Assert.Equal(first.HiddenWeights, second.HiddenWeights);
        Assert.Equal(first.OutputBiases, second.OutputBiases);
        Assert.NotEqual(first.HiddenWeights, other.HiddenWeights);
    }

    [Fact]
    public void Trainer_tunes_thresholds_out_of_fold_and_the_head_survives_a_round_trip()
    {
        var (inputs, targets) = Toy(300, seed: 4);
        // Raw features on another scale: the head standardises them itself.
        var raw = inputs.Select(x => x.Select(v => (v * 50) + 100).ToArray()).ToList();

        var training = PosterHeadTrainer.Train(raw, targets, 3, "toy-v1", new PosterHeadOptions(Small, Folds: 3, Members: 2));

        Assert.Equal(300, training.OutOfFoldProbabilities.Length);
        Assert.All(training.OutOfFoldProbabilities, row => Assert.Equal(3, row.Length));
        Assert.Equal(BalancedThresholdTuner.Never, training.Head.Thresholds[2]);
        Assert.Equal(2, training.Head.Members.Count);
        Assert.Equal([0], training.Head.Predict([150f, 50f, 100f]));
        Assert.Equal([1], training.Head.Predict([50f, 150f, 100f]));

        using var stream = new MemoryStream();
        training.Head.Write(stream);
        stream.Position = 0;
        var read = PosterGenreHead.Read(stream);

        Assert.Equal("toy-v1", read.FeatureVersion);
        Assert.Equal(training.Head.Thresholds, read.Thresholds);
        Assert.Equal(training.Head.Probabilities([120f, 80f, 90f]), read.Probabilities([120f, 80f, 90f]));
    }

    [Fact]
    public void A_cut_head_file_is_refused_as_invalid_data()
    {
        var (inputs, targets) = Toy(60, seed: 5);
        var network = PosterMlp.Train(inputs, targets, 3, Small with { Epochs = 1 });
        var head = new PosterGenreHead("toy", FeatureStandardizer.Fit(inputs), [network], [0.5f, 0.5f, 1f]);
        using var stream = new MemoryStream();
        head.Write(stream);

        using var cut = new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)]);

        Assert.Throws<InvalidDataException>(() => PosterGenreHead.Read(cut));
        Assert.Throws<InvalidDataException>(() => PosterGenreHead.Read(new MemoryStream("not a head"u8.ToArray())));
    }
}
