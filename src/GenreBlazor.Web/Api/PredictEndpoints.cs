using GenreBlazor.Core.Genres;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;
using GenreBlazor.Imaging;

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
            .WithDescription("Every genre's probability, the top 3 and the genres predicted at the active thresholds — from the plot, the poster, or both fused (\"model\" says which; \"models\" has each model's own answer). Errors are RFC 7807 problem details.")
            // The body is read by hand (for precise 400/413/415 answers); the document still describes it.
            .AcceptsPlotBody(typeof(PredictRequest), acceptsPoster: true)
            .Produces<PredictResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> PredictAsync(HttpRequest request, MovieClassifier classifier, IOptions<ClassifyOptions> options, CancellationToken cancellationToken)
    {
        var input = await PlotRequests.ReadAsync(request, options.Value.MaxRequestBytes, classifier.AcceptsPosters ? options.Value.MaxPosterBytes : null, cancellationToken);
        if (input.Problem is { } refused)
        {
            return refused;
        }
        if (classifier.Problem(input.Plot, input.Poster is not null) is { } problem)
        {
            return PlotRequests.BadRequest(problem);
        }
        var settings = new ThresholdSettings(Profile: input.Profile);
        try
        {
            var result = input.Poster is { } poster
                ? await classifier.ClassifyEncodedAsync(input.Plot, poster, settings, Monitoring.PredictionEndpoint.Predict, cancellationToken)
                : classifier.Classify(input.Plot, null, settings, Monitoring.PredictionEndpoint.Predict);
            // With the context's own type info the serializer takes the generated fast path; through the HTTP options'
            // resolver chain it walks the generated metadata converter by converter.
            return TypedResults.Json(ToResponse(result), PredictJsonContext.Default.PredictResponse);
        }
        catch (ImageDecodeException e)
        {
            return e.Kind switch
            {
                ImageErrorKind.TooLarge => PlotRequests.TooLarge(e.Message),
                ImageErrorKind.Busy => Busy(request.HttpContext, e.Message),
                _ => PlotRequests.BadRequest(e.Message, "The poster cannot be read"),
            };
        }
    }

    // Every decode slot stayed busy: nothing is wrong with the request, so the client is told when to send it again.
    private static IResult Busy(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "1";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The server is busy decoding other posters", detail: detail);
    }

    /// <summary>
    /// The API's view of a movie classification: the deciding result first, then — when more than one model answered —
    /// each model's own. With one model, <c>models</c> would repeat the answer: it doubled the bytes and the
    /// serialization time of every plain plot prediction (decision 0080).
    /// </summary>
    public static PredictResponse ToResponse(MovieClassification movie)
    {
        var primary = ToResponse(movie.Primary) with { Model = movie.Primary.Model };
        var results = movie.Results().ToList();
        return results.Count == 1 ? primary : primary with { Models = results.ToDictionary(r => r.Model, r => ToResponse(r.Result) with { Models = null }) };
    }

    /// <summary>The API's view of a classification.</summary>
    public static PredictResponse ToResponse(Classification result) => new(
        result.ModelVersion,
        result.Lines().Select(l => new PredictedGenre(l.Genre, l.Probability, l.Threshold, l.Predicted)).ToList(),
        result.Top3.Select(l => GenreCatalog.All[l]).ToList(),
        result.Predicted.Names().ToList(),
        result.Profile,
        result.Model);
}
