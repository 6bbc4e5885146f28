using System.Numerics.Tensors;

namespace GenreBlazor.Vision.Posters.Head;

/// <summary>How a <see cref="PosterMlp"/> is trained.</summary>
/// <param name="Hidden">Units in the hidden layer.</param>
/// <param name="Epochs">Passes over the data (the learning rate follows a cosine from full to zero across them).</param>
/// <param name="LearningRate">Adam's step size at the start.</param>
/// <param name="WeightDecay">Decoupled weight decay of AdamW (applied to weights, not biases).</param>
/// <param name="InputDropout">Share of input values zeroed at random during training.</param>
/// <param name="HiddenDropout">Share of hidden units zeroed at random during training.</param>
/// <param name="BatchSize">Examples per Adam step.</param>
/// <param name="Seed">Seed of the initial weights, the visiting order and the dropout; same seed and data give the same network.</param>
public sealed record PosterMlpOptions(
    int Hidden = 256,
    int Epochs = 20,
    float LearningRate = 1e-3f,
    float WeightDecay = 0.01f,
    float InputDropout = 0.4f,
    float HiddenDropout = 0.5f,
    int BatchSize = 64,
    int Seed = 20261122);

/// <summary>
/// A one-hidden-layer network for multi-label genres: ReLU hidden units, one sigmoid per label, trained on binary
/// cross-entropy with AdamW and dropout. On standardised poster features it ranks genres better than one-vs-rest
/// logistic regression (docs/decisions/0021). Scoring is thread-safe.
/// </summary>
public sealed class PosterMlp
{
    private const int Workers = 2;

    /// <summary>Creates a network from its parameters (as <see cref="Train"/> or a saved bundle gives them).</summary>
    /// <param name="inputs">Input width.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="labels">Output labels.</param>
    /// <param name="hiddenWeights">[inputs × hidden], input-major.</param>
    /// <param name="hiddenBiases">[hidden].</param>
    /// <param name="outputWeights">[hidden × labels], hidden-major.</param>
    /// <param name="outputBiases">[labels].</param>
    public PosterMlp(int inputs, int hidden, int labels, float[] hiddenWeights, float[] hiddenBiases, float[] outputWeights, float[] outputBiases)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(labels, 1);
        if (hiddenWeights.Length != inputs * hidden || hiddenBiases.Length != hidden || outputWeights.Length != hidden * labels || outputBiases.Length != labels)
        {
            throw new ArgumentException($"A {inputs}-{hidden}-{labels} network needs {inputs * hidden}, {hidden}, {hidden * labels} and {labels} parameters.");
        }

        Inputs = inputs;
        Hidden = hidden;
        Labels = labels;
        HiddenWeights = hiddenWeights;
        HiddenBiases = hiddenBiases;
        OutputWeights = outputWeights;
        OutputBiases = outputBiases;
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public int Labels { get; }

    /// <summary>Input-to-hidden weights, input-major: W1[j, k] at j × Hidden + k.</summary>
    public float[] HiddenWeights { get; }

    public float[] HiddenBiases { get; }

    /// <summary>Hidden-to-output weights, hidden-major: W2[k, l] at k × Labels + l.</summary>
    public float[] OutputWeights { get; }

    public float[] OutputBiases { get; }

    /// <summary>Writes one probability per label for a standardised input.</summary>
    public void Probabilities(ReadOnlySpan<float> input, Span<float> destination)
    {
        if (input.Length != Inputs || destination.Length != Labels)
        {
            throw new ArgumentException($"The network takes {Inputs} values and writes {Labels}.", nameof(input));
        }

        var hidden = new float[Hidden];
        Forward(input, hidden, destination);
        TensorPrimitives.Sigmoid(destination, destination);
    }

