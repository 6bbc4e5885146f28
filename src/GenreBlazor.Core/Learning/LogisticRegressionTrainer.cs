using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.Learning;

/// <summary>How the one-vs-rest logistic regressions are fitted.</summary>
/// <param name="C">Inverse regularisation strength (as in liblinear and scikit-learn): larger fits the data harder.</param>
/// <param name="ClassWeightPower">
/// 0 weighs every example alike; 1 weighs each label's positives and negatives so that both classes count
/// equally ("balanced"); values between soften the balancing.
/// </param>
/// <param name="Bias">Value of the constant feature that carries each label's intercept.</param>
/// <param name="Tolerance">Stop when the largest dual gradient of an epoch falls below this share of the first epoch's.</param>
/// <param name="MaxEpochs">Upper bound on passes over the data per label.</param>
/// <param name="Seed">Seed of the per-epoch visiting order; same seed and data give the same model.</param>
public sealed record LogisticRegressionOptions(
    double C = 1.0,
    double ClassWeightPower = 0.0,
    float Bias = 1f,
    double Tolerance = 0.05,
    int MaxEpochs = 100,
    int Seed = 20261122);

/// <summary>A model fitted on all rows, and each row's logits from the model fitted without that row's fold.</summary>
/// <param name="Model">The model fitted on every row.</param>
/// <param name="OutOfFoldLogits">Row-major [rows × labels]: logits of row i from the model that did not see it.</param>
public sealed record CrossFittedModel(LinearModel Model, float[] OutOfFoldLogits);

/// <summary>
/// L2-regularised logistic regression, one label against the rest, fitted by dual coordinate descent
/// (Yu, Huang and Lin, "Dual coordinate descent methods for logistic regression and maximum entropy models",
/// Machine Learning 85, 2011) — the method behind liblinear's <c>-s 7</c>. Labels are independent, so they are
/// fitted in parallel; each label's result depends only on the data, the options and its seed.
/// </summary>
public static class LogisticRegressionTrainer
{

    /// <summary>Fits one scorer per label. <paramref name="targets"/>[i][l] says whether row i has label l.</summary>
    public static LinearModel Train(SparseMatrix features, IReadOnlyList<bool[]> targets, int labels, LogisticRegressionOptions options) =>
        CrossFit(features, targets, labels, options, folds: null).Model;

    /// <summary>
    /// Fits one scorer per label on all rows and, when <paramref name="folds"/> is given (fold number per row), also
    /// the model of each fold's complement, scoring the fold's rows with it. Each fold model starts from the full
    /// model's dual solution with the fold's rows taken out, which is close to its own optimum, so the folds cost a
    /// few epochs each instead of a full fit.
    /// </summary>
    public static CrossFittedModel CrossFit(SparseMatrix features, IReadOnlyList<bool[]> targets, int labels,
        LogisticRegressionOptions options, int[]? folds, Action<int>? labelDone = null)
    {
        if (targets.Count != features.Rows)
        {
            throw new ArgumentException($"{features.Rows} rows but {targets.Count} label vectors.", nameof(targets));
        }
        var stride = LinearModel.StrideFor(labels);
        var weights = new float[features.Columns * stride];
        var biases = new float[labels];
        var outOfFold = new float[features.Rows * labels];
        var squaredNorms = new double[features.Rows];
        for (var i = 0; i < features.Rows; i++)
        {
            squaredNorms[i] = features.Row(i).SquaredNorm() + (double)options.Bias * options.Bias;
        }
        var foldCount = folds is null ? 0 : folds.Max() + 1;
        var done = 0;

        Parallel.For(0, labels, label =>
        {
            var y = new bool[features.Rows];
            for (var i = 0; i < y.Length; i++)
            {
                y[i] = targets[i][label];
            }
            var problem = new BinaryProblem(features, y, squaredNorms, options);
            var (solution, firstLargest) = problem.Solve(problem.InitialState(), active: null, options.Seed + label, reference: 0);
            for (var j = 0; j < solution.W.Length; j++)
            {
                weights[j * stride + label] = solution.W[j];
            }
            biases[label] = (float)(solution.WBias * options.Bias);

            for (var fold = 0; fold < foldCount; fold++)
            {
                var active = new bool[features.Rows];
                for (var i = 0; i < active.Length; i++)
                {
                    active[i] = folds![i] != fold;
                }
                // The fold stops at the full problem's target, not one relative to its own (already small) start.
                var (foldSolution, _) = problem.Solve(solution.WithoutRows(problem, active), active, options.Seed + label + 7919 * (fold + 1), firstLargest);
                for (var i = 0; i < active.Length; i++)
                {
                    if (!active[i])
                    {
                        outOfFold[i * labels + label] = (float)problem.Logit(foldSolution, i);
                    }
                }
            }
            labelDone?.Invoke(Interlocked.Increment(ref done));
        });
        return new CrossFittedModel(new LinearModel(features.Columns, labels, weights, biases), outOfFold);
    }

