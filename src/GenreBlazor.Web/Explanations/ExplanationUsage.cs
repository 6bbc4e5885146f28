using System.Text;
using GenreBlazor.Storage;
using GenreBlazor.Storage.Explanations;
using Microsoft.Extensions.AI;

namespace GenreBlazor.Web.Explanations;

/// <summary>
/// What explanations cost today (UTC), counted in the store's <see cref="TokenLedger"/>, so a restart does not reset
/// the daily token budget and every replica spends the same one. Tokens come from each Bedrock response's usage.
/// </summary>
public sealed class ExplanationUsage(TokenLedger ledger, AppStore store, TimeProvider time)
{
    /// <summary>Which database keeps the counts, for the Model page (never its path or host).</summary>
    public string Where => store.Dialect.Name;

    /// <summary>Today's counts (a new day starts at zero).</summary>
    public Task<UsageSnapshot> TodayAsync(CancellationToken cancellationToken = default) => ledger.DayAsync(Today(), cancellationToken);

    /// <summary>
    /// Holds tokens for one call of <paramref name="messages"/> answering in at most <paramref name="maxOutputTokens"/>,
    /// if today's budget is not yet spent; null when it is.
    /// </summary>
    public Task<TokenReservation?> TryReserveAsync(IEnumerable<ChatMessage> messages, int? maxOutputTokens, long dailyBudget, CancellationToken cancellationToken = default) =>
        ledger.TryReserveAsync(Today(), Estimate(messages, maxOutputTokens), dailyBudget, cancellationToken);

    /// <summary>Settles a reservation with the tokens the response reports (none when the call failed before answering).</summary>
    public Task SettleAsync(TokenReservation reservation, UsageDetails? usage)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        // Not the caller's cancellation: a call that went out is counted whatever happens to the page that asked.
        return ledger.SettleAsync(reservation, input, output, usage?.TotalTokenCount ?? input + output, CancellationToken.None);
    }

    /// <summary>Adds one to today's <paramref name="count"/>.</summary>
    public Task CountAsync(UsageCount count) => ledger.CountAsync(Today(), count, CancellationToken.None);

    // A generous guess of the tokens a call may use (English runs about four characters a token): what a replica holds
    // back from the others while its call is under way.
    private static long Estimate(IEnumerable<ChatMessage> messages, int? maxOutputTokens) =>
        messages.Sum(m => Encoding.UTF8.GetByteCount(m.Text ?? "")) / 3 + Math.Max(0, maxOutputTokens ?? 0);

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
