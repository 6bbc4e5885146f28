namespace GenreBlazor.Vision.Posters.Head;

/// <summary>How the poster head is trained (defaults: the settings chosen in docs/decisions/0021).</summary>
/// <param name="Network">The network's shape and training.</param>
/// <param name="Folds">Folds whose out-of-fold probabilities tune the thresholds.</param>
/// <param name="Members">Networks with different seeds whose probabilities are averaged.</param>
/// <param name="MacroWeight">Weight of macro-F1 (against micro-F1) when tuning thresholds.</param>
public sealed record PosterHeadOptions(PosterMlpOptions? Network = null, int Folds = 5, int Members = 3, double MacroWeight = 0.5)
{
    public PosterMlpOptions NetworkOrDefault => Network ?? new PosterMlpOptions();
}

/// <summary>A trained head and the out-of-fold probabilities its thresholds were tuned on (for reports).</summary>
/// <param name="Head">The head, fitted on every training row.</param>
/// <param name="OutOfFoldProbabilities">Row i's probabilities from the fold model that did not see it.</param>
public sealed record PosterHeadTraining(PosterGenreHead Head, float[][] OutOfFoldProbabilities);

/// <summary>
/// Trains the poster head: k-fold networks give out-of-fold probabilities for every training row, thresholds are tuned
/// on them with <see cref="BalancedThresholdTuner"/>, then the final networks are fitted on all rows. Pass the train
/// and validation parts together: the folds replace a separate validation part.
/// </summary>
public static class PosterHeadTrainer
{
    /// <summary>
    /// Trains on raw feature vectors (<paramref name="features"/>, from one extractor version) and their labels
    /// (<paramref name="targets"/>[i][l]). Row i belongs to fold i mod <see cref="PosterHeadOptions.Folds"/>.
    /// <paramref name="progress"/> hears a short line per step.
    /// </summary>
    public static PosterHeadTraining Train(IReadOnlyList<float[]> features, IReadOnlyList<bool[]> targets, int labels, string featureVersion,
        PosterHeadOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentException.ThrowIfNullOrEmpty(featureVersion);
        options ??= new PosterHeadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Folds, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Members, 1);
        if (features.Count != targets.Count || features.Count < options.Folds)
        {
            throw new ArgumentException($"{features.Count} feature rows and {targets.Count} target rows: they must match and number at least {options.Folds}.", nameof(targets));
        }

        var outOfFold = new float[features.Count][];
        for (var fold = 0; fold < options.Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fit = Enumerable.Range(0, features.Count).Where(i => i % options.Folds != fold).ToList();
            var held = Enumerable.Range(0, features.Count).Where(i => i % options.Folds == fold).ToList();
            var (standardizer, members) = Fit(features, targets, labels, fit, options, cancellationToken);
            var foldHead = new PosterGenreHead(featureVersion, standardizer, members, new float[labels]);
            foreach (var i in held)
            {
                outOfFold[i] = foldHead.Probabilities(features[i]);
            }

            progress?.Report($"fold {fold + 1}/{options.Folds} done");
        }

        var thresholds = BalancedThresholdTuner.Tune(outOfFold, targets, labels, options.MacroWeight);
        progress?.Report("thresholds tuned on out-of-fold probabilities");
        var (finalStandardizer, finalMembers) = Fit(features, targets, labels, Enumerable.Range(0, features.Count).ToList(), options, cancellationToken);
        progress?.Report("final networks fitted on all rows");
        return new PosterHeadTraining(new PosterGenreHead(featureVersion, finalStandardizer, finalMembers, thresholds), outOfFold);
    }

    private static (FeatureStandardizer, IReadOnlyList<PosterMlp>) Fit(IReadOnlyList<float[]> features, IReadOnlyList<bool[]> targets, int labels,
        IReadOnlyList<int> rows, PosterHeadOptions options, CancellationToken cancellationToken)
    {
        var standardizer = FeatureStandardizer.Fit(rows.Select(i => features[i]).ToList());
        var inputs = rows.Select(i => standardizer.Apply(features[i])).ToList();
        var rowTargets = rows.Select(i => targets[i]).ToList();
        var network = options.NetworkOrDefault;
        var members = new List<PosterMlp>();
        for (var m = 0; m < options.Members; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            members.Add(PosterMlp.Train(inputs, rowTargets, labels, network with { Seed = network.Seed + m }));
        }

        return (standardizer, members);
    }
}
