using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Explanations;

/// <summary>One genre's decision and the plot's strongest evidence for and against it.</summary>
/// <param name="Label">Label index in <see cref="GenreCatalog"/>.</param>
/// <param name="Genre">Genre name.</param>
/// <param name="Probability">The probability the decision used.</param>
/// <param name="Threshold">The threshold the decision used.</param>
/// <param name="Predicted">Whether the probability reaches the threshold.</param>
/// <param name="Up">Words and phrases that pushed the genre up most, strongest first.</param>
/// <param name="Down">Words and phrases that pushed the genre down most, strongest first.</param>
public sealed record GenreEvidence(int Label, string Genre, float Probability, float Threshold, bool Predicted,
    IReadOnlyList<EvidenceItem> Up, IReadOnlyList<EvidenceItem> Down)
{
    /// <summary>Whether any word or phrase moved this genre noticeably.</summary>
    public bool HasEvidence => Up.Count + Down.Count > 0;
}

/// <summary>
/// Everything an explanation may say about one classified plot: the predicted genres (most probable first) with their
/// probabilities and thresholds, and for each the plot's strongest words and phrases up and down. Both explainers and
/// the answer check work from this one object, so neither can cite anything the model did not use.
/// </summary>
public sealed class ExplanationCase
{
    /// <summary>Pushes smaller than this (in logit units) are too small to cite.</summary>
    public const float CitablePush = 0.01f;

    private readonly IReadOnlyList<float> _probabilities;
    private readonly IReadOnlyList<float> _thresholds;

    private ExplanationCase(PlotEvidence evidence, IReadOnlyList<float> probabilities, IReadOnlyList<float> thresholds, int perGenre)
    {
        Evidence = evidence;
        PerGenre = perGenre;
        _probabilities = probabilities;
        _thresholds = thresholds;
        var byProbability = Enumerable.Range(0, GenreCatalog.Count)
            .OrderByDescending(label => probabilities[label]).ThenBy(label => label).ToList();
        Predicted = byProbability.Where(label => probabilities[label] >= thresholds[label]).Select(For).ToList();
        Closest = Predicted.Count > 0 ? Predicted[0] : For(byProbability[0]);
    }

    public PlotEvidence Evidence { get; }

    public string Plot => Evidence.Plot;

    /// <summary>Each genre's probability in the decision explained (catalog order).</summary>
    public IReadOnlyList<float> Probabilities => _probabilities;

    /// <summary>Each genre's threshold in the decision explained (catalog order).</summary>
    public IReadOnlyList<float> Thresholds => _thresholds;

    /// <summary>How many words or phrases are kept per genre and direction.</summary>
    public int PerGenre { get; }

    /// <summary>The predicted genres, most probable first; empty when none reaches its threshold.</summary>
    public IReadOnlyList<GenreEvidence> Predicted { get; }

    /// <summary>The most probable genre, predicted or not.</summary>
    public GenreEvidence Closest { get; }

    /// <summary>The genres an explanation talks about: the predicted ones, or the closest one when none is predicted.</summary>
    public IReadOnlyList<GenreEvidence> Discussed => Predicted.Count > 0 ? Predicted : [Closest];

    /// <summary>Whether any discussed genre was moved noticeably by a word or phrase of the plot.</summary>
    public bool HasEvidence => Discussed.Any(g => g.HasEvidence);

    /// <summary>The decision and evidence of any genre.</summary>
    public GenreEvidence For(int label) => new(label, GenreCatalog.All[label], _probabilities[label], _thresholds[label],
        _probabilities[label] >= _thresholds[label],
        Citable(Evidence.Strongest(label, PerGenre, up: true)),
        Citable(Evidence.Strongest(label, PerGenre, up: false)));

    /// <summary>
    /// The case of a plot: <paramref name="probabilities"/> and <paramref name="thresholds"/> are the decision shown to
    /// the person (19 values each, catalog order), <paramref name="evidence"/> the text model's split of its logits.
    /// </summary>
    public static ExplanationCase From(PlotEvidence evidence, IReadOnlyList<float> probabilities, IReadOnlyList<float> thresholds, int perGenre = 5)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (probabilities.Count != GenreCatalog.Count || thresholds.Count != GenreCatalog.Count)
        {
            throw new ArgumentException($"Probabilities and thresholds need one value per genre ({GenreCatalog.Count}).");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(perGenre, 1);
        return new ExplanationCase(evidence, probabilities, thresholds, perGenre);
    }

    private static List<EvidenceItem> Citable(IReadOnlyList<EvidenceItem> items) =>
        items.Where(i => MathF.Abs(i.Contribution) >= CitablePush).ToList();
}
