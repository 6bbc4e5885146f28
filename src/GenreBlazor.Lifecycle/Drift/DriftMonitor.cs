using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Lifecycle.Drift;

/// <summary>The usual population-stability bands.</summary>
public enum DriftLevel
{
    /// <summary>PSI under 0.1: no real change.</summary>
    Stable,

    /// <summary>PSI 0.1–0.25: a moderate shift, worth a look.</summary>
    Watch,

    /// <summary>PSI of 0.25 or more: the population changed; the model may no longer fit it.</summary>
    Alert,
}

/// <summary>What the model saw in training, as drift compares against it.</summary>
/// <param name="GenreShares">Share of held-out movies predicted with each genre, in genre order.</param>
/// <param name="LengthShares">Share of held-out plots in each <see cref="DriftMonitor.LengthBins"/> bin.</param>
public sealed record DriftReference(IReadOnlyList<double> GenreShares, IReadOnlyList<double> LengthShares)
{
    /// <summary>The reference of a bundle: its text model's held-out predictions at its tuned thresholds.</summary>
    public static DriftReference FromBundle(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var items = bundle.LoadTestPredictions().Items;
        var thresholds = bundle.TextThresholds;
        var shares = Enumerable.Range(0, GenreCatalog.Count).Select(l => items.Count(i => i.Scores[l] >= thresholds[l]) / (double)Math.Max(1, items.Count)).ToList();
        var lengths = new double[DriftMonitor.LengthBins.Count + 1];
        foreach (var item in items)
        {
            lengths[DriftMonitor.LengthBin(item.Overview.Length)]++;
        }
        return new DriftReference(shares, lengths.Select(c => c / Math.Max(1, items.Count)).ToList());
    }
}

/// <summary>One genre's drift: its predicted share in the window against the reference.</summary>
public sealed record GenreDrift(string Genre, double ReferenceShare, double WindowShare, double Psi, DriftLevel Level);

/// <summary>The window's drift: per genre, and of the input (plot length, share of words the model never saw).</summary>
/// <param name="Observations">Predictions in the window.</param>
/// <param name="Judged">Whether the window is full enough (<see cref="DriftMonitor.MinObservations"/>) to judge; levels are Stable until it is.</param>
/// <param name="Genres">Per genre.</param>
/// <param name="PlotLengthPsi">PSI of the plot-length distribution.</param>
/// <param name="PlotLengthLevel">Its band.</param>
/// <param name="OutOfVocabularyShare">Mean share of a plot's words outside the model's vocabulary, in the window.</param>
public sealed record DriftReport(int Observations, bool Judged, IReadOnlyList<GenreDrift> Genres, double PlotLengthPsi, DriftLevel PlotLengthLevel, double OutOfVocabularyShare);

/// <summary>
/// Prediction and input drift over a sliding window of the last <see cref="WindowSize"/> predictions: per genre, the
/// population stability index of "predicted / not predicted" against the reference (PSI = Σ (a − e)·ln(a / e) over
/// both outcomes, shares floored at 0.0001 so an empty bin does not give infinity), banded 0.1 / 0.25; the same for the
/// plot-length histogram. Thread-safe: requests observe concurrently.
/// </summary>
public sealed class DriftMonitor(DriftReference reference, int windowSize = 500, int minObservations = 100)
{
    /// <summary>Upper bounds (characters) of the plot-length bins; the last bin is open.</summary>
    public static IReadOnlyList<int> LengthBins { get; } = [80, 160, 320, 640, 1280];

    private readonly Queue<(GenreSet Genres, int LengthBin, double Oov)> _window = new();
    private readonly int[] _genreCounts = new int[GenreCatalog.Count];
    private readonly int[] _lengthCounts = new int[LengthBins.Count + 1];
    private readonly Lock _gate = new();
    private double _oovSum;

    /// <summary>The window's length.</summary>
    public int WindowSize => windowSize;

