using System.Globalization;
using GenreBlazor.Lifecycle.Retraining;

namespace GenreBlazor.Lifecycle.Tests;

public sealed class RetrainingScheduleTests
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Fact]
    public void A_cron_expression_gives_the_next_run_in_utc_and_a_bad_one_is_refused_with_an_example()
    {
        var nightly = RetrainingSchedule.Parse("0 3 * * *");
        var bad = RetrainingSchedule.Parse("every night");

        Assert.Null(nightly.Problem);
        Assert.Equal(At("2026-12-02T03:00:00Z"), nightly.Next(At("2026-12-01T05:00:00Z")));
        Assert.Equal(At("2026-12-03T03:00:00Z"), nightly.Next(At("2026-12-02T03:00:00Z"))); // strictly after
        Assert.Contains("'0 3 * * *'", bad.Problem);
        Assert.Throws<InvalidOperationException>(() => bad.Next(At("2026-12-01T00:00:00Z")));
        Assert.Equal(bad.Problem, new RetrainingOptions { Schedule = "every night" }.Problem());
        Assert.Null(new RetrainingOptions { Schedule = "" }.Problem());
        Assert.NotNull(new RetrainingOptions { Lease = TimeSpan.FromSeconds(3), Heartbeat = TimeSpan.FromSeconds(2) }.Problem());
        Assert.NotNull(new RetrainingOptions { PromoteMargin = -0.1 }.Problem());
    }
}
