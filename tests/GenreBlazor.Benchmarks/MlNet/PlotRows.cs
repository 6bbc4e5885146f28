using GenreBlazor.Core.Genres;
using Microsoft.ML.Data;

namespace GenreBlazor.Benchmarks.MlNet;

/// <summary>A plot to score: the one input column of the ML.NET model.</summary>
public sealed class PlotInput
{
    public string Plot { get; set; } = "";
}

/// <summary>The ML.NET model's answer: one probability per genre, in <see cref="GenreCatalog"/> order.</summary>
public sealed class GenreProbabilities
{
    public const string Column = "Probabilities";

    // Attributes need a constant; MlNetGenreModel.Compose checks it against the catalog.
    internal const int Genres = 19;

    [ColumnName(Column)]
    [VectorType(Genres)]
    public float[] Values { get; set; } = [];
}

/// <summary>
/// A training movie as ML.NET sees it: its position in the training list (so out-of-fold scores find their movie
/// again), its plot, its genres as a label vector and its cross-fitting fold.
/// </summary>
internal sealed class TrainingPlot
{
    public int Row { get; set; }

    public string Plot { get; set; } = "";

    [VectorType(GenreProbabilities.Genres)]
    public bool[] Genres { get; set; } = [];

    public int Fold { get; set; }
}

/// <summary>The columns the per-genre label mapping reads.</summary>
internal sealed class GenreTargets
{
    [VectorType(GenreProbabilities.Genres)]
    public bool[] Genres { get; set; } = [];
}

/// <summary>One genre's yes/no, the label column a binary trainer learns.</summary>
internal sealed class GenreLabel
{
    public bool Label { get; set; }
}

/// <summary>The column the fold filters read.</summary>
internal sealed class FoldOf
{
    public int Fold { get; set; }
}

/// <summary>A held-out movie's probability for one genre, read back by its row.</summary>
internal sealed class ScoredRow
{
    public int Row { get; set; }

    public float Probability { get; set; }
}
