using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace GenreBlazor.Tmdb;

/// <summary>Registers <see cref="TmdbClient"/> with its resilience pipeline.</summary>
public static class TmdbRegistration
{
    /// <summary>
    /// Binds <see cref="TmdbOptions"/> from section <c>TMDB</c> and registers the typed client. Its pipeline, outermost
    /// first: a total timeout; retries with exponential back-off and jitter on 429, 408, 5xx and timeouts, waiting what
    /// <c>Retry-After</c> asks (up to <see cref="TmdbOptions.MaxRetryAfter"/>); a token bucket of
    /// <see cref="TmdbOptions.RequestsPerSecond"/> for every attempt, retries included; a circuit breaker; a timeout per
    /// attempt. The factory's request logging is removed: it would write the <c>api_key</c> query parameter to the logs.
    /// </summary>
    public static IHttpClientBuilder AddTmdbClient(this IServiceCollection services, Action<TmdbOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<TmdbOptions>().BindConfiguration(TmdbOptions.SectionName)
            .Validate(o => o.BaseUrl.IsAbsoluteUri && o.BaseUrl.Scheme is "https" or "http", "TMDB:BaseUrl must be an absolute http(s) address.")
            .Validate(o => o.RequestsPerSecond > 0 && o.MaxRetries >= 0, "TMDB:RequestsPerSecond must be positive and TMDB:MaxRetries not negative.");
        if (configure is not null)
        {
            optionsBuilder.PostConfigure(configure);
        }

        var client = services.AddHttpClient<TmdbClient>((sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<TmdbOptions>>().Value.BaseUrl.AbsoluteUri;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            // The pipeline's timeouts bound every request; HttpClient's own would cut retries short.
            http.Timeout = Timeout.InfiniteTimeSpan;
        }).RemoveAllLoggers();

        client.AddResilienceHandler("tmdb", (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<TmdbOptions>>().Value;
            pipeline
                .AddTimeout(o.TotalTimeout)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(0, o.MaxRetries),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.RetryBaseDelay,
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, o.MaxRetryAfter)),
                })
                .AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.RequestsPerSecond,
                    TokensPerPeriod = o.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 10_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }))
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = o.BreakDuration,
                })
                .AddTimeout(o.AttemptTimeout);
        });
        return client;
    }

    /// <summary>
    /// The delay an answer asks for in <c>Retry-After</c> (seconds, or a date), or null for the usual back-off. A wait
    /// longer than <paramref name="longest"/> is not honoured: the request gives up rather than stall the ingest.
    /// </summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan longest)
    {
        if (response?.Headers.RetryAfter is not { } header)
        {
            return null;
        }
        var wait = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } delay)
        {
            return null;
        }
        if (delay < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }
        return delay <= longest ? delay : throw new HttpRequestException(
            $"TMDB asked to wait {delay.TotalSeconds:0} s before retrying, longer than the {longest.TotalSeconds:0} s this client waits.", null, HttpStatusCode.TooManyRequests);
    }
}
