using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Evaluation;

namespace GenreBlazor.Discovery.Tests;

/// <summary>Neighbour votes and the blend over the half-circle catalog of <see cref="TasteTests"/> (movies 0–14 comedies, 15–29 horror).</summary>
public sealed class LiftEvaluationTests
{
    private static readonly int Comedy = GenreCatalog.IndexOf("Comedy");
    private static readonly int Horror = GenreCatalog.IndexOf("Horror");

    [Fact]
    public void A_movie_never_votes_for_itself_and_its_nearest_neighbours_vote_their_genres()
    {
        var catalog = TasteTests.HalfCircle();
        // Movie 15 is the first horror film: its two nearest others are 14 (comedy) and 16 (horror), itself left out.
        var votes = LiftEvaluation.Votes(catalog, [15, 0], [.. Enumerable.Range(0, 30)], k: 2);
        Assert.Equal(0.5f, votes[0][Comedy], 3);
        Assert.Equal(0.5f, votes[0][Horror], 3);
        Assert.Equal(1f, votes[1][Comedy], 3);
        // A pool without the comedies: only horror votes.
        var horrorOnly = LiftEvaluation.Votes(catalog, [0], [.. Enumerable.Range(15, 15)], k: 3);
        Assert.Equal(0f, horrorOnly[0][Comedy]);
        Assert.Equal(1f, horrorOnly[0][Horror], 3);
    }

    [Fact]
    public void Votes_that_know_the_genres_lift_a_text_model_that_does_not_and_the_weight_is_chosen_on_training()
    {
        var genres = Enumerable.Range(0, 40).Select(i => GenreSet.FromNames([i % 2 == 0 ? "Comedy" : "Horror"])).ToList();
        // The text model is noise; the votes are right.
        var random = new Random(3);
        List<float[]> Noise() => [.. genres.Select(_ => Enumerable.Range(0, GenreCatalog.Count).Select(_ => (float)random.NextDouble()).ToArray())];
        List<float[]> Right() => [.. genres.Select(g => Enumerable.Range(0, GenreCatalog.Count).Select(l => g.Contains(l) ? 1f : 0f).ToArray())];
        var figures = LiftEvaluation.Blend(Noise(), Right(), genres, Noise(), Right(), genres);
        Assert.Equal(0f, figures[0].Weight);
        Assert.InRange(figures[1].Weight, 0.1f, 0.6f);
        Assert.True(figures[1].TrainingMicroF1 > figures[0].TrainingMicroF1, string.Join("; ", figures));
        Assert.True(figures[1].TestMicroF1 > figures[0].TestMicroF1 + 0.3, string.Join("; ", figures));
    }
}