    /// <summary>Per-example costs of positives and negatives for a label with <paramref name="positives"/> of <paramref name="n"/>.</summary>
    public static (double Positive, double Negative) ClassCosts(LogisticRegressionOptions options, int n, int positives)
    {
        if (options.ClassWeightPower == 0 || positives == 0 || positives == n)
        {
            return (options.C, options.C);
        }
        var positiveWeight = Math.Pow(n / (2.0 * positives), options.ClassWeightPower);
        var negativeWeight = Math.Pow(n / (2.0 * (n - positives)), options.ClassWeightPower);
        return (options.C * positiveWeight, options.C * negativeWeight);
    }

    /// <summary>
    /// Minimises z ln z + (c − z) ln(c − z) + a/2 (z − α)² + b (z − α) over 0 &lt; z &lt; c by Newton's method.
    /// The root lies on the side of c/2 where the derivative changes sign; solving for the distance to the nearer
    /// bound keeps the logarithms accurate. Returns z and c − z.
    /// </summary>
    internal static (double Z, double ZRest) SolveCoordinate(double a, double b, double alpha, double alphaRest, double c)
    {
        // The derivative at c/2 is a (c/2 − α) + b: if it is ≥ 0 the root is in (0, c/2].
        var lowerHalf = a * (0.5 * c - alpha) + b >= 0;
        var v0 = lowerHalf ? alpha : alphaRest;
        var bs = lowerHalf ? b : -b;
        var v = Math.Min(v0, 0.5 * c);
        for (var step = 0; step < 100; step++)
        {
            var rest = c - v;
            var derivative = Math.Log(v / rest) + a * (v - v0) + bs;
            if (Math.Abs(derivative) < 1e-12)
            {
                break;
            }
            var next = v - derivative / (a + c / (v * rest));
            v = next <= 0 ? v * 0.1 : Math.Min(next, 0.5 * c);
        }
        return lowerHalf ? (v, c - v) : (c - v, v);
    }

    /// <summary>The dual variables of one binary problem and the primal weights they imply.</summary>
    private sealed class DualState(double[] alpha, double[] alphaRest, float[] w, double wBias)
    {
        // α_i and C_i − α_i are both kept: near either bound one of them is tiny and must not be
        // recovered by subtraction.
        public double[] Alpha { get; } = alpha;
        public double[] AlphaRest { get; } = alphaRest;
        // Single precision halves the memory the sparse dot products gather from; the dual variables and
        // the sums stay in double.
        public float[] W { get; } = w;
        public double WBias { get; set; } = wBias;

        /// <summary>A copy with the inactive rows' contributions removed from the weights.</summary>
        public DualState WithoutRows(BinaryProblem problem, bool[] active)
        {
            var state = new DualState((double[])Alpha.Clone(), (double[])AlphaRest.Clone(), (float[])W.Clone(), WBias);
            for (var i = 0; i < active.Length; i++)
            {
                if (!active[i])
                {
                    problem.AddRow(state, i, -state.Alpha[i]);
                }
            }
            return state;
        }
    }

    private sealed class BinaryProblem(SparseMatrix x, bool[] y, double[] squaredNorms, LogisticRegressionOptions options)
    {
        private readonly (double Positive, double Negative) costs = ClassCosts(options, y.Length, y.Count(v => v));

        private double Cost(int i) => y[i] ? costs.Positive : costs.Negative;

        private double Sign(int i) => y[i] ? 1.0 : -1.0;

