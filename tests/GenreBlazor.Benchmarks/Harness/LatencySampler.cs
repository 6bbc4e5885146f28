using System.Diagnostics;

namespace GenreBlazor.Benchmarks.Harness;

/// <summary>
/// How long to run a call before timing it. With tiered compilation, methods run as tier-0 code until they are
/// called 30 times after a 100 ms quiet period, then tier 1 is compiled in the background: a warm-up by time as well
/// as by count lets a long-running service's steady state be measured, not the JIT's.
/// </summary>
/// <param name="MinimumCalls">Calls at least.</param>
/// <param name="MinimumTime">Time at least.</param>
public sealed record WarmUp(int MinimumCalls, TimeSpan MinimumTime)
{
    /// <summary>200 calls and 2 s: ample for methods called once per request to reach tier 1.</summary>
    public static WarmUp Service { get; } = new(200, TimeSpan.FromSeconds(2));
}

/// <summary>Times calls one at a time with <see cref="Stopwatch"/> after a warm-up, collecting every call's time.</summary>
public static class LatencySampler
{
    /// <summary>
    /// Warms up with <paramref name="call"/>, collects garbage, then times <paramref name="samples"/> calls.
    /// The call receives the sample's index (callers cycle through their inputs with it).
    /// </summary>
    public static LatencySamples Measure(int samples, WarmUp warmUp, Action<int> call) =>
        Measure(samples, warmUp, index =>
        {
            var start = Stopwatch.GetTimestamp();
            call(index);
            return Stopwatch.GetElapsedTime(start);
        });

    /// <summary>
    /// As <see cref="Measure(int, WarmUp, Action{int})"/>, for calls that time themselves, so that per-call set-up
    /// (a fresh renderer, say) stays outside the figure.
    /// </summary>
    public static LatencySamples Measure(int samples, WarmUp warmUp, Func<int, TimeSpan> timedCall)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < warmUp.MinimumCalls || clock.Elapsed < warmUp.MinimumTime; i++)
        {
            timedCall(i);
        }
        // Start the timed loop on a clean heap, so garbage of the warm-up is not collected inside it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var milliseconds = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            milliseconds[i] = timedCall(i).TotalMilliseconds;
        }
        return new LatencySamples(milliseconds);
    }

    /// <summary>Wall time of one run of <paramref name="action"/>.</summary>
    public static TimeSpan Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start);
    }
}
