using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.Tests.Learning;

public class LogisticRegressionTrainerTests
{
    // Two labels over three features. Label 0 is "feature 0 present", label 1 is "feature 1 present";
    // feature 2 is noise present everywhere.
    private static (SparseMatrix X, List<bool[]> Y) SeparableData()
    {
        var rows = new List<(int[], float[])>();
        var targets = new List<bool[]>();
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var a = i % 2 == 0;
            var b = i % 3 == 0;
            var indices = new List<int>();
            var values = new List<float>();
            if (a) { indices.Add(0); values.Add(1f); }
            if (b) { indices.Add(1); values.Add(1f); }
            indices.Add(2);
            values.Add((float)random.NextDouble());
            rows.Add((indices.ToArray(), values.ToArray()));
            targets.Add([a, b]);
        }
        return (SparseMatrix.FromRows(3, rows), targets);
    }

    [Fact]
    public void Separates_separable_data_with_confident_probabilities()
    {
        var (x, y) = SeparableData();
        var model = LogisticRegressionTrainer.Train(x, y, labels: 2, new LogisticRegressionOptions(C: 10, Tolerance: 0.001));
        var probabilities = new float[model.Stride];
        for (var i = 0; i < x.Rows; i++)
        {
            model.Probabilities(x.Row(i), probabilities);
            Assert.Equal(y[i][0], probabilities[0] > 0.5f);
            Assert.Equal(y[i][1], probabilities[1] > 0.5f);
        }
        Assert.True(model.Weight(0, 0) > 2, $"weight of the deciding feature {model.Weight(0, 0)}");
        Assert.True(Math.Abs(model.Weight(1, 0)) < 0.5 * model.Weight(0, 0), "the other label's feature stays small");
    }

    [Fact]
    public void Stronger_regularisation_gives_smaller_weights()
    {
        var (x, y) = SeparableData();
        var loose = LogisticRegressionTrainer.Train(x, y, 2, new LogisticRegressionOptions(C: 10));
        var tight = LogisticRegressionTrainer.Train(x, y, 2, new LogisticRegressionOptions(C: 0.01));
        Assert.True(Math.Abs(tight.Weight(0, 0)) < Math.Abs(loose.Weight(0, 0)));
    }

    [Fact]
    public void Same_data_and_seed_give_the_same_weights()
    {
        var (x, y) = SeparableData();
        var first = LogisticRegressionTrainer.Train(x, y, 2, new LogisticRegressionOptions(C: 1));
        var second = LogisticRegressionTrainer.Train(x, y, 2, new LogisticRegressionOptions(C: 1));
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Biases, second.Biases);
    }

    [Fact]
    public void Matches_the_primal_optimum_of_a_one_feature_problem()
    {
        // One feature x ∈ {1, −1} with y = (x == 1) for 3 of 4 rows at each value, C = 1, bias feature 1.
        // The primal optimum of C Σ log(1 + e^(−y(wx + b))) + ½(w² + b²) has b = 0 by symmetry and
        // solves 6 σ(−w) − 2 σ(w) = w, i.e. w ≈ 0.8398 (found by bisection below).
        var rows = new List<(int[], float[])>();
        var y = new List<bool[]>();
        for (var i = 0; i < 8; i++)
        {
            var positiveX = i < 4;
            rows.Add(([0], [positiveX ? 1f : -1f]));
            var agrees = i % 4 != 3;
            y.Add([positiveX == agrees]);
        }
        var model = LogisticRegressionTrainer.Train(SparseMatrix.FromRows(1, rows), y, 1, new LogisticRegressionOptions(C: 1, Tolerance: 1e-6, MaxEpochs: 10_000));
        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        double low = 0, high = 5;
        for (var k = 0; k < 100; k++)
        {
            var mid = (low + high) / 2;
            if (6 * Sigmoid(-mid) - 2 * Sigmoid(mid) - mid > 0) low = mid; else high = mid;
        }
        Assert.Equal(low, model.Weight(0, 0), 3);
        Assert.Equal(0, model.Biases[0], 3);
    }

    [Theory]
    [InlineData(2.0, 0.3, 0.5, 1.0)]
    [InlineData(0.5, -4.0, 0.9, 1.0)]
    [InlineData(10.0, 6.0, 1e-6, 2.0)]
    [InlineData(1.0, -30.0, 1.9999, 2.0)]
    public void Coordinate_step_zeroes_the_derivative(double a, double b, double alpha, double c)
    {
        var (z, rest) = LogisticRegressionTrainer.SolveCoordinate(a, b, alpha, c - alpha, c);
        Assert.InRange(z, 0, c);
        Assert.Equal(c, z + rest, 9);
        var derivative = Math.Log(z / rest) + a * (z - alpha) + b;
        Assert.True(Math.Abs(derivative) < 1e-6, $"derivative {derivative}");
    }

    [Fact]
    public void Cross_fitting_scores_each_row_with_a_model_that_did_not_see_it()
    {
        // Row 0 is the only row with feature 0 and it is positive; a model that saw it learns that feature 0 means
        // positive, a model that did not see it knows nothing about feature 0.
        var rows = new List<(int[], float[])> { ([0], [1f]) };
        var y = new List<bool[]> { new[] { true } };
        for (var i = 1; i < 40; i++)
        {
            rows.Add(([1], [1f]));
            y.Add([i % 4 == 0]);
        }
        var x = SparseMatrix.FromRows(2, rows);
        var folds = Enumerable.Range(0, 40).Select(i => i % 4).ToArray();
        var fitted = LogisticRegressionTrainer.CrossFit(x, y, 1, new LogisticRegressionOptions(C: 10, Tolerance: 0.001), folds);
        var inSample = new float[fitted.Model.Stride];
        fitted.Model.Logits(x.Row(0), inSample);
        var outOfFold = fitted.OutOfFoldLogits[0];
        Assert.True(inSample[0] > 1, $"in-sample logit {inSample[0]}");
        Assert.True(outOfFold < inSample[0] - 1, $"out-of-fold logit {outOfFold} should be far lower than {inSample[0]}");

        // The warm-started fold model agrees with a fold model fitted from scratch.
        var trainRows = Enumerable.Range(0, 40).Where(i => folds[i] != 0).ToList();
        var scratch = LogisticRegressionTrainer.Train(x.SelectRows(trainRows), trainRows.Select(i => y[i]).ToList(), 1,
            new LogisticRegressionOptions(C: 10, Tolerance: 0.001));
        var fresh = new float[scratch.Stride];
        scratch.Logits(x.Row(0), fresh);
        Assert.Equal(fresh[0], outOfFold, 1);
    }

    [Fact]
    public void Balanced_class_weights_favour_the_rare_class()
    {
        var (normal, balanced) = (
            LogisticRegressionTrainer.ClassCosts(new LogisticRegressionOptions(C: 2), 100, 10),
            LogisticRegressionTrainer.ClassCosts(new LogisticRegressionOptions(C: 2, ClassWeightPower: 1), 100, 10));
        Assert.Equal((2.0, 2.0), normal);
        Assert.Equal(2 * 100 / 20.0, balanced.Positive, 9);
        Assert.Equal(2 * 100 / 180.0, balanced.Negative, 9);
    }
}

public class LinearModelTests
{
    [Fact]
    public void Logits_add_weight_times_value_to_the_bias()
    {
        // 2 columns × 2 labels, stride 8
        var weights = new float[2 * 8];
        weights[0 * 8 + 0] = 1f; weights[0 * 8 + 1] = -2f;
        weights[1 * 8 + 0] = 0.5f; weights[1 * 8 + 1] = 3f;
        var model = new LinearModel(2, 2, weights, [0.1f, -0.1f]);
        var logits = new float[8];
        model.Logits(new SparseRow([0, 1], [2f, 4f]), logits);
        Assert.Equal(0.1f + 2f + 2f, logits[0], 5);
        Assert.Equal(-0.1f - 4f + 12f, logits[1], 5);
        model.Probabilities(new SparseRow([], []), logits);
        Assert.Equal(1f / (1f + MathF.Exp(-0.1f)), logits[0], 5);
    }

    [Fact]
    public void Refuses_mismatched_sizes() =>
        Assert.Throws<ArgumentException>(() => new LinearModel(2, 2, new float[3], [0f, 0f]));
}