        public DualState InitialState()
        {
            var state = new DualState(new double[y.Length], new double[y.Length], new float[x.Columns], 0);
            for (var i = 0; i < y.Length; i++)
            {
                var c = Cost(i);
                state.Alpha[i] = Math.Min(0.001 * c, 1e-8);
                state.AlphaRest[i] = c - state.Alpha[i];
                AddRow(state, i, state.Alpha[i]);
            }
            return state;
        }

        /// <summary>w += amount · y_i · x_i (and the same for the intercept feature).</summary>
        public void AddRow(DualState state, int i, double amount)
        {
            var scale = (float)(amount * Sign(i));
            ref var w = ref MemoryMarshal.GetArrayDataReference(state.W);
            ref var index = ref MemoryMarshal.GetArrayDataReference(x.Indices);
            ref var value = ref MemoryMarshal.GetArrayDataReference(x.Values);
            // Column indices were checked against the weight vector's length when the matrix was built.
            for (nint k = x.RowStarts[i], end = x.RowStarts[i + 1]; k < end; k++)
            {
                Unsafe.Add(ref w, Unsafe.Add(ref index, k)) += scale * Unsafe.Add(ref value, k);
            }
            state.WBias += amount * Sign(i) * options.Bias;
        }

        /// <summary>w · x_i + intercept, with four independent sums so the loads of w overlap.</summary>
        public double Logit(DualState state, int i)
        {
            ref var w = ref MemoryMarshal.GetArrayDataReference(state.W);
            ref var index = ref MemoryMarshal.GetArrayDataReference(x.Indices);
            ref var value = ref MemoryMarshal.GetArrayDataReference(x.Values);
            nint k = x.RowStarts[i];
            nint end = x.RowStarts[i + 1];
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; k + 4 <= end; k += 4)
            {
                s0 += Unsafe.Add(ref w, Unsafe.Add(ref index, k)) * Unsafe.Add(ref value, k);
                s1 += Unsafe.Add(ref w, Unsafe.Add(ref index, k + 1)) * Unsafe.Add(ref value, k + 1);
                s2 += Unsafe.Add(ref w, Unsafe.Add(ref index, k + 2)) * Unsafe.Add(ref value, k + 2);
                s3 += Unsafe.Add(ref w, Unsafe.Add(ref index, k + 3)) * Unsafe.Add(ref value, k + 3);
            }
            for (; k < end; k++)
            {
                s0 += Unsafe.Add(ref w, Unsafe.Add(ref index, k)) * Unsafe.Add(ref value, k);
            }
            return (double)((s0 + s1) + (s2 + s3)) + state.WBias * options.Bias;
        }

        /// <summary>
        /// Runs epochs until the largest dual gradient of an epoch is at most Tolerance × the reference (or, with no
        /// reference, × the first epoch's). Returns the state and the first epoch's largest gradient.
        /// </summary>
        public (DualState State, double FirstLargest) Solve(DualState state, bool[]? active, int seed, double reference)
        {
            var order = Enumerable.Range(0, y.Length).Where(i => active is null || active[i]).ToArray();
            var random = new Random(seed);
            var firstLargest = 0.0;
            for (var epoch = 0; epoch < options.MaxEpochs; epoch++)
            {
                random.Shuffle(order);
                var largest = 0.0;
                foreach (var i in order)
                {
                    var margin = Sign(i) * Logit(state, i);
                    largest = Math.Max(largest, Math.Abs(margin + Math.Log(state.Alpha[i] / state.AlphaRest[i])));
                    var (z, zRest) = SolveCoordinate(squaredNorms[i], margin, state.Alpha[i], state.AlphaRest[i], Cost(i));
                    var delta = z - state.Alpha[i];
                    state.Alpha[i] = z;
                    state.AlphaRest[i] = zRest;
                    if (delta != 0)
                    {
                        AddRow(state, i, delta);
                    }
                }
                if (epoch == 0)
                {
                    firstLargest = largest;
                    if (reference == 0)
                    {
                        reference = largest;
                        continue;
                    }
                }
                if (largest <= options.Tolerance * reference)
                {
                    break;
                }
            }
            return (state, firstLargest);
        }
    }
}
