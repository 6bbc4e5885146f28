using GenreBlazor.Core.Explanations;
using GenreBlazor.Core.Genres;
using static GenreBlazor.Core.Tests.Explanations.ExplanationCases;

namespace GenreBlazor.Core.Tests.Explanations;

public class LocalExplainerTests
{
    private static string Explain(ExplanationCase c) => LocalExplainer.Explain(c, GenreDefinitions.Default);

    [Fact]
    public void The_case_keeps_the_predicted_genres_most_probable_first_with_their_hand_computed_evidence()
    {
        var c = FivePredicted();
        Assert.Equal(["Horror", "Romance", "Comedy", "Drama", "Action"], c.Predicted.Select(g => g.Genre));
        var horror = c.Predicted[0];
        Assert.Equal(["ghost", "haunted house"], horror.Up.Select(i => i.Text));
        Assert.Equal(1.5f, horror.Up[0].Contribution, 5);
        Assert.Equal(1.0f, horror.Up[1].Contribution, 5);
        Assert.True(horror.Up[1].IsPhrase);
        Assert.Equal(["house", "wedding"], horror.Down.Select(i => i.Text));
        Assert.Equal(-0.3f, horror.Down[0].Contribution, 5);
        Assert.Equal(-0.1f, horror.Down[1].Contribution, 5);
        Assert.Equal(0.5f, horror.Up[0].TfIdf, 5);
        Assert.False(c.Predicted[3].HasEvidence); // Drama: no weight on any column
        Assert.Same(c.Predicted[0], c.Closest);
    }

    [Fact]
    public void One_genre_cites_its_three_strongest_words_and_the_strongest_word_against_it()
    {
        Assert.Equal(
            "The model predicts Horror (90%). Horror (stories built to frighten) rests most on \"ghost\" (+1.50) and \"haunted house\" (+1.00). "
            + "The strongest pull the other way is \"house\" (-0.30) on Horror.",
            Explain(HorrorOnly()));
    }

    [Fact]
    public void Two_genres_each_get_their_evidence()
    {
        Assert.Equal(
            "The model predicts Horror (90%) and Romance (70%). Horror (stories built to frighten) rests most on \"ghost\" (+1.50) and \"haunted house\" (+1.00); "
            + "Romance (love and courtship) on \"wedding\" (+0.80). The strongest pull the other way is \"house\" (-0.30) on Horror.",
            Explain(HorrorAndRomance()));
    }

    [Fact]
    public void Many_genres_are_all_named_and_three_are_explained()
    {
        Assert.Equal(
            "The model predicts Horror (90%), Romance (80%), Comedy (70%), Drama (65%) and Action (60%). "
            + "Horror (stories built to frighten) rests most on \"ghost\" (+1.50) and \"haunted house\" (+1.00); Romance (love and courtship) on \"wedding\" (+0.80); "
            + "Comedy (stories meant to amuse) on \"wedding\" (+0.60) and \"house\" (+0.20). "
            + "Drama and Action also pass their thresholds on weaker evidence, and the strongest pull the other way is \"house\" (-0.30) on Horror.",
            Explain(FivePredicted()));
    }

    [Fact]
    public void With_no_predicted_genre_the_closest_one_is_explained()
    {
        Assert.Equal(
            "No genre reaches its threshold: the closest is Horror (stories built to frighten) at 40% against a threshold of 50%. "
            + "\"ghost\" (+1.50) and \"haunted house\" (+1.00) raise it, but not far enough, and \"house\" (-0.30) pulls it down.",
            Explain(NonePredicted()));
    }

    [Fact]
    public void A_plot_with_no_known_words_says_the_score_is_the_starting_point()
    {
        var c = NoKnownWords();
        Assert.False(c.HasEvidence);
        Assert.Equal(
            "The model predicts Horror (90%). None of the plot's words is one the model has learned to weigh, so this score comes from its starting point for any plot, not from this plot.",
            Explain(c));
    }

    [Fact]
    public void The_same_case_always_gives_the_same_text()
    {
        Assert.Equal(Explain(FivePredicted()), Explain(FivePredicted()));
    }

    [Fact]
    public void Every_local_explanation_passes_the_check_bedrock_answers_must_pass()
    {
        foreach (var c in new[] { HorrorOnly(), HorrorAndRomance(), FivePredicted(), NonePredicted(), NoKnownWords() })
        {
            var prompt = ExplanationPrompt.Build(c, GenreDefinitions.Default);
            var text = Explain(c);
            var verdict = AnswerCheck.Check(text, c, prompt);
            Assert.True(verdict.Accepted, $"{verdict.Problem}: {text}");
        }
    }

    [Fact]
    public void Every_genre_has_a_definition_and_no_definition_names_another_genre()
    {
        var definitions = GenreDefinitions.Default;
        Assert.Equal(GenreCatalog.All, definitions.All.Select(d => d.Genre));
        foreach (var definition in definitions.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(definition.Gist));
            Assert.InRange(definition.Definition.Length, 40, 250);
            var named = AnswerCheck.NamedGenres(definition.Gist + " " + definition.Definition).Select(l => GenreCatalog.All[l]);
            Assert.All(named, genre => Assert.Equal(definition.Genre, genre));
        }
        Assert.Equal("stories built to frighten", definitions["horror"].Gist);
    }

    [Theory]
    [InlineData("""{"genres": [{"genre": "Horror", "gist": "g", "definition": "d"}]}""", "lacks Action")]
    [InlineData("""{"genres": [{"genre": "Cooking", "gist": "g", "definition": "d"}]}""", "'Cooking', which is not one")]
    [InlineData("""{"genres": [{"genre": "Horror", "gist": "g", "definition": "d"}, {"genre": "horror", "gist": "g", "definition": "d"}]}""", "Horror twice")]
    [InlineData("""{"genres": [{"genre": "Horror", "gist": "", "definition": "d"}]}""", "needs a gist")]
    [InlineData("""{"genres": """, "not valid JSON")]
    public void A_broken_knowledge_base_is_refused_with_a_reason(string json, string reason)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<InvalidDataException>(() => GenreDefinitions.Read(stream));
        Assert.Contains(reason, error.Message);
    }
}
