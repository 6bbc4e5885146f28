using System.Globalization;
using Microsoft.Extensions.AI;

namespace GenreBlazor.Web.Explanations;

/// <summary>Thrown instead of calling the model when today's token budget is spent.</summary>
public sealed class TokenBudgetSpentException(long budget)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"today's Bedrock token budget ({budget:N0} tokens) is spent"))
{
    /// <summary>The daily budget that was reached.</summary>
    public long Budget { get; } = budget;
}

/// <summary>
/// The stage of the explanation chat pipeline just before the model: it reserves the call's tokens in the shared
/// ledger (refused once today's budget is spent, across replicas) and settles with the tokens the response reports.
/// It sits inside the cache, so an answer served from the cache costs nothing and counts as no call.
/// </summary>
public sealed class TokenBudgetChatClient(IChatClient innerClient, ExplanationUsage usage, Func<long> dailyBudget) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var budget = dailyBudget();
        var reservation = await usage.TryReserveAsync(list, options?.MaxOutputTokens, budget, cancellationToken).ConfigureAwait(false)
            ?? throw new TokenBudgetSpentException(budget);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await usage.SettleAsync(reservation, null).ConfigureAwait(false);
            throw;
        }
        await usage.SettleAsync(reservation, response.Usage).ConfigureAwait(false);
        return response;
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Explanations do not stream: the whole answer is checked before it is shown.");
}
