namespace GenreBlazor.Core.Metrics;

/// <summary>The 2×2 confusion matrix of one label, with the figures derived from it.</summary>
public readonly record struct LabelConfusion(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    /// <summary>Items that truly have the label.</summary>
    public int Support => TruePositives + FalseNegatives;

    /// <summary>Items predicted to have the label.</summary>
    public int Predicted => TruePositives + FalsePositives;

    public int Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    /// <summary>TP / (TP + FP); 0 when nothing is predicted (scikit-learn's zero_division=0).</summary>
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;

    /// <summary>TP / (TP + FN); 0 when the label has no support.</summary>
    public double Recall => Support == 0 ? 0 : (double)TruePositives / Support;

    /// <summary>2 TP / (2 TP + FP + FN); 0 when all three are 0.</summary>
    public double F1 => F1Of(TruePositives, FalsePositives, FalseNegatives);

    /// <summary>The sum of two matrices (for micro averages).</summary>
    public static LabelConfusion operator +(LabelConfusion a, LabelConfusion b) => new(
        a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives,
        a.FalseNegatives + b.FalseNegatives, a.TrueNegatives + b.TrueNegatives);

    public static double F1Of(int truePositives, int falsePositives, int falseNegatives)
    {
        var denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }
}
