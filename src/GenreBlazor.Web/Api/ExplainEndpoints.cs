using System.Text.Json;
using System.Text.Json.Nodes;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Web.Explanations;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Api;

/// <summary><c>POST /api/explain</c>: why the model chose a plot's genres, with the evidence and who wrote the text.</summary>
public static class ExplainEndpoints
{
    // Case-sensitive on purpose: "Genre"/"genres" and "Explanation"/"explanation" must stay separate keys.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNameCaseInsensitive = false };

    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapExplain(this RouteGroupBuilder api)
    {
        api.MapPost("/explain", ExplainAsync)
            .WithName("Explain")
            .WithSummary("Why a plot got its genres")
            .WithDescription("Classifies the plot at the active thresholds and explains the predicted genres in two or three sentences — by Amazon Bedrock when it is on, else (or on any Bedrock fault) by the local explainer; \"source\" says which. \"evidence\" lists each explained genre's strongest words and phrases with their pushes. The answer also carries the seed system's \"Genre\" and \"Explanation\" fields. Errors are RFC 7807 problem details.")
            // The body is read by hand (for precise 400/413/415 answers); the document still describes it.
            .AcceptsPlotBody(typeof(ExplainRequest), acceptsPoster: false)
            .Produces<ExplainResponse>();
        return api;
    }

    private static async Task<IResult> ExplainAsync(HttpRequest request, PlotClassifier classifier, ExplanationService explanations,
        IOptions<ClassifyOptions> options, CancellationToken cancellationToken)
    {
        var input = await PlotRequests.ReadAsync(request, options.Value.MaxRequestBytes, maxPosterBytes: null, cancellationToken);
        if (input.Problem is { } refused)
        {
            return refused;
        }
        if (classifier.Problem(input.Plot) is { } problem)
        {
            return PlotRequests.BadRequest(problem, "The plot cannot be explained");
        }
        var plot = input.Plot!;
        var classification = classifier.Classify(plot, new ThresholdSettings(Profile: input.Profile));
        var explanation = await explanations.ExplainAsync(plot, classification, cancellationToken: cancellationToken);
        return Results.Content(WithSeedFields(ToResponse(explanation, classification)).ToJsonString(Json), "application/json");
    }

    /// <summary>The API's view of an explanation.</summary>
    public static ExplainResponse ToResponse(ExplanationResult explanation, Classification classification)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(classification);
        var c = explanation.Case;
        return new ExplainResponse(
            classification.ModelVersion,
            c.Predicted.Select(g => new PredictedGenre(g.Genre, g.Probability, g.Threshold, true)).ToList(),
            explanation.Text,
            explanation.SourceName,
            explanation.BedrockModel,
            explanation.Reason,
            explanation.FromCache,
            c.Discussed.ToDictionary(g => g.Genre, g => new GenreEvidenceEntry(g.Probability, g.Threshold, g.Predicted, Entries(g.Up), Entries(g.Down))),
            classification.Profile);
    }

    /// <summary>
    /// The response as JSON plus the seed's <c>"Genre"</c> and <c>"Explanation"</c>. They differ from <c>"genres"</c> and
    /// <c>"explanation"</c> only in case, which a case-insensitive serializer refuses on one type, so they are added here.
    /// </summary>
    public static JsonObject WithSeedFields(ExplainResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var json = JsonSerializer.SerializeToNode(response, Json)!.AsObject();
        json["Genre"] = string.Join(", ", response.Genres.Select(g => g.Genre));
        json["Explanation"] = response.Explanation;
        return json;
    }

    private static List<EvidenceEntry> Entries(IEnumerable<EvidenceItem> items) =>
        items.Select(i => new EvidenceEntry(i.Text, i.Contribution, i.TfIdf, i.IsPhrase ? "phrase" : "word")).ToList();
}