    /// <summary>The fewest predictions judged.</summary>
    public int MinObservations => minObservations;

    /// <summary>The bin of a plot length.</summary>
    public static int LengthBin(int length)
    {
        for (var b = 0; b < LengthBins.Count; b++)
        {
            if (length <= LengthBins[b])
            {
                return b;
            }
        }
        return LengthBins.Count;
    }

    /// <summary>Adds one prediction: the genres predicted, the plot's length, and the share of its words the model does not know.</summary>
    public void Observe(GenreSet predicted, int plotLength, double outOfVocabularyShare)
    {
        var entry = (predicted, LengthBin(plotLength), outOfVocabularyShare);
        lock (_gate)
        {
            _window.Enqueue(entry);
            Count(entry, +1);
            if (_window.Count > windowSize)
            {
                Count(_window.Dequeue(), -1);
            }
        }
    }

    /// <summary>The drift of the window now.</summary>
    public DriftReport Report()
    {
        int n;
        int[] genres, lengths;
        double oov;
        lock (_gate)
        {
            n = _window.Count;
            genres = [.. _genreCounts];
            lengths = [.. _lengthCounts];
            oov = n == 0 ? 0 : _oovSum / n;
        }
        var judged = n >= minObservations;
        var perGenre = GenreCatalog.All.Select((g, l) =>
        {
            var share = n == 0 ? 0 : genres[l] / (double)n;
            var psi = Psi([reference.GenreShares[l], 1 - reference.GenreShares[l]], [share, 1 - share]);
            return new GenreDrift(g, reference.GenreShares[l], share, psi, judged ? Band(psi) : DriftLevel.Stable);
        }).ToList();
        var lengthPsi = Psi(reference.LengthShares, lengths.Select(c => n == 0 ? 0 : c / (double)n).ToList());
        return new DriftReport(n, judged, perGenre, lengthPsi, judged ? Band(lengthPsi) : DriftLevel.Stable, oov);
    }

    /// <summary>The band of a PSI value.</summary>
    public static DriftLevel Band(double psi) => psi >= 0.25 ? DriftLevel.Alert : psi >= 0.1 ? DriftLevel.Watch : DriftLevel.Stable;

    /// <summary>The population stability index of <paramref name="actual"/> against <paramref name="expected"/> (shares of the same bins).</summary>
    public static double Psi(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        const double floor = 1e-4;
        var psi = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = Math.Max(floor, expected[i]);
            var a = Math.Max(floor, actual[i]);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    private void Count((GenreSet Genres, int LengthBin, double Oov) entry, int sign)
    {
        for (var l = 0; l < GenreCatalog.Count; l++)
        {
            if (entry.Genres.Contains(l))
            {
                _genreCounts[l] += sign;
            }
        }
        _lengthCounts[entry.LengthBin] += sign;
        _oovSum += sign * entry.Oov;
    }
}

/// <summary>Input drift of one plot: how much of it the model cannot read.</summary>
public static class PlotVocabulary
{
    /// <summary>
    /// The share of a plot's content words (stop words left out, as the model leaves them out) that are not in the
    /// model's word vocabulary; 0 for a plot without content words.
    /// </summary>
    public static double OutOfVocabularyShare(GenreBlazor.Core.Text.Vocabulary words, string plot)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(plot);
        var normalized = GenreBlazor.Core.Text.TextNormalizer.Normalize(plot);
        var tokens = new List<GenreBlazor.Core.Text.Token>();
        GenreBlazor.Core.Text.Tokenizer.Tokenize(normalized, tokens);
        int content = 0, unknown = 0;
        foreach (var token in tokens)
        {
            var word = token.In(normalized);
            if (GenreBlazor.Core.Text.StopWords.IsStopWord(word))
            {
                continue;
            }
            content++;
            if (words.IndexOf(word) < 0)
            {
                unknown++;
            }
        }
        return content == 0 ? 0 : unknown / (double)content;
    }
}
