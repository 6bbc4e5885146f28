using System.Globalization;
using System.Net;
using GenreBlazor.Bedrock;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Storage.Explanations;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Explanations;

/// <summary>
/// Explains a classified plot. With a chat client (Bedrock enabled) it asks the model, checks the answer and counts its
/// tokens against the daily budget; the chat pipeline caches answers (<see cref="ExplanationAnswerCache"/>). In every
/// other situation — Bedrock off, no genre predicted, budget spent, any fault of the call, an answer that fails the
/// check — it returns the local explanation, says why, and writes one log line for each fallback. It never throws for a
/// Bedrock problem; only the caller's own cancellation ends a call early. Scoped: one per request or circuit; its state
/// lives in singletons. The chat client is null when Bedrock is off.
/// </summary>
public sealed class ExplanationService(
    GenreModelHost models,
    GenreDefinitions definitions,
    IOptions<BedrockOptions> bedrockOptions,
    IOptions<ExplanationOptions> options,
    ExplanationUsage usage,
    ILogger<ExplanationService> logger,
    IChatClient? chat = null,
    Monitoring.GenreMetrics? metrics = null)
{
    /// <summary>Whether explanations are asked of Bedrock.</summary>
    public bool BedrockEnabled => chat is not null;

    /// <summary>The configured Bedrock model id.</summary>
    public string BedrockModel => bedrockOptions.Value.ModelId;

    /// <summary>The text model's evidence for every genre of a plot (for highlighting; no outside call).</summary>
    public PlotEvidence Evidence(string plot) => EvidenceExtractor.Extract(models.Current.Bundle.Text, plot);

    /// <summary>The decision and evidence an explanation of <paramref name="classification"/> talks about.</summary>
    public ExplanationCase Case(PlotEvidence evidence, Classification classification) =>
        ExplanationCase.From(evidence, classification.Scores.Probabilities, classification.Thresholds, Math.Max(1, options.Value.EvidencePerGenre));

    /// <summary>Explains why <paramref name="classification"/> chose its genres for <paramref name="plot"/>.</summary>
    /// <param name="plot">The plot that was classified.</param>
    /// <param name="classification">The decision shown to the person (probabilities and thresholds).</param>
    /// <param name="evidence">The plot's evidence when the caller has it already; computed when null.</param>
    /// <param name="cancellationToken">The caller's cancellation (a new plot, a closed page); the only way this throws.</param>
    public async Task<ExplanationResult> ExplainAsync(string plot, Classification classification, PlotEvidence? evidence = null,
        CancellationToken cancellationToken = default)
    {
        var result = await ExplainOnceAsync(plot, classification, evidence, cancellationToken).ConfigureAwait(false);
        metrics?.Explanation(result);
        return result;
    }

    private async Task<ExplanationResult> ExplainOnceAsync(string plot, Classification classification, PlotEvidence? evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(classification);
        var bedrock = bedrockOptions.Value;
        // Beside the client's own timeout (Polly's, from the start of the call) this one counts from here: the person
        // waits for the evidence and the prompt too, and a cold first call must not push the answer past the timeout.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bedrock.Timeout);
        var explanationCase = Case(evidence ?? Evidence(plot), classification);
        if (chat is null)
        {
            return await LocalOnlyAsync(explanationCase, LocalReason.BedrockOff, "Bedrock is off").ConfigureAwait(false);
        }
        if (explanationCase.Predicted.Count == 0)
        {
            return await LocalOnlyAsync(explanationCase, LocalReason.NothingPredicted, "no genre reached its threshold, so there was no choice for Bedrock to explain").ConfigureAwait(false);
        }

        var prompt = ExplanationPrompt.Build(explanationCase, definitions);
        ChatMessage[] messages = [new(ChatRole.System, prompt.System), new(ChatRole.User, prompt.User)];
        var chatOptions = ExplanationAnswerCache.WithQuestion(
            new ChatOptions { ModelId = bedrock.ModelId, MaxOutputTokens = bedrock.MaxTokens, Temperature = bedrock.Temperature },
            classification.ModelVersion, bedrock.ModelId, plot, classification.Thresholds);
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(messages, chatOptions, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TokenBudgetSpentException e)
        {
            return await FallbackAsync(explanationCase, LocalReason.BudgetSpent, e.Message, bedrock.ModelId).ConfigureAwait(false);
        }
        catch (BedrockBusyException e)
        {
            return await FallbackAsync(explanationCase, LocalReason.BedrockBusy, e.Message, bedrock.ModelId).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return await FallbackAsync(explanationCase, LocalReason.BedrockFailed, $"Bedrock failed: {Describe(e, bedrock)}", bedrock.ModelId).ConfigureAwait(false);
        }

        // Calls and their tokens are counted by the pipeline's budget stage; a cached answer made no call.
        var fromCache = ExplanationAnswerCache.IsFromCache(response);
        var tokens = 0L;
        if (fromCache)
        {
            await usage.CountAsync(UsageCount.CacheHit).ConfigureAwait(false);
        }
        else
        {
            tokens = response.Usage?.TotalTokenCount ?? (response.Usage?.InputTokenCount ?? 0) + (response.Usage?.OutputTokenCount ?? 0);
        }
        var limits = AnswerLimits.Default with { MaxCharacters = options.Value.MaxAnswerCharacters };
        var verdict = AnswerCheck.Check(response.Text, explanationCase, prompt, limits);
        if (!verdict.Accepted)
        {
            if (chat.GetService<ExplanationAnswerCache>() is { } answerCache)
            {
                await answerCache.ForgetAsync(messages, chatOptions, CancellationToken.None).ConfigureAwait(false);
            }
            return await FallbackAsync(explanationCase, LocalReason.AnswerRejected, $"Bedrock's answer was not shown: {verdict.Problem}", bedrock.ModelId).ConfigureAwait(false);
        }

        if (!fromCache)
        {
            await usage.CountAsync(UsageCount.BedrockAnswer).ConfigureAwait(false);
        }
        return new ExplanationResult(verdict.Text, ExplanationSource.Bedrock, response.ModelId ?? bedrock.ModelId, null, null, fromCache, tokens, explanationCase);
    }

    private async Task<ExplanationResult> LocalOnlyAsync(ExplanationCase explanationCase, LocalReason why, string reason)
    {
        await usage.CountAsync(UsageCount.LocalOnly).ConfigureAwait(false);
        return new ExplanationResult(LocalExplainer.Explain(explanationCase, definitions), ExplanationSource.Local, null, why, reason,
            FromCache: false, Tokens: 0, explanationCase);
    }

    private async Task<ExplanationResult> FallbackAsync(ExplanationCase explanationCase, LocalReason why, string reason, string bedrockModel)
    {
        await usage.CountAsync(UsageCount.Fallback).ConfigureAwait(false);
        logger.LogWarning("Explanation written by the local explainer instead of Bedrock ({Model}): {Reason}", bedrockModel, reason);
        return new ExplanationResult(LocalExplainer.Explain(explanationCase, definitions), ExplanationSource.Local, bedrockModel, why, reason,
            FromCache: false, Tokens: 0, explanationCase);
    }

    /// <summary>A fault in a few words: AWS's error type and status, or what went wrong without an answer.</summary>
    private static string Describe(Exception error, BedrockOptions bedrock) => error switch
    {
        BedrockException { ErrorType: BedrockErrorTypes.Timeout } =>
            FormattableString.Invariant($"no answer within the {bedrock.Timeout.TotalSeconds:0.###} s timeout"),
        BedrockException { StatusCode: HttpStatusCode status } e =>
            $"{e.ErrorType} ({(int)status}){(e.StatusCode == HttpStatusCode.TooManyRequests ? $", still throttled after {bedrock.MaxRetries} retries" : "")}",
        BedrockException e => $"{e.ErrorType}: {e.Message}",
        OperationCanceledException => FormattableString.Invariant($"no answer within the {bedrock.Timeout.TotalSeconds:0.###} s timeout"),
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
