using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.TextModel;

/// <summary>Everything that decides how the text model is trained.</summary>
/// <param name="Vectorizer">How plots become features.</param>
/// <param name="UseEmbeddings">Whether the mean pretrained word vector joins the features.</param>
/// <param name="C">Inverse regularisation strength of the per-genre logistic regressions.</param>
/// <param name="ClassWeightPower">Class balancing, 0 (none) to 1 (balanced); see <see cref="LogisticRegressionOptions"/>.</param>
/// <param name="Folds">Cross-fitting folds for out-of-fold probabilities, from which thresholds are tuned.</param>
/// <param name="ThresholdMicroWeight">
/// Thresholds maximise this share of micro-F1 plus the rest of macro-F1 on the out-of-fold probabilities
/// (0 gives per-genre best-F1 thresholds).
/// </param>
/// <param name="Tolerance">Dual coordinate descent stopping tolerance.</param>
/// <param name="Seed">Seed of every random choice; same data and seed give the same model.</param>
public sealed record TextModelOptions(
    VectorizerOptions Vectorizer,
    bool UseEmbeddings = true,
    double C = 1.5,
    double ClassWeightPower = 0,
    int Folds = 5,
    double ThresholdMicroWeight = 0.5,
    double Tolerance = 0.05,
    int Seed = 20261122)
{
    /// <summary>The configuration of the committed model (docs/decisions/0003-text-model.md says why).</summary>
    public static TextModelOptions Default { get; } = new(
        new VectorizerOptions(
            new TermOptions(MaxWordNGram: 2, RemoveStopWords: true, MinCharNGram: 4, MaxCharNGram: 5),
            MinDocuments: 2, MaxDocumentFraction: 0.5));

    public TextModelOptions WithoutEmbeddings() => this with { UseEmbeddings = false };

    internal LogisticRegressionOptions Learner => new(C: C, ClassWeightPower: ClassWeightPower, Tolerance: Tolerance, Seed: Seed);
}
