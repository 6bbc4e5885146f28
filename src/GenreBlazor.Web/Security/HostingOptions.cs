namespace GenreBlazor.Web.Security;

/// <summary>How the app sits on the network when it is hosted in public (section <c>Hosting</c>).</summary>
public sealed class HostingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Hosting";

    /// <summary>
    /// Whether clients reach the app over TLS (directly or through a proxy that says so in <c>X-Forwarded-Proto</c>):
    /// then plain HTTP is redirected to HTTPS and responses carry <c>Strict-Transport-Security</c>.
    /// </summary>
    public bool BehindTls { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed. Anyone else's are ignored:
    /// otherwise a client could name any address and so pick its own rate-limit bucket.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR form (<c>10.0.0.0/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>A token bucket: <see cref="TokenLimit"/> requests at once, refilled by <see cref="TokensPerPeriod"/> every <see cref="Period"/>.</summary>
public sealed class BucketOptions
{
    /// <summary>Largest burst.</summary>
    public int TokenLimit { get; set; }

    /// <summary>Tokens added each period.</summary>
    public int TokensPerPeriod { get; set; }

    /// <summary>The refill period.</summary>
    public TimeSpan Period { get; set; }

    internal static BucketOptions Of(int limit, int perPeriod, TimeSpan period) => new() { TokenLimit = limit, TokensPerPeriod = perPeriod, Period = period };
}

/// <summary>
/// Abuse limits of a public page (section <c>Limits</c>): per-client token buckets on the API, lower ones for posters
/// and explanations, sign-in attempts per client and for the whole server, and per-circuit quotas on the pages.
/// </summary>
public sealed class LimitOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Limits";

    /// <summary>Off only for tests and benchmarks that measure the app itself.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every <c>/api/*</c> request of one client.</summary>
    public BucketOptions Api { get; set; } = BucketOptions.Of(60, 20, TimeSpan.FromSeconds(10));

    /// <summary><c>/api/predict</c> with a poster (a decode and a backbone run each), per client.</summary>
    public BucketOptions Posters { get; set; } = BucketOptions.Of(10, 2, TimeSpan.FromSeconds(10));

    /// <summary><c>/api/explain</c> (may call Bedrock), per client.</summary>
    public BucketOptions Explanations { get; set; } = BucketOptions.Of(10, 5, TimeSpan.FromMinutes(1));

    /// <summary>Operator sign-in attempts of one client.</summary>
    public BucketOptions SignInPerClient { get; set; } = BucketOptions.Of(5, 1, TimeSpan.FromMinutes(1));

    /// <summary>Operator sign-in attempts of all clients together (a guesser with many addresses).</summary>
    public BucketOptions SignInTotal { get; set; } = BucketOptions.Of(30, 10, TimeSpan.FromMinutes(1));

    /// <summary>Classifications of one page (circuit) on the Classify page.</summary>
    public BucketOptions CircuitClassify { get; set; } = BucketOptions.Of(30, 10, TimeSpan.FromSeconds(10));

    /// <summary>Explanations of one page (circuit).</summary>
    public BucketOptions CircuitExplain { get; set; } = BucketOptions.Of(10, 5, TimeSpan.FromMinutes(1));
}
