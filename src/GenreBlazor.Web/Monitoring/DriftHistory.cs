using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Monitoring;

/// <summary>The drift window as it stood at one sampling.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="Version">The model version the window measured.</param>
/// <param name="Observations">Predictions in the window.</param>
/// <param name="Judged">Whether the window was full enough to judge (<see cref="MonitoringOptions.DriftMinObservations"/>).</param>
/// <param name="Psi">PSI per genre, catalog order.</param>
public sealed record DriftSample(DateTimeOffset At, string Version, int Observations, bool Judged, IReadOnlyList<double> Psi);

/// <summary>
/// Drift per genre over time for the Operations page: the window's PSI sampled every
/// <see cref="MonitoringOptions.DriftSampleInterval"/> (a minute), the last <see cref="MonitoringOptions.TimelineMinutes"/>
/// samples, in this process's memory (like <see cref="OperationsTimeline"/>; a scraper of the drift gauges keeps the long
/// history). An empty window (no prediction since start or since a swap) is not sampled.
/// </summary>
public sealed class DriftHistory(PredictionDrift drift, IOptions<MonitoringOptions> options, TimeProvider clock) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Queue<DriftSample> _samples = new();

    /// <summary>The samples, oldest first.</summary>
    public IReadOnlyList<DriftSample> Samples()
    {
        lock (_gate)
        {
            return [.. _samples];
        }
    }

    /// <summary>Samples the window now.</summary>
    public void Sample()
    {
        var report = drift.Report();
        if (report.Observations == 0 || drift.Version is not { } version)
        {
            return;
        }
        var sample = new DriftSample(clock.GetUtcNow(), version, report.Observations, report.Judged, report.Genres.Select(g => g.Psi).ToArray());
        lock (_gate)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > options.Value.TimelineMinutes)
            {
                _samples.Dequeue();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DriftSampleInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sample();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }
}
