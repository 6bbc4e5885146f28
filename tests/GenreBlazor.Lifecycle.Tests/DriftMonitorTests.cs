using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Lifecycle.Drift;

namespace GenreBlazor.Lifecycle.Tests;

public sealed class DriftMonitorTests(TrainedBundles bundles) : IClassFixture<TrainedBundles>
{
    private static readonly int Horror = GenreCatalog.IndexOf("Horror");
    private static readonly int Romance = GenreCatalog.IndexOf("Romance");
    private static readonly int Western = GenreCatalog.IndexOf("Western");

    // A stream drawn like the reference: genre shares and plot lengths as the bundle's held-out part has them.
    private static void Feed(DriftMonitor monitor, DriftReference reference, int count, int seed, double horrorBoost = 1)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var set = GenreSet.Empty;
            for (var l = 0; l < GenreCatalog.Count; l++)
            {
                var share = l == Horror ? Math.Min(1, reference.GenreShares[l] * horrorBoost) : reference.GenreShares[l];
                if (random.NextDouble() < share)
                {
                    set = set.With(l);
                }
            }
            var bin = Pick(reference.LengthShares, random.NextDouble());
            var length = bin == 0 ? 60 : bin < DriftMonitor.LengthBins.Count ? DriftMonitor.LengthBins[bin] - 5 : 2000;
            monitor.Observe(set, length, 0.05);
        }
    }

    private static int Pick(IReadOnlyList<double> shares, double u)
    {
        for (var b = 0; b < shares.Count; b++)
        {
            u -= shares[b];
            if (u < 0)
            {
                return b;
            }
        }
        return shares.Count - 1;
    }

    [Fact]
    public void A_stream_like_the_training_reference_raises_no_alert_and_a_shifted_one_does_for_the_shifted_genre()
    {
        var reference = DriftReference.FromBundle(ModelBundle.Load(bundles.Good));
        Assert.InRange(reference.GenreShares[Horror] + reference.GenreShares[Romance] + reference.GenreShares[Western], 0.8, 1.3);

        var same = new DriftMonitor(reference, windowSize: 1000);
        Feed(same, reference, 3000, seed: 1);
        var calm = same.Report();

        Assert.Equal(1000, calm.Observations);
        Assert.True(calm.Judged);
        Assert.All(calm.Genres, g => Assert.Equal(DriftLevel.Stable, g.Level));
        Assert.Equal(DriftLevel.Stable, calm.PlotLengthLevel);
        Assert.Equal(0.05, calm.OutOfVocabularyShare, 6);

        var shifted = new DriftMonitor(reference, windowSize: 1000);
        Feed(shifted, reference, 3000, seed: 2, horrorBoost: 2.5);
        var alarmed = shifted.Report();

        var horror = alarmed.Genres[Horror];
        Assert.Equal(DriftLevel.Alert, horror.Level);
        Assert.True(horror.WindowShare > 2 * horror.ReferenceShare);
        Assert.Equal(DriftLevel.Stable, alarmed.Genres[Romance].Level);
    }

    [Fact]
    public void The_window_slides_and_too_few_predictions_are_not_judged()
    {
        var reference = new DriftReference([.. Enumerable.Repeat(0.1, GenreCatalog.Count)], [0.2, 0.2, 0.2, 0.2, 0.1, 0.1]);
        var monitor = new DriftMonitor(reference, windowSize: 200, minObservations: 100);
        for (var i = 0; i < 50; i++)
        {
            monitor.Observe(GenreSet.Empty.With(Horror), 3000, 0.5);
        }
        var early = monitor.Report();
        Assert.False(early.Judged);
        Assert.All(early.Genres, g => Assert.Equal(DriftLevel.Stable, g.Level));
        Assert.True(early.Genres[Horror].Psi > 0.25); // measured, but not yet an alert

        for (var i = 0; i < 300; i++)
        {
            monitor.Observe(GenreSet.Empty.With(Horror), 3000, 0.5);
        }
        var late = monitor.Report();
        Assert.Equal((200, true, DriftLevel.Alert, DriftLevel.Alert), (late.Observations, late.Judged, late.Genres[Horror].Level, late.PlotLengthLevel));
        Assert.Equal(0.5, late.OutOfVocabularyShare, 6);
        Assert.Equal(DriftLevel.Watch, DriftMonitor.Band(0.1));
        Assert.Equal(0, DriftMonitor.Psi([0.3, 0.7], [0.3, 0.7]), 9);
    }

    [Fact]
    public void Out_of_vocabulary_share_counts_the_content_words_the_model_never_saw()
    {
        var words = ModelBundle.Load(bundles.Good).Text.Vectorizer.Words;

        Assert.Equal(0, PlotVocabulary.OutOfVocabularyShare(words, "A ghost haunted the sheriff."));
        Assert.Equal(1, PlotVocabulary.OutOfVocabularyShare(words, "Quantum xylophones serenade zebras."));
        Assert.Equal(0.5, PlotVocabulary.OutOfVocabularyShare(words, "The ghost, the xylophone."), 6);
        Assert.Equal(0, PlotVocabulary.OutOfVocabularyShare(words, "the of and"));
    }
}
