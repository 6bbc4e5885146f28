using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Security;

/// <summary>
/// One page's (Blazor circuit's) quota of classifications and explanations: a circuit's work does not pass through the
/// HTTP rate limiter, so the Classify page asks here first and, when refused, tells the visitor how long to wait.
/// Scoped: a circuit has its own.
/// </summary>
public sealed class CircuitQuota(IOptions<LimitOptions> options) : IDisposable
{
    private readonly TokenBucketRateLimiter? classify = options.Value.Enabled ? new(AbuseLimits.Bucket(options.Value.CircuitClassify)) : null;
    private readonly TokenBucketRateLimiter? explain = options.Value.Enabled ? new(AbuseLimits.Bucket(options.Value.CircuitExplain)) : null;

    /// <summary>Null when one more classification may run now; else what to tell the visitor.</summary>
    public string? TakeClassification() => Take(classify, "classifications");

    /// <summary>Null when one more explanation may be asked for now; else what to tell the visitor.</summary>
    public string? TakeExplanation() => Take(explain, "explanations");

    private static string? Take(TokenBucketRateLimiter? bucket, string what)
    {
        if (bucket is null)
        {
            return null;
        }
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return null;
        }
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        return $"This page has asked for many {what} in a short time; please wait {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s before the next one.";
    }

    public void Dispose()
    {
        classify?.Dispose();
        explain?.Dispose();
    }
}
