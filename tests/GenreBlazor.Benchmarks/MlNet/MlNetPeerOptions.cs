using GenreBlazor.Core.TextModel;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace GenreBlazor.Benchmarks.MlNet;

/// <summary>The binary logistic trainer fitted per genre.</summary>
public enum MlNetTrainer
{
    /// <summary><c>SdcaLogisticRegression</c>: stochastic dual coordinate ascent.</summary>
    Sdca,
    /// <summary><c>LbfgsLogisticRegression</c>: L-BFGS on the primal.</summary>
    Lbfgs,
}

/// <summary>
/// How the ML.NET peer is trained. The cross-fitting folds, threshold objective and regularisation strength come
/// from <see cref="TextModelOptions"/>, so that the two learners differ only where ML.NET does the work.
/// </summary>
/// <param name="Trainer">The per-genre trainer.</param>
/// <param name="L2">
/// L2 strength in the trainer's own units, or null for ML.NET's default (SDCA picks one from the data; L-BFGS uses 1,
/// with L1 1 as well). Build the project's C with <see cref="MatchingC"/>.
/// </param>
/// <param name="L1">L1 strength, or null for the trainer's default.</param>
/// <param name="RemoveStopWords">Remove English stop words before the word and character n-grams, as the project does.</param>
/// <param name="Folds">Cross-fitting folds.</param>
/// <param name="ThresholdMicroWeight">The threshold objective's share of micro-F1 (the rest is macro-F1).</param>
/// <param name="Seed">Seed of every ML.NET random choice.</param>
public sealed record MlNetPeerOptions(
    MlNetTrainer Trainer,
    float? L2 = null,
    float? L1 = null,
    bool RemoveStopWords = false,
    int Folds = 5,
    double ThresholdMicroWeight = 0.5,
    int Seed = 20261122)
{
    /// <summary>
    /// The trainer at the project's defaults for everything the two learners share: folds, threshold objective, seed.
    /// </summary>
    public static MlNetPeerOptions For(MlNetTrainer trainer) => new(trainer,
        Folds: TextModelOptions.Default.Folds, ThresholdMicroWeight: TextModelOptions.Default.ThresholdMicroWeight, Seed: TextModelOptions.Default.Seed);

    /// <summary>
    /// The same options with the L2 strength that gives the optimum of liblinear's ½‖w‖² + C Σ loss, L1 off.
    /// L-BFGS minimises (Σ loss + ½ λ‖w‖²) / n, so λ = 1 / C; SDCA minimises Σ loss / n + ½ λ‖w‖², so λ = 1 / (C n).
    /// </summary>
    public MlNetPeerOptions MatchingC(double c, int rows) => this with
    {
        L2 = (float)(Trainer == MlNetTrainer.Lbfgs ? 1 / c : 1 / (c * rows)),
        L1 = 0,
    };

    /// <summary>Word 1–2-grams and character 3-grams (ML.NET's defaults), each TF-IDF weighted and scaled to unit length.</summary>
    internal TextFeaturizingEstimator.Options Featurizer() => new()
    {
        WordFeatureExtractor = new WordBagEstimator.Options
        {
            NgramLength = 2,
            UseAllLengths = true,
            Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
        },
        CharFeatureExtractor = new WordBagEstimator.Options
        {
            NgramLength = 3,
            UseAllLengths = false,
            Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
        },
        StopWordsRemoverOptions = RemoveStopWords
            ? new StopWordsRemovingEstimator.Options { Language = TextFeaturizingEstimator.Language.English }
            : null,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    // One thread per trainer: genres are fitted in parallel instead, which keeps every fit deterministic.
    internal IEstimator<ITransformer> Estimator(MLContext ml, string label, string features) => Trainer switch
    {
        MlNetTrainer.Sdca => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = features,
            L2Regularization = L2,
            L1Regularization = L1,
            NumberOfThreads = 1,
        }),
        MlNetTrainer.Lbfgs => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = features,
            L2Regularization = L2 ?? new LbfgsLogisticRegressionBinaryTrainer.Options().L2Regularization,
            L1Regularization = L1 ?? new LbfgsLogisticRegressionBinaryTrainer.Options().L1Regularization,
            NumberOfThreads = 1,
        }),
        _ => throw new System.Diagnostics.UnreachableException($"Unknown trainer {Trainer}."),
    };

    /// <summary>"ML.NET SDCA, L2 4.5E-05, L1 0" — the row label in reports.</summary>
    public string Describe() =>
        $"ML.NET {(Trainer == MlNetTrainer.Sdca ? "SDCA" : "L-BFGS")}, L2 {(L2 is { } l2 ? l2.ToString("G2", System.Globalization.CultureInfo.InvariantCulture) : "default")}, " +
        $"L1 {(L1 is { } l1 ? l1.ToString("G2", System.Globalization.CultureInfo.InvariantCulture) : "default")}" + (RemoveStopWords ? ", stop words removed" : "");
}
