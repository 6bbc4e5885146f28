using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace GenreBlazor.Web.Security;

/// <summary>
/// Every error of <c>/api/*</c> as <c>application/problem+json</c>: an unknown path (404) and a wrong method (405, with
/// the allowed ones) say so, a request the server could not read (a broken chunked body) gets Kestrel's 4xx with its
/// reason, and anything unforeseen a 500 that names only the request's trace id — never an HTML page, a server path
/// or a stack trace. The pages keep their own error and not-found pages.
/// </summary>
public static class ApiErrors
{
    /// <summary>Whether the request is the API's (its errors are problem details, not pages).</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    internal static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsApi(context) && !context.Response.HasStarted)
        {
            await AnswerAsync(context, e);
        }
    }

    // Past the pages' status-code middleware: it leaves the API's answers alone (this one's own instance is disabled).
    internal static Task WithoutErrorPages(HttpContext context, RequestDelegate next)
    {
        if (IsApi(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        return next(context);
    }

    /// <summary>Answers an exception of an API request as problem details (<see cref="IExceptionHandler"/> for the pages' handler).</summary>
    internal sealed class Handler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsApi(httpContext))
            {
                return false;
            }
            await AnswerAsync(httpContext, exception);
            return true;
        }
    }

    private static async Task AnswerAsync(HttpContext context, Exception e)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is nobody to answer.
            return;
        }
        var (status, title, detail) = e switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request cannot be read", $"The request cannot be read: {bad.Message}"),
            // Kestrel reports some broken chunked framings (a chunk size past 2^31) as an IOException of the body.
            IOException io => (StatusCodes.Status400BadRequest, "The request cannot be read", $"The request cannot be read: {io.Message}"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", $"The server could not answer this request; it is logged under '{context.TraceIdentifier}'."),
        };
        if (status >= StatusCodes.Status500InternalServerError)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrors))
                .LogError(e, "Unexpected error answering {Method} {Path} ({TraceId})", context.Request.Method, context.Request.Path, context.TraceIdentifier);
        }
        context.Response.Clear();
        await WriteAsync(context, status, title, detail);
    }

    // Bodiless 4xx answers the routing and the framework give (no such endpoint, wrong method) get a problem body.
    internal static Task StatusAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var path = context.Request.Path.Value;
        var code = context.Response.StatusCode;
        if (code is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed && AllowedMethods(context) is { Count: > 0 } allowed)
        {
            // A page endpoint may answer a GET of an API address with 404; the address exists, the method does not.
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return WriteAsync(context, 405, "Method not allowed", $"{context.Request.Method} is not allowed on {path}; allowed: {string.Join(", ", allowed)}.");
        }
        return code == StatusCodes.Status404NotFound
            ? WriteAsync(context, 404, "Not found", $"There is no API endpoint at {path}; the endpoints are described at /openapi/v1.json.")
            : WriteAsync(context, code, null, null);
    }

    // The methods of the API endpoints whose route matches the request's path.
    private static List<string> AllowedMethods(HttpContext context)
    {
        var path = context.Request.Path;
        return context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api", StringComparison.OrdinalIgnoreCase)
                && new TemplateMatcher(TemplateParser.Parse(raw), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Where(m => !HttpMethods.Equals(m, context.Request.Method))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task WriteAsync(HttpContext context, int status, string? title, string? detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
