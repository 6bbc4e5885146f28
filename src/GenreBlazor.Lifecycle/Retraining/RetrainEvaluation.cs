using System.Globalization;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;

namespace GenreBlazor.Lifecycle.Retraining;

/// <summary>One genre's F1 under the champion and the challenger, on the same rows.</summary>
public sealed record GenreScores(int Support, double Champion, double Challenger);

/// <summary>The champion and the challenger on one set of rows (named for where they come from), each at its own tuned thresholds.</summary>
public sealed record SetScores(string Name, int Rows, double ChampionMicroF1, double ChallengerMicroF1, double ChampionMacroF1, double ChallengerMacroF1,
    IReadOnlyDictionary<string, GenreScores> Genres)
{
    public double Delta => ChallengerMicroF1 - ChampionMicroF1;
}

/// <summary>The two evaluations of a retraining job: the fixed held-out set (what the policy judges) and the newest data's test part.</summary>
public sealed record RetrainEvaluation(string Champion, string Challenger, SetScores HeldOut, SetScores Newest);

/// <summary>What the promotion policy said.</summary>
public sealed record PromotionDecision(bool Passes, string Reason);

/// <summary>Scores bundles on held-out rows and applies the retraining promotion policy.</summary>
public static class RetrainScoring
{
    /// <summary>A held-out row: its split key, plot and genres.</summary>
    public sealed record HeldOutRow(string SplitKey, string Overview, GenreSet Genres);

    /// <summary>
    /// The held-out rows of <paramref name="path"/>: a bundle folder's test part, or a movies CSV's test part. Only
    /// rows of the test part count, so no model trained by the same split has seen one (the split is by key, whatever file).
    /// </summary>
    public static IReadOnlyList<HeldOutRow> LoadHeldOut(string path)
    {
        if (Directory.Exists(path))
        {
            return Rows(ModelBundle.Load(path).LoadTestPredictions());
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The held-out set {path} is neither a bundle folder nor a movies CSV (Retraining:HeldOut, --heldout).");
        }
        return MovieCsvReader.Read(path).Movies.Where(m => DatasetSplit.PartOf(m.SplitKey) == SplitPart.Test)
            .Select(m => new HeldOutRow(m.SplitKey, m.Overview, m.Genres)).ToList();
    }

    /// <summary>A bundle's own test part as held-out rows.</summary>
    public static IReadOnlyList<HeldOutRow> Rows(TestPredictions predictions) =>
        predictions.Items.Select(i => new HeldOutRow(i.ImdbId.Length > 0 ? i.ImdbId : i.Id, i.Overview, GenreSet.FromNames(i.Genres)))
            .Where(r => DatasetSplit.PartOf(r.SplitKey) == SplitPart.Test).ToList();

    /// <summary>Both bundles' text models on <paramref name="rows"/>.</summary>
    public static SetScores Score(string name, IReadOnlyList<HeldOutRow> rows, ModelBundle champion, ModelBundle challenger)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"The {name} set has no row in the test part to score.");
        }
        var plots = rows.Select(r => r.Overview).ToList();
        var truth = rows.Select(r => r.Genres).ToList();
        var a = MultiLabelMetrics.Compute(truth, champion.Text.ScoreMany(plots), champion.TextThresholds);
        var b = MultiLabelMetrics.Compute(truth, challenger.Text.ScoreMany(plots), challenger.TextThresholds);
        var genres = GenreCatalog.All.Select((g, l) => (g, new GenreScores(a.PerGenre[l].Support, Math.Round(a.PerGenre[l].F1, 4), Math.Round(b.PerGenre[l].F1, 4))))
            .ToDictionary(p => p.g, p => p.Item2, StringComparer.Ordinal);
        return new SetScores(name, rows.Count, Math.Round(a.MicroF1, 4), Math.Round(b.MicroF1, 4), Math.Round(a.MacroF1, 4), Math.Round(b.MacroF1, 4), genres);
    }

    /// <summary>
    /// The policy: the challenger's micro-F1 on the fixed held-out set beats the champion's by at least
    /// <paramref name="margin"/>, and no genre with held-out support loses more than <paramref name="floor"/> F1.
    /// </summary>
    public static PromotionDecision Judge(SetScores heldOut, double margin, double floor)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var f = CultureInfo.InvariantCulture;
        if (heldOut.Delta < margin)
        {
            return new PromotionDecision(false, string.Create(f,
                $"micro-F1 {heldOut.ChallengerMicroF1:F4} against the champion's {heldOut.ChampionMicroF1:F4} on {heldOut.Rows:N0} held-out movies: {heldOut.Delta:+0.0000;-0.0000}, less than the margin {margin:F4}"));
        }
        var worst = heldOut.Genres.Where(g => g.Value.Support > 0).OrderBy(g => g.Value.Challenger - g.Value.Champion).First();
        var drop = worst.Value.Champion - worst.Value.Challenger;
        return drop > floor
            ? new PromotionDecision(false, string.Create(f, $"{worst.Key} F1 drops {drop:F4} ({worst.Value.Champion:F4} → {worst.Value.Challenger:F4}), more than the floor {floor:F4}"))
            : new PromotionDecision(true, string.Create(f,
                $"micro-F1 {heldOut.Delta:+0.0000} over the champion on {heldOut.Rows:N0} held-out movies (margin {margin:F4}); no genre drops more than {floor:F4} F1"));
    }
}
