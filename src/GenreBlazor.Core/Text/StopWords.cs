using System.Collections.Frozen;

namespace GenreBlazor.Core.Text;

/// <summary>
/// English function words that carry no genre signal on their own: articles, pronouns, auxiliaries,
/// prepositions, conjunctions and the commonest adverbs. Written for this project; compared after normalisation
/// (so "don't" is listed as "dont").
/// </summary>
public static class StopWords
{
    private static readonly FrozenSet<string> English = FrozenSet.ToFrozenSet(
    [
        "a", "about", "above", "across", "after", "afterwards", "again", "against", "all", "almost", "alone", "along",
        "already", "also", "although", "always", "am", "among", "amongst", "an", "and", "another", "any", "anyhow",
        "anyone", "anything", "anyway", "anywhere", "are", "around", "as", "at", "be", "became", "because", "become",
        "becomes", "becoming", "been", "before", "beforehand", "behind", "being", "below", "beside", "besides",
        "between", "beyond", "both", "but", "by", "can", "cannot", "cant", "could", "couldnt", "did", "didnt", "do",
        "does", "doesnt", "doing", "done", "dont", "down", "during", "each", "eg", "either", "else", "elsewhere",
        "enough", "etc", "even", "ever", "every", "everyone", "everything", "everywhere", "except", "few", "for",
        "former", "formerly", "from", "further", "had", "has", "hasnt", "have", "having", "he", "hence", "her",
        "here", "hereafter", "hereby", "herein", "hers", "herself", "him", "himself", "his", "how", "however", "ie",
        "if", "in", "indeed", "into", "is", "isnt", "it", "its", "itself", "just", "latter", "latterly", "least",
        "less", "made", "many", "may", "me", "meanwhile", "might", "mine", "more", "moreover", "most", "mostly",
        "much", "must", "my", "myself", "namely", "neither", "never", "nevertheless", "next", "no", "nobody", "none",
        "nor", "not", "nothing", "now", "nowhere", "of", "off", "often", "on", "once", "one", "only", "onto", "or",
        "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps", "rather",
        "same", "seem", "seemed", "seeming", "seems", "several", "she", "should", "shouldnt", "since", "so", "some",
        "somehow", "someone", "something", "sometime", "sometimes", "somewhere", "still", "such", "than", "that",
        "the", "their", "theirs", "them", "themselves", "then", "thence", "there", "thereafter", "thereby",
        "therefore", "therein", "thereupon", "these", "they", "this", "those", "though", "through", "throughout",
        "thru", "thus", "to", "together", "too", "toward", "towards", "under", "until", "up", "upon", "us", "very",
        "via", "was", "wasnt", "we", "were", "werent", "what", "whatever", "when", "whence", "whenever", "where",
        "whereafter", "whereas", "whereby", "wherein", "whereupon", "wherever", "whether", "which", "while",
        "whither", "who", "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "wont",
        "would", "wouldnt", "yet", "you", "your", "yours", "yourself", "yourselves", "ll", "ve", "re",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = English.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a normalised word is an English stop word.</summary>
    public static bool IsStopWord(ReadOnlySpan<char> word) => Lookup.Contains(word);

    public static int Count => English.Count;
}
