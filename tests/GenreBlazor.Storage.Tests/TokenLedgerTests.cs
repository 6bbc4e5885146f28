using GenreBlazor.Storage.Explanations;

namespace GenreBlazor.Storage.Tests;

public sealed class TokenLedgerTests(Stores stores) : IClassFixture<Stores>
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_replicas_racing_for_the_last_of_the_budget_are_granted_only_what_it_holds(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        await using var one = AppStore.Open(options, Path.GetTempPath());
        await using var other = AppStore.Open(options, Path.GetTempPath());
        await one.MigrateAsync([TokenLedger.Schema]);
        TokenLedger[] replicas = [new(one), new(other)];

        // 1,000 tokens, 400 held per call: grants at 0, 400 and 800 held, none at 1,200, whatever the order.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => replicas[i % 2].TryReserveAsync(Day, 400, budget: 1_000)));

        Assert.Equal(3, attempts.Count(a => a is not null));
        Assert.Equal(1_200, (await replicas[1].DayAsync(Day)).ReservedTokens);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Settling_gives_the_reservation_back_and_counts_what_was_used(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, TokenLedger.Schema);
        var ledger = new TokenLedger(store);
        var first = await ledger.TryReserveAsync(Day, 900, budget: 900);
        Assert.NotNull(first);
        Assert.Null(await ledger.TryReserveAsync(Day, 900, budget: 900)); // all 900 held: the second waits for the first

        await ledger.SettleAsync(first, inputTokens: 120, outputTokens: 30, totalTokens: 150);
        var second = await ledger.TryReserveAsync(Day, 900, budget: 900);
        Assert.NotNull(second);
        await ledger.SettleAsync(second, 0, 0, 0); // failed before answering: a call, no tokens

        var day = await ledger.DayAsync(Day);
        Assert.Equal(new UsageSnapshot(Day, InputTokens: 120, OutputTokens: 30, TotalTokens: 150, ReservedTokens: 0, BedrockCalls: 2), day);
        Assert.Equal(new UsageSnapshot(Day.AddDays(1)), await ledger.DayAsync(Day.AddDays(1)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_spent_budget_or_a_budget_of_zero_grants_nothing(StoreProvider provider)
    {
        await using var store = await stores.OpenAsync(provider, TokenLedger.Schema);
        var ledger = new TokenLedger(store);
        Assert.Null(await ledger.TryReserveAsync(Day, 1, budget: 0));
        var call = await ledger.TryReserveAsync(Day, 10, budget: 100);
        await ledger.SettleAsync(call!, 90, 20, 110);

        Assert.Null(await ledger.TryReserveAsync(Day, 10, budget: 100));
        Assert.NotNull(await ledger.TryReserveAsync(Day.AddDays(1), 10, budget: 100)); // a new UTC day starts at zero
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Counts_add_up_across_replicas(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        await using var one = AppStore.Open(options, Path.GetTempPath());
        await using var other = AppStore.Open(options, Path.GetTempPath());
        await one.MigrateAsync([TokenLedger.Schema]);
        var counts = new[] { UsageCount.BedrockAnswer, UsageCount.Fallback, UsageCount.Fallback, UsageCount.LocalOnly, UsageCount.CacheHit, UsageCount.CacheHit, UsageCount.CacheHit };

        await Task.WhenAll(counts.Select((c, i) => new TokenLedger(i % 2 == 0 ? one : other).CountAsync(Day, c)));

        Assert.Equal(new UsageSnapshot(Day, BedrockAnswers: 1, Fallbacks: 2, LocalOnly: 1, CacheHits: 3), await new TokenLedger(one).DayAsync(Day));
    }
}
