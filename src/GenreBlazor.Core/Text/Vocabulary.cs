namespace GenreBlazor.Core.Text;

/// <summary>
/// The terms a model knows, each with its column index and the number of training documents it occurs in.
/// Lookups take spans, so scoring a plot allocates no strings.
/// </summary>
public sealed class Vocabulary
{
    private readonly TermIndex index;

    /// <summary>Creates a vocabulary from terms in column order and their document frequencies.</summary>
    public Vocabulary(IReadOnlyList<string> terms, IReadOnlyList<int> documentFrequencies)
    {
        if (terms.Count != documentFrequencies.Count)
        {
            throw new ArgumentException("Each term needs one document frequency.", nameof(documentFrequencies));
        }
        Terms = terms;
        DocumentFrequencies = documentFrequencies;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (!distinct.Add(term))
            {
                throw new ArgumentException($"The term '{term}' occurs twice.", nameof(terms));
            }
        }
        index = new TermIndex(terms);
    }

    /// <summary>Terms in column order.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Training documents containing each term, in column order.</summary>
    public IReadOnlyList<int> DocumentFrequencies { get; }

    public int Count => Terms.Count;

    /// <summary>The column of a term, or -1 when the term is unknown.</summary>
    public int IndexOf(ReadOnlySpan<char> term) => index.IndexOf(term);

    /// <summary>
    /// Counts in how many documents each term occurs and keeps those seen in at least <paramref name="minDocuments"/>
    /// and at most <paramref name="maxDocumentFraction"/> of the documents; if more than <paramref name="maxTerms"/>
    /// remain, the most frequent are kept. Columns are in ordinal order of the terms, so the result does not depend
    /// on document order.
    /// </summary>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> documents, int minDocuments, double maxDocumentFraction = 1.0, int maxTerms = int.MaxValue)
    {
        var counter = new DocumentFrequencyCounter();
        foreach (var document in documents)
        {
            counter.StartDocument();
            foreach (var term in document)
            {
                counter.Add(term);
            }
        }
        return counter.ToVocabulary(minDocuments, maxDocumentFraction, maxTerms);
    }
}

/// <summary>Counts, for each term, the number of documents it occurs in; feed it one document at a time.</summary>
public sealed class DocumentFrequencyCounter
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<string> terms = [];
    private readonly List<int> frequencies = [];
    private readonly List<int> lastDocument = [];
    private int document = -1;

    public DocumentFrequencyCounter() => lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Documents => document + 1;

    /// <summary>
    /// Adds another counter's counts (documents counted apart, e.g. on another thread) to this one. Returns, for each
    /// id of <paramref name="other"/>, the id of the same term here.
    /// </summary>
    public int[] Merge(DocumentFrequencyCounter other)
    {
        var map = new int[other.terms.Count];
        for (var id = 0; id < map.Length; id++)
        {
            var term = other.terms[id];
            if (!ids.TryGetValue(term, out var mine))
            {
                mine = terms.Count;
                ids.Add(term, mine);
                terms.Add(term);
                frequencies.Add(0);
                lastDocument.Add(-1);
            }
            frequencies[mine] += other.frequencies[id];
            map[id] = mine;
        }
        document += other.Documents;
        return map;
    }

    public void StartDocument() => document++;

    /// <summary>Counts one occurrence of a term in the current document; returns the term's id in this counter.</summary>
    public int Add(ReadOnlySpan<char> term)
    {
        if (!lookup.TryGetValue(term, out var id))
        {
            id = terms.Count;
            var text = term.ToString();
            ids.Add(text, id);
            terms.Add(text);
            frequencies.Add(0);
            lastDocument.Add(-1);
        }
        if (lastDocument[id] != document)
        {
            lastDocument[id] = document;
            frequencies[id]++;
        }
        return id;
    }

    /// <summary>Counts one more occurrence, in the current document, of a term already counted by its id.</summary>
    public void AddId(int id)
    {
        if (lastDocument[id] != document)
        {
            lastDocument[id] = document;
            frequencies[id]++;
        }
    }

    /// <summary>The vocabulary of the terms that pass the frequency cut-offs.</summary>
    public Vocabulary ToVocabulary(int minDocuments, double maxDocumentFraction = 1.0, int maxTerms = int.MaxValue) =>
        ToVocabulary(minDocuments, maxDocumentFraction, maxTerms, out _);

    /// <summary>
    /// The vocabulary of the terms that pass the frequency cut-offs, and for every id this counter gave out, the term's
    /// column in the vocabulary (or -1 when it was cut).
    /// </summary>
    public Vocabulary ToVocabulary(int minDocuments, double maxDocumentFraction, int maxTerms, out int[] columnOfId)
    {
        var maxDocuments = (int)Math.Floor(maxDocumentFraction * Documents);
        var kept = Enumerable.Range(0, terms.Count)
            .Where(i => frequencies[i] >= minDocuments && frequencies[i] <= maxDocuments)
            .ToList();
        if (kept.Count > maxTerms)
        {
            kept = kept.OrderByDescending(i => frequencies[i]).ThenBy(i => terms[i], StringComparer.Ordinal).Take(maxTerms).ToList();
        }
        kept.Sort((a, b) => string.CompareOrdinal(terms[a], terms[b]));
        columnOfId = new int[terms.Count];
        Array.Fill(columnOfId, -1);
        for (var column = 0; column < kept.Count; column++)
        {
            columnOfId[kept[column]] = column;
        }
        return new Vocabulary(kept.Select(i => terms[i]).ToList(), kept.Select(i => frequencies[i]).ToList());
    }
}
