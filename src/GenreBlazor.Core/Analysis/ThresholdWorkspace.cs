using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Thresholds;

namespace GenreBlazor.Core.Analysis;

/// <summary>The figures over all genres at a set of thresholds.</summary>
/// <param name="PerGenre">Each genre's matrix, in catalog order.</param>
/// <param name="MicroF1">F1 of the pooled matrices.</param>
/// <param name="MacroF1">Mean F1 of the genres present in the data.</param>
/// <param name="SamplesF1">Mean per-movie F1.</param>
/// <param name="AveragePredictedGenres">Genres predicted per movie.</param>
/// <param name="AverageTrueGenres">True genres per movie.</param>
public sealed record WorkspaceFigures(
    IReadOnlyList<LabelConfusion> PerGenre,
    double MicroF1,
    double MacroF1,
    double SamplesF1,
    double AveragePredictedGenres,
    double AverageTrueGenres);

/// <summary>
/// The Analyze page's engine over the bundle's scored test movies: confusion matrices and global figures at any
/// thresholds (precomputed sorted scores, binary search), precision–recall curves, auto-tuning, and the movies a
/// genre gets wrong. Immutable after construction; safe to share between circuits.
/// </summary>
public sealed class ThresholdWorkspace
{
    private readonly LabelScoreIndex[] indexes;
    private readonly float[][] columns;
    private readonly bool[][] truthColumns;
    private readonly GenreSet[] truth;
    private readonly LabelErrors[] errors;

    /// <summary>Builds the indexes (once per bundle).</summary>
    public ThresholdWorkspace(TestPredictions predictions)
    {
        if (!predictions.Genres.SequenceEqual(GenreCatalog.All))
        {
            throw new ArgumentException("The predictions are not in this build's genre order.", nameof(predictions));
        }
        Items = predictions.Items;
        truth = Items.Select(m => GenreSet.FromNames(m.Genres)).ToArray();
        columns = new float[GenreCatalog.Count][];
        truthColumns = new bool[GenreCatalog.Count][];
        indexes = new LabelScoreIndex[GenreCatalog.Count];
        errors = new LabelErrors[GenreCatalog.Count];
        for (var label = 0; label < GenreCatalog.Count; label++)
        {
            columns[label] = Items.Select(m => m.Scores[label]).ToArray();
            truthColumns[label] = truth.Select(t => t.Contains(label)).ToArray();
            indexes[label] = new LabelScoreIndex(columns[label], truthColumns[label]);
            errors[label] = new LabelErrors(Items, columns[label], truthColumns[label]);
        }
    }

    public IReadOnlyList<ScoredMovie> Items { get; }

    /// <summary>True items per genre.</summary>
    public int Support(int label) => indexes[label].Positives;

    public LabelConfusion At(int label, float threshold) => indexes[label].At(threshold);

    public WorkspaceFigures Figures(IReadOnlyList<float> thresholds)
    {
        var perGenre = new LabelConfusion[GenreCatalog.Count];
        var pooled = default(LabelConfusion);
        var macro = 0.0;
        var present = 0;
        for (var label = 0; label < perGenre.Length; label++)
        {
            perGenre[label] = indexes[label].At(thresholds[label]);
            pooled += perGenre[label];
            if (perGenre[label].Support > 0)
            {
                macro += perGenre[label].F1;
                present++;
            }
        }
        // Samples-F1 needs each movie's own counts: one pass over the items.
        var samples = 0.0;
        for (var i = 0; i < Items.Count; i++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var label = 0; label < perGenre.Length; label++)
            {
                var predicted = columns[label][i] >= thresholds[label];
                var actual = truthColumns[label][i];
                tp += predicted && actual ? 1 : 0;
                fp += predicted && !actual ? 1 : 0;
                fn += !predicted && actual ? 1 : 0;
            }
            samples += LabelConfusion.F1Of(tp, fp, fn);
        }
        var n = Math.Max(Items.Count, 1);
        return new WorkspaceFigures(perGenre, pooled.F1, present == 0 ? 0 : macro / present, samples / n,
            (double)pooled.Predicted / n, (double)pooled.Support / n);
    }

    /// <summary>The genre's precision–recall curve (thinned to at most <paramref name="maxPoints"/> points).</summary>
    public IReadOnlyList<PrecisionRecallPoint> Curve(int label, int maxPoints = 200) =>
        PrecisionRecallCurve.Thin(PrecisionRecallCurve.Compute(columns[label], truthColumns[label]), maxPoints);

    public float BestF1(int label) => ThresholdTuner.BestF1(columns[label], truthColumns[label]);

    /// <summary>The lowest threshold whose precision reaches <paramref name="target"/> (most recall at that precision); null when none does.</summary>
    public float? ForPrecision(int label, double target) => ThresholdTuner.ForPrecision(columns[label], truthColumns[label], target);

    /// <summary>The highest threshold whose recall reaches <paramref name="target"/> (most precision at that recall).</summary>
    public float ForRecall(int label, double target) => ThresholdTuner.ForRecall(columns[label], truthColumns[label], target);

    /// <summary>The movies the genre gets wrong at a threshold: false positives and false negatives, most confident first.</summary>
    /// <remarks>Two binary searches over the genre's presorted errors: cheap enough for every slider tick.</remarks>
    public (IReadOnlyList<ScoredMovie> FalsePositives, IReadOnlyList<ScoredMovie> FalseNegatives) Errors(int label, float threshold) =>
        errors[label].At(threshold);
}
