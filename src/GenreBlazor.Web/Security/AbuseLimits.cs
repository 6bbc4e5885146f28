using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Security;

/// <summary>
/// The API's rate limits, on ASP.NET Core's rate limiter: every request to <c>/api/*</c> spends a token of its client's
/// bucket, a poster upload or an explanation also one of a smaller bucket, and an operator sign-in one of its client's
/// and one of the server's. A client is its remote address (an IPv6 client its /64 network, which one host can fill
/// with addresses), as <c>ForwardedHeaders</c> gives it from known proxies only. Refused requests get 429 with
/// <c>Retry-After</c> as problem details; the pages and their circuit are not limited here (see <see cref="CircuitQuota"/>).
/// </summary>
public static class AbuseLimits
{
    private const string NoLimit = "";

    internal static void Configure(RateLimiterOptions limiter, LimitOptions limits)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = RejectAsync;
        if (!limits.Enabled)
        {
            return;
        }
        var general = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Request.Path.StartsWithSegments("/api")
                ? RateLimitPartition.GetTokenBucketLimiter("api " + Client(context), _ => Bucket(limits.Api))
                : RateLimitPartition.GetNoLimiter(NoLimit));
        var costly = PartitionedRateLimiter.Create<HttpContext, string>(context => Kind(context) switch
        {
            "poster" => RateLimitPartition.GetTokenBucketLimiter("poster " + Client(context), _ => Bucket(limits.Posters)),
            "explain" => RateLimitPartition.GetTokenBucketLimiter("explain " + Client(context), _ => Bucket(limits.Explanations)),
            "sign-in" => RateLimitPartition.GetTokenBucketLimiter("sign-in " + Client(context), _ => Bucket(limits.SignInPerClient)),
            _ => RateLimitPartition.GetNoLimiter(NoLimit),
        });
        var signInTotal = PartitionedRateLimiter.Create<HttpContext, string>(context => Kind(context) == "sign-in"
            ? RateLimitPartition.GetTokenBucketLimiter("sign-in", _ => Bucket(limits.SignInTotal))
            : RateLimitPartition.GetNoLimiter(NoLimit));
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(general, costly, signInTotal);
    }

    /// <summary>The client a request counts against: its address, an IPv6 one cut to its /64 network.</summary>
    public static string Client(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    internal static TokenBucketRateLimiterOptions Bucket(BucketOptions bucket) => new()
    {
        TokenLimit = Math.Max(1, bucket.TokenLimit),
        TokensPerPeriod = Math.Max(1, bucket.TokensPerPeriod),
        ReplenishmentPeriod = bucket.Period > TimeSpan.Zero ? bucket.Period : TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string? Kind(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method))
        {
            if (request.Path.Equals("/api/predict", StringComparison.OrdinalIgnoreCase)
                && (request.ContentType ?? "").StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                return "poster";
            }
            if (request.Path.Equals("/api/explain", StringComparison.OrdinalIgnoreCase))
            {
                return "explain";
            }
            if (request.Path.Equals("/operator/sign-in", StringComparison.OrdinalIgnoreCase))
            {
                return "sign-in";
            }
        }
        return null;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var what = Kind(context) switch
        {
            "poster" => "poster uploads",
            "explain" => "explanations",
            "sign-in" => "operator sign-in attempts",
            _ => "requests",
        };
        if (Kind(context) == "sign-in")
        {
            // The Operator page's form: back to the page, which says why.
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/operator?problem=too-many-attempts";
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client has sent more {what} than this public server allows; try again in {seconds} s.",
            },
        });
    }

    /// <summary>Registers the limits from <see cref="LimitOptions"/>.</summary>
    internal static IServiceCollection AddAbuseLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.SectionName);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitOptions>>((limiter, limits) => Configure(limiter, limits.Value));
        services.AddScoped<CircuitQuota>();
        return services;
    }
}
