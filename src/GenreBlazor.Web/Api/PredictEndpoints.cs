using System.Text.Json;
using GenreBlazor.Core.Genres;
using GenreBlazor.Web.Models;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace GenreBlazor.Web.Api;

/// <summary><c>POST /api/predict</c>: classify a plot for other programs.</summary>
public static class PredictEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapPredict(this RouteGroupBuilder api)
    {
        api.MapPost("/predict", PredictAsync)
            .WithName("Predict")
            .WithSummary("Genres of a plot")
            .WithDescription("Every genre's probability, the top 3 and the genres predicted at the active thresholds. Errors are RFC 7807 problem details.")
            // The body is read by hand (for precise 400/413/415 answers); the document still describes it.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The plot, as JSON.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(PredictRequest), null, cancellationToken) },
                    },
                };
            })
            .Produces<PredictResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static async Task<IResult> PredictAsync(HttpRequest request, PlotClassifier classifier, IOptions<ClassifyOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: $"Send the plot as JSON, Content-Type: application/json, e.g. {{\"plot\": \"…\"}}; got '{request.ContentType ?? "none"}'.");
        }
        var body = await ReadLimitedAsync(request.Body, limit, cancellationToken);
        if (body is null)
        {
            return TooLarge(limit);
        }

        string? plot;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !TryGetPlot(document.RootElement, out plot))
            {
                return BadRequest("The body must be a JSON object with a string field \"plot\", e.g. {\"plot\": \"A retired hitman…\"}.");
            }
        }
        catch (JsonException e)
        {
            return BadRequest($"The body is not valid JSON: {e.Message}");
        }

        if (classifier.Problem(plot) is { } problem)
        {
            return BadRequest(problem);
        }
        var result = classifier.Classify(plot);
        return Results.Ok(ToResponse(result));
    }

    /// <summary>The API's view of a classification.</summary>
    public static PredictResponse ToResponse(Classification result) => new(
        result.ModelVersion,
        result.Lines().Select(l => new PredictedGenre(l.Genre, l.Probability, l.Threshold, l.Predicted)).ToList(),
        result.Top3.Select(l => GenreCatalog.All[l]).ToList(),
        result.Predicted.Names().ToList(),
        result.Profile);

    private static bool TryGetPlot(JsonElement root, out string? plot)
    {
        plot = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("plot") || property.Name.Equals("plot", StringComparison.OrdinalIgnoreCase))
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

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The plot cannot be classified", detail: detail);

    private static IResult TooLarge(int limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
            detail: $"The request body is over {limit:N0} bytes; a plot may have at most the configured number of characters.");
}
