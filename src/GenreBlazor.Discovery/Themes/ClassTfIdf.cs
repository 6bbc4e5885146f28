using GenreBlazor.Core.Text;

namespace GenreBlazor.Discovery.Themes;

/// <summary>A word that singles out a theme, with its class-based TF-IDF weight.</summary>
public sealed record ThemeWord(string Word, double Weight);

/// <summary>
/// Class-based TF-IDF (BERTopic's c-TF-IDF): all the documents of a class are one document; a word's weight in a
/// class is √(its frequency there) × log(1 + (A − f + ½) / (f + ½)), A the average word count of a class and f the
/// word's count over all classes: BERTopic's reduce_frequent_words and bm25_weighting, which keep words common to
/// every theme ("young", "life", "new") out of the names (decision 0074). A word counts once per document, so a name
/// repeated in one plot does not name a theme.
/// </summary>
public static class ClassTfIdf
{
    private static readonly TermOptions Words = new(MaxWordNGram: 1, RemoveStopWords: true);

    // Two-letter words in plots are mostly other languages' articles ("de", "la") and initials: they name no theme.
    private const int MinLength = 3;

    /// <summary>The <paramref name="top"/> words of each class of documents; a word must be in at least <paramref name="minShare"/>
    /// of a class's documents, and in two of them.</summary>
    public static IReadOnlyList<IReadOnlyList<ThemeWord>> TopWords(IReadOnlyList<IReadOnlyList<string>> classes, int top = 10, double minShare = 0.02)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var counts = classes.Select(Count).ToList();
        var overall = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (term, n) in counts.SelectMany(c => c))
        {
            overall[term] = overall.GetValueOrDefault(term) + n;
        }
        var totals = counts.Select(c => (double)c.Values.Sum()).ToList();
        var average = totals.Count == 0 ? 0 : totals.Average();
        var words = new List<IReadOnlyList<ThemeWord>>(classes.Count);
        for (var c = 0; c < classes.Count; c++)
        {
            var floor = Math.Max(2, minShare * classes[c].Count);
            var total = totals[c];
            words.Add([.. counts[c].Where(p => p.Value >= floor)
                .Select(p => new ThemeWord(p.Key, Math.Round(Math.Sqrt(p.Value / total) * Math.Log(1 + (average - overall[p.Key] + 0.5) / (overall[p.Key] + 0.5)), 6)))
                .OrderByDescending(w => w.Weight).ThenBy(w => w.Word, StringComparer.Ordinal).Take(top)]);
        }
        return words;
    }

    /// <summary>In how many of the documents each content word occurs.</summary>
    private static Dictionary<string, int> Count(IReadOnlyList<string> documents)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            seen.Clear();
            foreach (var (term, _) in TermExtractor.Terms(document, Words))
            {
                if (term.Length >= MinLength && !term.All(char.IsAsciiDigit) && seen.Add(term))
                {
                    counts[term] = counts.GetValueOrDefault(term) + 1;
                }
            }
        }
        return counts;
    }
}
