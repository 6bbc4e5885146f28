using Cronos;

namespace GenreBlazor.Lifecycle.Retraining;

/// <summary>A parsed <see cref="RetrainingOptions.Schedule"/>: the next run after an instant, in UTC.</summary>
public sealed class RetrainingSchedule
{
    private readonly CronExpression? _cron;

    private RetrainingSchedule(CronExpression? cron, string? problem)
    {
        _cron = cron;
        Problem = problem;
    }

    /// <summary>Why the expression was refused, or null.</summary>
    public string? Problem { get; }

    public static RetrainingSchedule Parse(string expression)
    {
        try
        {
            return new RetrainingSchedule(CronExpression.Parse(expression, CronFormat.Standard), null);
        }
        catch (CronFormatException e)
        {
            return new RetrainingSchedule(null, $"Retraining:Schedule '{expression}' is not a cron expression of five fields (minute hour day month weekday), e.g. '0 3 * * *': {e.Message}");
        }
    }

    /// <summary>The first run strictly after <paramref name="after"/>, or null when the expression never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        (_cron ?? throw new InvalidOperationException(Problem)).GetNextOccurrence(after.UtcDateTime, TimeZoneInfo.Utc) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;
}
