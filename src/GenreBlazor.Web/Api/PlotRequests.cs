using System.Text.Json;
using GenreBlazor.Core.Thresholds;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;

namespace GenreBlazor.Web.Api;

/// <summary>A plot and/or poster read from a request, or the problem answer that explains why it could not be read.</summary>
/// <param name="Plot">The plot, if one was sent.</param>
/// <param name="Poster">The poster file's bytes, if one was sent (multipart only).</param>
/// <param name="Problem">An RFC 7807 answer when the request cannot be used.</param>
/// <param name="Profile">The caller's own threshold profile, if one was sent: it decides this answer only.</param>
public sealed record PlotRequest(string? Plot, byte[]? Poster, IResult? Problem, ThresholdProfile? Profile = null);

/// <summary>
/// Reads the body of the API's plot endpoints: JSON <c>{"plot": "…"}</c>, or (where posters are accepted)
/// multipart/form-data with a <c>plot</c> field and/or a <c>poster</c> file. Every refusal is a problem-details answer
/// with a precise status: 413 over the size limits, 415 for other content types, 400 for bodies that cannot be read.
/// </summary>
public static class PlotRequests
{
    /// <summary>Reads the request.</summary>
    public static async Task<PlotRequest> ReadAsync(HttpRequest request, int maxJsonBytes, int? maxPosterBytes, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadJsonAsync(request, maxJsonBytes, cancellationToken);
        }
        if (maxPosterBytes is { } posterLimit && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, maxJsonBytes, posterLimit, cancellationToken);
        }
        var accepted = maxPosterBytes is null ? "application/json" : "application/json or multipart/form-data (plot and/or poster)";
        return Fail(Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
            detail: $"Send {accepted}, e.g. {{\"plot\": \"…\"}}; got '{(contentType.Length == 0 ? "none" : contentType)}'."));
    }

    private static async Task<PlotRequest> ReadJsonAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await RequestBodies.ReadUtf8Async(request, limit, cancellationToken);
        if (unreadable is not null)
        {
            return Fail(unreadable);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && TryGetPlot(document.RootElement, out var plot))
            {
                var profile = document.RootElement.TryGetProperty("profile", out var own) && own.ValueKind != JsonValueKind.Null
                    ? ThresholdProfile.Parse(own.GetRawText(), "The request's \"profile\"")
                    : null;
                return new PlotRequest(plot, null, null, profile);
            }
        }
        catch (JsonException e)
        {
            return Fail(BadRequest($"The body is not valid JSON: {e.Message}"));
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to turn an escaped lone surrogate ("\ud800") into a .NET string.
            return Fail(BadRequest(RequestBodies.LoneSurrogate));
        }
        catch (ThresholdProfileException e)
        {
            return Fail(BadRequest(e.Message, "The profile cannot be used"));
        }
        return Fail(BadRequest("The body must be a JSON object with a string field \"plot\", e.g. {\"plot\": \"A retired hitman…\"}."));
    }

    private static async Task<PlotRequest> ReadMultipartAsync(HttpRequest request, int plotLimit, int posterLimit, CancellationToken cancellationToken)
    {
        // Refuse oversized uploads before reading them (a 30 MB poster never reaches memory).
        if (request.ContentLength > posterLimit + plotLimit)
        {
            return Fail(TooLarge($"The upload is over {(posterLimit + plotLimit) / 1048576.0:0.#} MB; a poster may have at most {posterLimit / 1048576.0:0.#} MB."));
        }
        // A chunked upload has no length to refuse up front: the server stops reading it at the same limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = posterLimit + plotLimit + 64 * 1024;
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(FormLimits(plotLimit), cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return Fail(e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? TooLarge("The upload is too large.")
                : BadRequest($"The multipart body cannot be read: {e.Message}"));
        }
        var plot = form.TryGetValue("plot", out var values) ? values.ToString() : null;
        if (plot is { Length: > 0 } && plot.Length > plotLimit)
        {
            return Fail(TooLarge($"The plot field is over {plotLimit:N0} characters."));
        }
        byte[]? poster = null;
        if (form.Files.GetFile("poster") is { } file)
        {
            if (file.Length > posterLimit)
            {
                return Fail(TooLarge($"The poster is {file.Length / 1048576.0:0.#} MB; the limit is {posterLimit / 1048576.0:0.#} MB."));
            }
            poster = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(poster, cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(plot) && poster is null)
        {
            return Fail(BadRequest("Send a \"plot\" field, a \"poster\" file, or both."));
        }
        ThresholdProfile? profile = null;
        if (form.TryGetValue("profile", out var own) && own.ToString() is { Length: > 0 } json)
        {
            try
            {
                profile = ThresholdProfile.Parse(json, "The request's \"profile\" field");
            }
            catch (Exception e) when (e is ThresholdProfileException or InvalidOperationException)
            {
                return Fail(BadRequest(e is ThresholdProfileException ? e.Message : RequestBodies.LoneSurrogate, "The profile cannot be used"));
            }
        }
        return new PlotRequest(plot, poster, null, profile);
    }

    private static bool TryGetPlot(JsonElement root, out string? plot)
    {
        plot = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Equals("plot", StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return false;
                }
                plot = property.Value.GetString();
                return true;
            }
        }
        return false;
    }

    // A plot endpoint's form has a plot, a poster and a profile: a form of thousands of parts is refused early.
    private static FormOptions FormLimits(int plotLimit) => new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = plotLimit * 4 + 64 * 1024,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4096,
        MultipartBoundaryLengthLimit = 128,
    };

    private static PlotRequest Fail(IResult problem) => new(null, null, problem);

    /// <summary>
    /// Describes, for the OpenAPI document, a body this class reads by hand (JSON of <paramref name="jsonBody"/>, and a
    /// multipart form with plot and poster when <paramref name="acceptsPoster"/>), and the problem answers it may give.
    /// </summary>
    public static RouteHandlerBuilder AcceptsPlotBody(this RouteHandlerBuilder endpoint, Type jsonBody, bool acceptsPoster) => endpoint
        .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(jsonBody, null, cancellationToken) },
            };
            if (acceptsPoster)
            {
                content["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["plot"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["poster"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                    },
                };
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = acceptsPoster
                    ? "The plot as JSON, or a multipart form with a \"plot\" field and/or a \"poster\" file (JPEG or PNG)."
                    : "The plot, as JSON.",
                Content = content,
            };
        })
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>A 400 problem answer.</summary>
    public static IResult BadRequest(string detail, string title = "The request cannot be classified") =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    /// <summary>A 413 problem answer.</summary>
    public static IResult TooLarge(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large", detail: detail);
}
