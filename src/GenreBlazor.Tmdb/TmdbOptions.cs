namespace GenreBlazor.Tmdb;

/// <summary>How to reach The Movie Database (configuration section <c>TMDB</c>; keys from the environment, e.g. <c>TMDB__ApiKey</c>).</summary>
public sealed class TmdbOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "TMDB";

    /// <summary>The v3 API's base address.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.themoviedb.org/3");

    /// <summary>A v3 API key, sent as the <c>api_key</c> query parameter.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A v4 read access token, sent as <c>Authorization: Bearer</c> (used when set, instead of the key).</summary>
    public string? ReadToken { get; set; }

    /// <summary>Requests per second this client sends at most, retries included (TMDB allows about 50).</summary>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Retries of a request that got 429, a 5xx, or no answer in time.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay (doubled each retry, with jitter) when the answer names none.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> honoured; an answer asking for more ends the request.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait for a request, retries and their delays included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long requests are refused at once after most of them failed (the circuit breaker).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether a key or token is configured.</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(ReadToken) || !string.IsNullOrWhiteSpace(ApiKey);
}
