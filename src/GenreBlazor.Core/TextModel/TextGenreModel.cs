using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Scoring;
using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.TextModel;

/// <summary>
/// The text genre model as it runs: plot → features (<see cref="PlotVectorizer"/>) → one linear scorer per genre
/// (<see cref="LinearModel"/>) → probabilities. Thread-safe; each thread reuses its own buffers, so scoring a plot
/// allocates little more than its normalised text.
/// </summary>
public sealed class TextGenreModel(PlotVectorizer vectorizer, LinearModel scorer)
{
    [ThreadStatic]
    private static VectorizerScratch? scratch;

    [ThreadStatic]
    private static float[]? logits;

    public PlotVectorizer Vectorizer { get; } = vectorizer;

    /// <summary>Features to per-genre logits.</summary>
    public LinearModel Scorer { get; } = scorer;

    /// <summary>Writes one probability per genre (19 values) for the plot.</summary>
    public void Probabilities(string plot, Span<float> destination)
    {
        var buffer = logits ??= new float[Scorer.Stride];
        var row = Vectorizer.Vectorize(plot, scratch ??= new VectorizerScratch());
        Scorer.Probabilities(row, buffer);
        buffer.AsSpan(0, GenreCatalog.Count).CopyTo(destination);
    }

    public GenreScores Score(string plot)
    {
        var probabilities = new float[GenreCatalog.Count];
        Probabilities(plot, probabilities);
        return new GenreScores(probabilities);
    }

    /// <summary>Scores many plots in parallel; result i belongs to plot i.</summary>
    public float[][] ScoreMany(IReadOnlyList<string> plots)
    {
        var result = new float[plots.Count][];
        Parallel.For(0, plots.Count, i =>
        {
            result[i] = new float[GenreCatalog.Count];
            Probabilities(plots[i], result[i]);
        });
        return result;
    }
}