    /// <summary>
    /// Trains a network on standardised <paramref name="inputs"/>; <paramref name="targets"/>[i][l] says whether
    /// example i has label l. Deterministic for a given seed (two workers, fixed order of summing their gradients).
    /// </summary>
    public static PosterMlp Train(IReadOnlyList<float[]> inputs, IReadOnlyList<bool[]> targets, int labels, PosterMlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        if (inputs.Count == 0 || inputs.Count != targets.Count)
        {
            throw new ArgumentException($"{inputs.Count} inputs and {targets.Count} target vectors: both must be the same, non-zero count.", nameof(targets));
        }

        var width = inputs[0].Length;
        var random = new Random(options.Seed);
        var network = Initial(width, options.Hidden, labels, random);
        var parameters = new[] { network.HiddenWeights, network.HiddenBiases, network.OutputWeights, network.OutputBiases };
        var moments = parameters.Select(p => (First: new float[p.Length], Second: new float[p.Length])).ToArray();
        var gradients = Enumerable.Range(0, Workers).Select(_ => parameters.Select(p => new float[p.Length]).ToArray()).ToArray();
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        var step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = options.LearningRate * 0.5f * (1 + MathF.Cos(MathF.PI * epoch / options.Epochs));
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var end = Math.Min(order.Length, start + options.BatchSize);
                var seeds = Enumerable.Range(0, Workers).Select(_ => random.Next()).ToArray();
                Parallel.For(0, Workers, worker =>
                    network.AccumulateGradients(inputs, targets, order, start + worker, end, Workers, options, new Random(seeds[worker]), gradients[worker]));
                step++;
                for (var p = 0; p < parameters.Length; p++)
                {
                    for (var worker = 1; worker < Workers; worker++)
                    {
                        TensorPrimitives.Add(gradients[0][p], gradients[worker][p], gradients[0][p]);
                    }

                    var decay = p % 2 == 0 ? options.WeightDecay : 0f;
                    AdamStep(parameters[p], gradients[0][p], moments[p].First, moments[p].Second, step, rate, decay, 1f / (end - start));
                }
            }
        }

        return network;
    }

    private static PosterMlp Initial(int inputs, int hidden, int labels, Random random)
    {
        // He initialisation for the ReLU layer, Xavier-like for the sigmoid outputs.
        var network = new PosterMlp(inputs, hidden, labels, new float[inputs * hidden], new float[hidden], new float[hidden * labels], new float[labels]);
        var hiddenScale = MathF.Sqrt(2f / inputs);
        var outputScale = MathF.Sqrt(1f / hidden);
        for (var i = 0; i < network.HiddenWeights.Length; i++)
        {
            network.HiddenWeights[i] = Gaussian(random) * hiddenScale;
        }

        for (var i = 0; i < network.OutputWeights.Length; i++)
        {
            network.OutputWeights[i] = Gaussian(random) * outputScale;
        }

        return network;
    }

    private void Forward(ReadOnlySpan<float> input, Span<float> hidden, Span<float> logits)
    {
        HiddenBiases.CopyTo(hidden);
        for (var j = 0; j < Inputs; j++)
        {
            if (input[j] != 0)
            {
                TensorPrimitives.MultiplyAdd(HiddenWeights.AsSpan(j * Hidden, Hidden), input[j], hidden, hidden);
            }
        }

        TensorPrimitives.Max(hidden, 0f, hidden);
        OutputBiases.CopyTo(logits);
        for (var k = 0; k < Hidden; k++)
        {
            if (hidden[k] != 0)
            {
                TensorPrimitives.MultiplyAdd(OutputWeights.AsSpan(k * Labels, Labels), hidden[k], logits, logits);
            }
        }
    }

    // Sums the cross-entropy gradients of examples order[first], order[first + stride], … below end.
    private void AccumulateGradients(IReadOnlyList<float[]> inputs, IReadOnlyList<bool[]> targets, int[] order, int first, int end, int stride,
        PosterMlpOptions options, Random random, float[][] gradients)
    {
        foreach (var gradient in gradients)
        {
            Array.Clear(gradient);
        }

        var (gHiddenWeights, gHiddenBiases, gOutputWeights, gOutputBiases) = (gradients[0], gradients[1], gradients[2], gradients[3]);
        var input = new float[Inputs];
        var hidden = new float[Hidden];
        var output = new float[Labels];
        var hiddenError = new float[Hidden];
        var keepInput = 1f - options.InputDropout;
        var keepHidden = 1f - options.HiddenDropout;
        for (var b = first; b < end; b += stride)
        {
            var example = order[b];
            var source = inputs[example];
            for (var j = 0; j < Inputs; j++)
            {
                input[j] = options.InputDropout > 0 && random.NextSingle() < options.InputDropout ? 0 : source[j] / keepInput;
            }

            HiddenBiases.CopyTo(hidden, 0);
            for (var j = 0; j < Inputs; j++)
            {
                if (input[j] != 0)
                {
                    TensorPrimitives.MultiplyAdd(HiddenWeights.AsSpan(j * Hidden, Hidden), input[j], hidden, hidden);
                }
            }

            for (var k = 0; k < Hidden; k++)
            {
                hidden[k] = hidden[k] <= 0 || (options.HiddenDropout > 0 && random.NextSingle() < options.HiddenDropout) ? 0 : hidden[k] / keepHidden;
            }

            OutputBiases.CopyTo(output, 0);
            for (var k = 0; k < Hidden; k++)
            {
                if (hidden[k] != 0)
                {
                    TensorPrimitives.MultiplyAdd(OutputWeights.AsSpan(k * Labels, Labels), hidden[k], output, output);
                }
            }

            // d(cross-entropy)/d(logit) = sigmoid(logit) − target.
            TensorPrimitives.Sigmoid(output, output);
            var truth = targets[example];
            for (var l = 0; l < Labels; l++)
            {
                output[l] -= truth[l] ? 1f : 0f;
            }

            TensorPrimitives.Add(gOutputBiases, output, gOutputBiases);
            for (var k = 0; k < Hidden; k++)
            {
                // A zero hidden value was cut by ReLU or dropout: no gradient flows through it.
                if (hidden[k] == 0)
                {
                    hiddenError[k] = 0;
                    continue;
                }

                TensorPrimitives.MultiplyAdd(output, hidden[k], gOutputWeights.AsSpan(k * Labels, Labels), gOutputWeights.AsSpan(k * Labels, Labels));
                hiddenError[k] = TensorPrimitives.Dot(OutputWeights.AsSpan(k * Labels, Labels), output) / keepHidden;
            }

            TensorPrimitives.Add(gHiddenBiases, hiddenError, gHiddenBiases);
            for (var j = 0; j < Inputs; j++)
            {
                if (input[j] != 0)
                {
                    TensorPrimitives.MultiplyAdd(hiddenError, input[j], gHiddenWeights.AsSpan(j * Hidden, Hidden), gHiddenWeights.AsSpan(j * Hidden, Hidden));
                }
            }
        }
    }

    private static void AdamStep(float[] weights, float[] gradient, float[] first, float[] second, int step, float rate, float decay, float scale)
    {
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        var correction1 = 1 - MathF.Pow(beta1, step);
        var correction2 = 1 - MathF.Pow(beta2, step);
        for (var i = 0; i < weights.Length; i++)
        {
            var g = gradient[i] * scale;
            first[i] = (beta1 * first[i]) + ((1 - beta1) * g);
            second[i] = (beta2 * second[i]) + ((1 - beta2) * g * g);
            weights[i] -= rate * ((first[i] / correction1 / (MathF.Sqrt(second[i] / correction2) + epsilon)) + (decay * weights[i]));
        }
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
