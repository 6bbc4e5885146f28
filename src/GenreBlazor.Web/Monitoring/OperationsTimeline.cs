using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Monitoring;

/// <summary>One minute of predictions on the Operations page.</summary>
/// <param name="Minute">Start of the minute (UTC).</param>
/// <param name="Predictions">Predictions in it.</param>
/// <param name="MeanMilliseconds">Mean model time of a prediction.</param>
/// <param name="MaxMilliseconds">Slowest prediction.</param>
public sealed record TimelineMinute(DateTimeOffset Minute, int Predictions, double MeanMilliseconds, double MaxMilliseconds);

/// <summary>
/// Invocations and latency per minute, kept in this process's memory for the Operations page (the same measurements
/// <see cref="GenreMetrics"/> exports; a scraper keeps the long history). The last <see cref="MonitoringOptions.TimelineMinutes"/> minutes.
/// </summary>
public sealed class OperationsTimeline(IOptions<MonitoringOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(DateTimeOffset Minute, int Count, double Sum, double Max)> _minutes = new();

    /// <summary>Adds one prediction that took <paramref name="elapsed"/>.</summary>
    public void Add(TimeSpan elapsed)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var ms = elapsed.TotalMilliseconds;
        lock (_gate)
        {
            if (_minutes.Last is { } last && last.Value.Minute == minute)
            {
                last.Value = (minute, last.Value.Count + 1, last.Value.Sum + ms, Math.Max(last.Value.Max, ms));
            }
            else
            {
                _minutes.AddLast((minute, 1, ms, ms));
            }
            while (_minutes.First is { } first && first.Value.Minute < minute.AddMinutes(-options.Value.TimelineMinutes))
            {
                _minutes.RemoveFirst();
            }
        }
    }

    /// <summary>The minutes that had predictions, oldest first.</summary>
    public IReadOnlyList<TimelineMinute> Minutes()
    {
        lock (_gate)
        {
            return _minutes.Select(m => new TimelineMinute(m.Minute, m.Count, m.Sum / m.Count, m.Max)).ToList();
        }
    }
}
