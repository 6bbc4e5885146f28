using GenreBlazor.Core.Explanations;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Learning;
using GenreBlazor.Core.Tests.Bundles;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Tests.Explanations;

public class EvidenceExtractorTests
{
    private static readonly int Horror = GenreCatalog.IndexOf("Horror");
    private static readonly int Comedy = GenreCatalog.IndexOf("Comedy");

    /// <summary>A model written by hand: three word columns, no character n-grams, no vectors.</summary>
    private static TextGenreModel HandModel()
    {
        var vocabulary = new Vocabulary(["ghost", "haunted house", "house"], [1, 1, 1]);
        var idf = new TfIdfWeighting([2f, 3f, 1f]);
        var vectorizer = new PlotVectorizer(new VectorizerOptions(new TermOptions(MaxWordNGram: 2)), vocabulary, idf);
        var stride = LinearModel.StrideFor(GenreCatalog.Count);
        var weights = new float[3 * stride];
        weights[0 * stride + Horror] = 1.5f;   // ghost
        weights[1 * stride + Horror] = 2.0f;   // haunted house
        weights[2 * stride + Horror] = -0.5f;  // house
        weights[2 * stride + Comedy] = 0.25f;
        var biases = new float[GenreCatalog.Count];
        biases[Horror] = -1f;
        return new TextGenreModel(vectorizer, new LinearModel(3, GenreCatalog.Count, weights, biases));
    }

    [Fact]
    public void Each_word_and_phrase_pushes_by_its_tf_idf_value_times_its_weight()
    {
        var evidence = EvidenceExtractor.Extract(HandModel(), "A haunted house, a ghost... and the ghost's house!");
        // content words: haunted, house, ghost, ghost, house → known columns: ghost (tf 2), house (tf 2), "haunted house" (tf 1)
        // raw: ghost (1 + ln 2) × 2, house (1 + ln 2) × 1, haunted house 1 × 3; then unit length
        var ghostRaw = (1 + MathF.Log(2)) * 2;
        var houseRaw = (1 + MathF.Log(2)) * 1;
        var norm = MathF.Sqrt(ghostRaw * ghostRaw + houseRaw * houseRaw + 9);
        var ghost = evidence.Word("ghost")!;
        Assert.Equal(2, ghost.Occurrences);
        Assert.Equal(ghostRaw / norm, ghost.TfIdf, 5);
        Assert.Equal(1.5f * ghostRaw / norm, ghost.AsWord[Horror], 5);
        Assert.Equal(-0.5f * houseRaw / norm, evidence.Word("house")!.Total(Horror), 5);
        Assert.Equal(0.25f * houseRaw / norm, evidence.Word("house")!.Total(Comedy), 5);
        var phrase = Assert.Single(evidence.Phrases);
        Assert.Equal("haunted house", phrase.Phrase);
        Assert.Equal(2f * 3f / norm, phrase.Contribution[Horror], 5);
        Assert.Equal(0f, evidence.Word("haunted")!.Total(Horror)); // no column of its own

        var up = evidence.Strongest(Horror, 5);
        Assert.Equal(["haunted house", "ghost"], up.Select(i => i.Text));
        Assert.True(up[0].IsPhrase);
        Assert.Equal(["house"], evidence.Strongest(Horror, 5, up: false).Select(i => i.Text));
        Assert.Equal(-1f + 1.5f * ghostRaw / norm + 6f / norm - 0.5f * houseRaw / norm, evidence.Logits[Horror], 5);
    }

    [Fact]
    public void The_parts_add_up_to_the_models_logits_with_character_ngrams_and_vectors()
    {
        var embeddings = new WordEmbeddings(["ghost", "haunted", "demon", "love", "wedding", "sheriff", "outlaw", "spaceship", "alien"],
            Enumerable.Range(0, 9 * 4).Select(i => MathF.Sin(i * 1.7f)).ToArray(), dimensions: 4);
        var options = TextModelTrainingTests.SmallOptions with { UseEmbeddings = true };
        var model = TextModelTrainer.Train(TextModelTrainingTests.Fixture(300, seed: 4), options, embeddings).Model;
        const string plot = "A haunted spaceship: the ghost of an outlaw haunts the alien's wedding. Haunted!";
        var evidence = EvidenceExtractor.Extract(model, plot);
        var logits = new float[model.Scorer.Stride];
        model.Scorer.Logits(model.Vectorizer.Vectorize(plot, new VectorizerScratch()), logits);
        for (var g = 0; g < GenreCatalog.Count; g++)
        {
            var sum = evidence.Biases[g] + evidence.Words.Sum(w => w.Total(g)) + evidence.Phrases.Sum(p => p.Contribution[g]);
            Assert.Equal(logits[g], sum, 4);
            Assert.Equal(logits[g], evidence.Logits[g], 6);
        }
        Assert.Contains(evidence.Words, w => w.AsPieces.Any(v => v != 0));
        Assert.Contains(evidence.Words, w => w.AsMeaning.Any(v => v != 0));
        Assert.Equal(2, evidence.Word("haunted")!.Occurrences);
    }

    [Fact]
    public void Segments_give_the_plot_back_and_mark_content_words()
    {
        const string plot = "The fiancée's ghost—don't scream! 東京";
        var segments = EvidenceExtractor.Segments(plot, new TermOptions());
        Assert.Equal(plot, string.Concat(segments.Select(s => plot.Substring(s.Start, s.Length))));
        var words = segments.Where(s => s.Word is not null).Select(s => (plot.Substring(s.Start, s.Length), s.Word)).ToList();
        Assert.Equal([("fiancée's", "fiancee"), ("ghost", "ghost"), ("scream", "scream"), ("東京", "東京")], words);
        Assert.Null(segments.Single(s => plot.Substring(s.Start, s.Length) == "don't").Word); // a stop word
    }
}
