using GenreBlazor.Core.Explanations;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Tests.Explanations;

/// <summary>
/// A hand-made model whose pushes are easy to compute: four word columns, idf 1, so every known term of
/// <see cref="Plot"/> gets TF-IDF 1/√4 = 0.5 and its push is half its weight.
/// </summary>
internal static class ExplanationCases
{
    /// <summary>Content words ghost, haunted, house, wedding; known terms ghost, "haunted house", house, wedding.</summary>
    public const string Plot = "A ghost in the haunted house at a wedding.";

    public static readonly int Action = GenreCatalog.IndexOf("Action");
    public static readonly int Comedy = GenreCatalog.IndexOf("Comedy");
    public static readonly int Drama = GenreCatalog.IndexOf("Drama");
    public static readonly int Horror = GenreCatalog.IndexOf("Horror");
    public static readonly int Romance = GenreCatalog.IndexOf("Romance");

    public static TextGenreModel Model()
    {
        var vocabulary = new Vocabulary(["ghost", "haunted house", "house", "wedding"], [1, 1, 1, 1]);
        var vectorizer = new PlotVectorizer(new VectorizerOptions(new TermOptions(MaxWordNGram: 2)), vocabulary, new TfIdfWeighting([1f, 1f, 1f, 1f]));
        var stride = LinearModel.StrideFor(GenreCatalog.Count);
        var weights = new float[4 * stride];
        weights[0 * stride + Horror] = 3.0f;   // ghost          → +1.50
        weights[1 * stride + Horror] = 2.0f;   // haunted house  → +1.00
        weights[2 * stride + Horror] = -0.6f;  // house          → -0.30
        weights[2 * stride + Comedy] = 0.4f;   //                → +0.20
        weights[3 * stride + Comedy] = 1.2f;   // wedding        → +0.60
        weights[3 * stride + Romance] = 1.6f;  //                → +0.80
        weights[3 * stride + Horror] = -0.2f;  //                → -0.10
        return new TextGenreModel(vectorizer, new LinearModel(4, GenreCatalog.Count, weights, new float[GenreCatalog.Count]));
    }

    /// <summary>The case of <paramref name="plot"/> with the given probabilities (others 0.1) and every threshold at 0.5.</summary>
    public static ExplanationCase Case(string plot = Plot, params (int Label, float Probability)[] probabilities)
    {
        var values = Enumerable.Repeat(0.1f, GenreCatalog.Count).ToArray();
        foreach (var (label, probability) in probabilities)
        {
            values[label] = probability;
        }
        return ExplanationCase.From(EvidenceExtractor.Extract(Model(), plot), values, Enumerable.Repeat(0.5f, GenreCatalog.Count).ToArray());
    }

    public static ExplanationCase HorrorOnly() => Case(Plot, (Horror, 0.9f));

    public static ExplanationCase HorrorAndRomance() => Case(Plot, (Horror, 0.9f), (Romance, 0.7f));

    public static ExplanationCase FivePredicted() =>
        Case(Plot, (Horror, 0.9f), (Romance, 0.8f), (Comedy, 0.7f), (Drama, 0.65f), (Action, 0.6f));

    public static ExplanationCase NonePredicted() => Case(Plot, (Horror, 0.4f));

    public static ExplanationCase NoKnownWords() => Case("Xyzzy plugh frobozz.", (Horror, 0.9f));
}
