using GenreBlazor.Core.Explanations;

namespace GenreBlazor.Web.Explanations;

/// <summary>Who wrote an explanation.</summary>
public enum ExplanationSource
{
    /// <summary>The local explainer, from the evidence and the genre definitions.</summary>
    Local,
    /// <summary>Amazon Bedrock, checked before it was shown.</summary>
    Bedrock,
}

/// <summary>Why the local explainer wrote the text.</summary>
public enum LocalReason
{
    /// <summary>Bedrock is turned off in configuration.</summary>
    BedrockOff,
    /// <summary>No genre reached its threshold, so there was no choice for Bedrock to explain.</summary>
    NothingPredicted,
    /// <summary>Today's token budget is spent.</summary>
    BudgetSpent,
    /// <summary>Every Bedrock call slot of this server was taken and none freed in time, so no call was made.</summary>
    BedrockBusy,
    /// <summary>The call failed: an error answer, throttling, a timeout, a dropped connection, an unreadable or empty answer.</summary>
    BedrockFailed,
    /// <summary>Bedrock answered, but the answer failed the check (another genre, markup, length, a prompt leak).</summary>
    AnswerRejected,
}

/// <summary>An explanation of one classified plot, with who wrote it and the evidence it stands on.</summary>
/// <param name="Text">The explanation, plain text.</param>
/// <param name="Source">Who wrote it.</param>
/// <param name="BedrockModel">The Bedrock model id when Bedrock wrote it (or was asked), else null.</param>
/// <param name="Why">Why the local explainer wrote it; null when Bedrock did.</param>
/// <param name="Reason">The same in words, for the page, the API and the log; null when Bedrock wrote it.</param>
/// <param name="FromCache">Whether Bedrock's answer came from the cache (no call, no tokens).</param>
/// <param name="Tokens">Tokens this explanation spent (input + output); 0 for local and cached ones.</param>
/// <param name="Case">The decision and the evidence the text explains.</param>
public sealed record ExplanationResult(
    string Text,
    ExplanationSource Source,
    string? BedrockModel,
    LocalReason? Why,
    string? Reason,
    bool FromCache,
    long Tokens,
    ExplanationCase Case)
{
    /// <summary>The text model's evidence for every genre of the plot.</summary>
    public PlotEvidence Evidence => Case.Evidence;

    /// <summary>"bedrock" or "local", as the API spells it.</summary>
    public string SourceName => Source == ExplanationSource.Bedrock ? "bedrock" : "local";

    /// <summary>Whether Bedrock was wanted but the local explainer stood in (budget, no free call slot, failure, refused answer).</summary>
    public bool IsFallback => Why is LocalReason.BudgetSpent or LocalReason.BedrockBusy or LocalReason.BedrockFailed or LocalReason.AnswerRejected;
}
