using System.Data.Common;

namespace GenreBlazor.Storage.Explanations;

/// <summary>One UTC day's explanation counts, as every replica sees them.</summary>
/// <param name="Day">The UTC day they belong to.</param>
/// <param name="InputTokens">Tokens Bedrock read (prompts).</param>
/// <param name="OutputTokens">Tokens Bedrock wrote (answers).</param>
/// <param name="TotalTokens">Tokens counted against the daily budget.</param>
/// <param name="ReservedTokens">Tokens held by calls under way (settled when each answers).</param>
/// <param name="BedrockCalls">Calls sent to Bedrock, whatever their outcome.</param>
/// <param name="BedrockAnswers">Bedrock answers shown (checked and accepted).</param>
/// <param name="Fallbacks">Times the local explanation stood in for Bedrock (budget spent, failure, refused answer).</param>
/// <param name="LocalOnly">Local explanations with no Bedrock wanted (Bedrock off, or no genre predicted).</param>
/// <param name="CacheHits">Bedrock answers reused from the cache.</param>
public sealed record UsageSnapshot(
    DateOnly Day,
    long InputTokens = 0,
    long OutputTokens = 0,
    long TotalTokens = 0,
    long ReservedTokens = 0,
    long BedrockCalls = 0,
    long BedrockAnswers = 0,
    long Fallbacks = 0,
    long LocalOnly = 0,
    long CacheHits = 0);

/// <summary>The counts of a day that are not tokens.</summary>
public enum UsageCount
{
    /// <summary>A Bedrock answer shown.</summary>
    BedrockAnswer,

    /// <summary>A local explanation instead of Bedrock's.</summary>
    Fallback,

    /// <summary>A local explanation with Bedrock not wanted.</summary>
    LocalOnly,

    /// <summary>A cached Bedrock answer reused.</summary>
    CacheHit,
}

/// <summary>Tokens held for one Bedrock call on <paramref name="Day"/>; give it back with <see cref="TokenLedger.SettleAsync"/>.</summary>
public sealed record TokenReservation(DateOnly Day, long Tokens);

/// <summary>
/// The daily explanation token budget in the store, shared by every replica. A call first reserves its estimated
/// tokens — granted only while the day's spent and reserved tokens are below the budget, in one conditional
/// <c>UPDATE</c>, so replicas racing for the last of the budget cannot all win — and settles with the tokens Bedrock
/// reports. The budget is crossed at most by the one call that was granted last, as on a single replica.
/// </summary>
public sealed class TokenLedger(AppStore store)
{
    private const string Columns =
        "day, input_tokens, output_tokens, total_tokens, reserved_tokens, bedrock_calls, bedrock_answers, fallbacks, local_only, cache_hits";

    /// <summary>The table: one row per UTC day.</summary>
    public static StoreSchema Schema { get; } = new("explanation-usage", _ =>
    [
        "CREATE TABLE explanation_usage (day TEXT PRIMARY KEY, input_tokens BIGINT NOT NULL DEFAULT 0, output_tokens BIGINT NOT NULL DEFAULT 0, " +
        "total_tokens BIGINT NOT NULL DEFAULT 0, reserved_tokens BIGINT NOT NULL DEFAULT 0, bedrock_calls BIGINT NOT NULL DEFAULT 0, " +
        "bedrock_answers BIGINT NOT NULL DEFAULT 0, fallbacks BIGINT NOT NULL DEFAULT 0, local_only BIGINT NOT NULL DEFAULT 0, cache_hits BIGINT NOT NULL DEFAULT 0)",
    ]);

    /// <summary>The counts of <paramref name="day"/> (zero when nothing happened yet).</summary>
    public async Task<UsageSnapshot> DayAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        (await store.QueryAsync($"SELECT {Columns} FROM explanation_usage WHERE day = @day", Read, cancellationToken, ("day", Key(day)))
            .ConfigureAwait(false)).SingleOrDefault() ?? new UsageSnapshot(day);

    /// <summary>
    /// Holds <paramref name="tokens"/> for a call on <paramref name="day"/> if the day's spent and reserved tokens are
    /// below <paramref name="budget"/> (a budget of 0 or less grants none); null when refused.
    /// </summary>
    public async Task<TokenReservation?> TryReserveAsync(DateOnly day, long tokens, long budget, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        await using var session = await store.BeginAsync(transaction: false, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync("INSERT INTO explanation_usage (day) VALUES (@day) ON CONFLICT (day) DO NOTHING", cancellationToken, ("day", Key(day)))
            .ConfigureAwait(false);
        // One statement: the check and the reservation cannot be separated by another replica's (PostgreSQL re-checks
        // the condition on the row it waited for; SQLite runs one writer at a time).
        var granted = await session.ScalarAsync<long?>(
            "UPDATE explanation_usage SET reserved_tokens = reserved_tokens + @tokens WHERE day = @day AND total_tokens + reserved_tokens < @budget RETURNING reserved_tokens",
            cancellationToken, ("day", Key(day)), ("tokens", tokens), ("budget", budget)).ConfigureAwait(false);
        return granted is null ? null : new TokenReservation(day, tokens);
    }

    /// <summary>Gives back a reservation and counts the call with the tokens it really used (0 when it failed unanswered).</summary>
    public async Task SettleAsync(TokenReservation reservation, long inputTokens, long outputTokens, long totalTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        await store.ExecuteAsync(
            "UPDATE explanation_usage SET reserved_tokens = reserved_tokens - @reserved, input_tokens = input_tokens + @input, " +
            "output_tokens = output_tokens + @output, total_tokens = total_tokens + @total, bedrock_calls = bedrock_calls + 1 WHERE day = @day",
            cancellationToken, ("day", Key(reservation.Day)), ("reserved", reservation.Tokens), ("input", inputTokens), ("output", outputTokens),
            ("total", totalTokens)).ConfigureAwait(false);
    }

    /// <summary>Adds one to a count of <paramref name="day"/>.</summary>
    public async Task CountAsync(DateOnly day, UsageCount count, CancellationToken cancellationToken = default)
    {
        var column = count switch
        {
            UsageCount.BedrockAnswer => "bedrock_answers",
            UsageCount.Fallback => "fallbacks",
            UsageCount.LocalOnly => "local_only",
            UsageCount.CacheHit => "cache_hits",
            _ => throw new ArgumentOutOfRangeException(nameof(count), count, null),
        };
        await store.ExecuteAsync(
            $"INSERT INTO explanation_usage (day, {column}) VALUES (@day, 1) ON CONFLICT (day) DO UPDATE SET {column} = explanation_usage.{column} + 1",
            cancellationToken, ("day", Key(day))).ConfigureAwait(false);
    }

    private static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static UsageSnapshot Read(DbDataReader row) => new(
        DateOnly.ParseExact(row.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        row.GetInt64(1), row.GetInt64(2), row.GetInt64(3), row.GetInt64(4), row.GetInt64(5), row.GetInt64(6), row.GetInt64(7), row.GetInt64(8), row.GetInt64(9));
}
