using GenreBlazor.Core.Text;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Evaluation;

/// <summary>
/// The baseline the DNA must beat: TF-IDF cosine over word unigrams and bigrams (stop words out, sublinear term
/// frequency, smooth IDF), scored through an inverted index.
/// </summary>
public sealed class TfIdfNeighbours
{
    private static readonly TermOptions Terms = new(MaxWordNGram: 2, RemoveStopWords: true);
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly List<List<(int Row, float Weight)>> _postings = [];
    private readonly float[] _idf;
    private readonly int _rows;

    public TfIdfNeighbours(IReadOnlyList<string> catalogPlots)
    {
        ArgumentNullException.ThrowIfNull(catalogPlots);
        _rows = catalogPlots.Count;
        var counted = catalogPlots.Select(Count).ToList();
        var documentFrequency = new List<int>();
        foreach (var counts in counted)
        {
            foreach (var term in counts.Keys)
            {
                if (!_columns.TryGetValue(term, out var column))
                {
                    _columns[term] = column = _columns.Count;
                    documentFrequency.Add(0);
                    _postings.Add([]);
                }
                documentFrequency[column]++;
            }
        }
        _idf = [.. documentFrequency.Select(df => (float)(Math.Log((1.0 + _rows) / (1.0 + df)) + 1.0))];
        for (var row = 0; row < _rows; row++)
        {
            foreach (var (column, weight) in Weigh(counted[row]))
            {
                _postings[column].Add((row, weight));
            }
        }
    }

    public IReadOnlyList<int> Nearest(string plot, int exclude)
    {
        var scores = new float[_rows];
        foreach (var (column, weight) in Weigh(Count(plot)))
        {
            foreach (var (row, other) in _postings[column])
            {
                scores[row] += weight * other;
            }
        }
        return [.. TopK.Select(scores, SimilarityEvaluation.K, exclude).Select(t => t.Row)];
    }

    private static Dictionary<string, int> Count(string plot)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (term, _) in TermExtractor.Terms(plot, Terms))
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        return counts;
    }

    private List<(int Column, float Weight)> Weigh(Dictionary<string, int> counts)
    {
        var weights = new List<(int, float)>(counts.Count);
        double norm = 0;
        foreach (var (term, count) in counts)
        {
            if (_columns.TryGetValue(term, out var column))
            {
                var weight = (float)((1 + Math.Log(count)) * _idf[column]);
                weights.Add((column, weight));
                norm += weight * weight;
            }
        }
        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
        return [.. weights.Select(w => (w.Item1, w.Item2 * scale))];
    }
}
