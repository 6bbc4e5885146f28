using GenreBlazor.Core.Explanations;

namespace GenreBlazor.Web.Explanations;

/// <summary>How explanations are made and remembered (section <c>Explanations</c>; Bedrock's own settings are in <c>Bedrock</c>).</summary>
public sealed class ExplanationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Explanations";

    /// <summary>
    /// How long a Bedrock answer is reused. The cache needs no entry cap: only paid calls fill it, so the daily token
    /// budget bounds it (about 300 answers a day at the default budget).
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many words or phrases per genre and direction an explanation may cite.</summary>
    public int EvidencePerGenre { get; set; } = 5;

    /// <summary>Longest Bedrock answer shown, in characters; longer ones are refused for the local explanation.</summary>
    public int MaxAnswerCharacters { get; set; } = AnswerLimits.Default.MaxCharacters;
}
