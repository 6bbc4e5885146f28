using GenreBlazor.Core.Text;

namespace GenreBlazor.Core.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("The Godfather", "the godfather")]
    [InlineData("Raj's fiancée, Simran", "raj  fiancee  simran")]
    [InlineData("don't STOP", "dont stop")]
    [InlineData("Tom &amp; Jerry &lt;3", "tom   jerry  3")]
    [InlineData("1940s -- New York!", "1940s    new york ")]
    [InlineData("l’amour", "lamour")]
    [InlineData("'quoted'", " quoted")]
    [InlineData("Ñandú über Ærø", "nandu uber ærø")]
    public void Normalizes_case_accents_entities_and_punctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Keeps_letters_of_other_scripts_and_drops_symbols()
    {
        Assert.Equal("東京 物語", TextNormalizer.Normalize("東京・物語"));
        Assert.Equal("قصة حب", TextNormalizer.Normalize("قصة حب"));
        Assert.Equal("love   ", TextNormalizer.Normalize("love 😀")); // the emoji's two UTF-16 halves become spaces
    }

    [Fact]
    public void Handles_text_longer_than_the_stack_buffer()
    {
        var text = string.Concat(Enumerable.Repeat("Ab, ", 2000));
        Assert.Equal(string.Concat(Enumerable.Repeat("ab  ", 2000)), TextNormalizer.Normalize(text));
    }
}

public class TokenizerTests
{
    [Fact]
    public void Cuts_words_of_two_characters_or_more()
    {
        Assert.Equal(["an", "old", "man", "in", "1940s"], Tokenizer.Words("An old-man: in 1940s, a I"));
    }

    [Fact]
    public void Drops_runs_longer_than_forty_characters()
    {
        Assert.Equal(["short"], Tokenizer.Words(new string('x', 41) + " short"));
        Assert.Single(Tokenizer.Words(new string('y', 40)));
    }

    [Fact]
    public void Empty_and_whitespace_give_no_tokens()
    {
        Assert.Empty(Tokenizer.Words(""));
        Assert.Empty(Tokenizer.Words(" \t\n "));
    }
}

public class StopWordsTests
{
    [Theory]
    [InlineData("the", true)]
    [InlineData("dont", true)]
    [InlineData("killer", false)]
    [InlineData("The", false)]
    public void Knows_normalised_function_words(string word, bool expected) => Assert.Equal(expected, StopWords.IsStopWord(word));
}

public class TermExtractorTests
{
    [Fact]
    public void Word_bigrams_join_consecutive_content_words_after_stop_words_are_removed()
    {
        var terms = TermExtractor.Terms("The killer of the night returns", new TermOptions(MaxWordNGram: 2));
        Assert.Equal(["killer", "killer night", "night", "night returns", "returns"], terms.Select(t => t.Term));
        Assert.All(terms, t => Assert.Equal(TermKind.Word, t.Kind));
    }

    [Fact]
    public void Character_ngrams_cover_each_content_word_padded_with_spaces()
    {
        var terms = TermExtractor.Terms("the ghoul", new TermOptions(MaxWordNGram: 1, MinCharNGram: 4, MaxCharNGram: 5));
        Assert.Equal(["ghoul", " gho", "ghou", "houl", "oul ", " ghou", "ghoul", "houl "], terms.Select(t => t.Term));
        Assert.Equal(TermKind.Word, terms[0].Kind);
        Assert.All(terms.Skip(1), t => Assert.Equal(TermKind.Character, t.Kind));
    }

    [Fact]
    public void Trigrams_when_asked()
    {
        var terms = TermExtractor.Terms("space pirates attack", new TermOptions(MaxWordNGram: 3, RemoveStopWords: false));
        Assert.Contains(("space pirates attack", TermKind.Word), terms);
        Assert.Equal(6, terms.Count);
    }
}

public class TextNormalizerJunkTests
{
    [Fact]
    public void Unpaired_surrogates_and_non_characters_become_spaces()
    {
        // Built in code: attribute arguments cannot carry unpaired surrogates intact.
        Assert.Equal("cafe   noir", TextNormalizer.Normalize("caf\u00E9 \uFFFE noir"));
        Assert.Equal("a b e", TextNormalizer.Normalize("a" + '\uD800' + "b é"));
        Assert.Equal("  x", TextNormalizer.Normalize(new string(['\uDC00', '\uFDD0', 'x'])));
    }

    [Fact]
    public void Surrogate_pairs_survive_the_clean_up() =>
        Assert.Equal("a\U0001F600b", TextNormalizer.ReplaceInvalidCodePoints("a\U0001F600b"));
}
