using System.Text.Json;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Intent;
using GenreBlazor.Discovery.Similarity;
using GenreBlazor.Imaging;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Discovering;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Api;

/// <summary><c>POST /api/similar</c>, <c>GET /api/search</c>, <c>POST /api/discover</c>: movies of the catalog by their DNA.</summary>
public static class DiscoveryEndpoints
{
    public static RouteGroupBuilder MapDiscovery(this RouteGroupBuilder api)
    {
        api.MapPost("/similar", SimilarAsync)
            .WithName("Similar").WithTags("Discovery")
            .WithSummary("Ten catalog movies like a plot and/or poster")
            .WithDescription("A blend of plot, poster and genre-probability similarity, each movie with its reason in words, and the plot's theme (null without a plot or themes). JSON {\"plot\"} or multipart with a plot field and/or a poster file.")
            .AcceptsPlotBody(typeof(PredictRequest), acceptsPoster: true)
            .Produces<SimilarResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        api.MapGet("/search", Search)
            .WithName("Search").WithTags("Discovery")
            .WithSummary("Semantic search of the catalog's plots")
            .WithDescription("q is embedded and compared with every plot; genre (repeatable; all required), yearFrom, yearTo, language and limit (1–100, default 10) filter.")
            .Produces<MoviesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/discover", DiscoverAsync)
            .WithName("Discover").WithTags("Discovery")
            .WithSummary("Movies for a request in words")
            .WithDescription("{\"request\": \"a thriller like Heat from the 90s\"}: read by Bedrock (when enabled) or the local parser (source says which), seeds resolved in the catalog, then searched.")
            .Accepts<DiscoverRequest>("application/json")
            .Produces<DiscoverResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> SimilarAsync(HttpRequest request, DiscoveryHost discovery, ThemesHost themes, MovieClassifier classifier,
        ImageDecodeLimiter decodes, Serving.GenreModelHost models, IOptions<ClassifyOptions> options, CancellationToken cancellationToken)
    {
        // One model snapshot classifies the poster and gives its features, so both come from the same backbone.
        MoviesLikeThis Find(string? plot, RgbImage? image)
        {
            using var lease = models.Acquire();
            var probabilities = classifier.Classify(lease.Model, plot, image, endpoint: Monitoring.PredictionEndpoint.Similar).Primary.Scores.Probabilities;
            return MoviesLike.Classified(discovery, themes, lease.Model, plot, image, probabilities);
        }

        if (discovery.Similar is null)
        {
            return Off(discovery);
        }
        var input = await PlotRequests.ReadAsync(request, options.Value.MaxRequestBytes, classifier.AcceptsPosters ? options.Value.MaxPosterBytes : null, cancellationToken);
        if (input.Problem is { } refused)
        {
            return refused;
        }
        if (classifier.Problem(input.Plot, input.Poster is not null) is { } problem)
        {
            return PlotRequests.BadRequest(problem, "No movies can be found for this request");
        }
        try
        {
            var plot = string.IsNullOrWhiteSpace(input.Plot) ? null : input.Plot;
            var found = input.Poster is { } poster
                ? await decodes.DecodeAsync(poster, classifier.PosterLimits, 224, image => Find(plot, image), cancellationToken)
                : Find(plot, null);
            return Results.Ok(new SimilarResponse(ToResponse(found.Movies), found.Theme is { } closest ? ThemeResponse.Of(closest) : null));
        }
        catch (ImageDecodeException e)
        {
            return e.Kind switch
            {
                ImageErrorKind.TooLarge => PlotRequests.TooLarge(e.Message),
                ImageErrorKind.Busy => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The server is busy decoding other posters", detail: e.Message),
                _ => PlotRequests.BadRequest(e.Message, "The poster cannot be read"),
            };
        }
    }

    private static IResult Search(DiscoveryHost discovery, string? q, string[]? genre, int? yearFrom, int? yearTo, string? language, int? limit)
    {
        if (discovery.Search is not { } search)
        {
            return Off(discovery);
        }
        if (string.IsNullOrWhiteSpace(q))
        {
            return Bad("The query is empty: pass q, e.g. /api/search?q=a+heist+in+space.");
        }
        if (q.Length > IntentSchema.MaxRequestCharacters)
        {
            return Bad($"The query is over {IntentSchema.MaxRequestCharacters} characters.");
        }
        if (genre?.FirstOrDefault(g => !GenreCatalog.Contains(g)) is { } unknown)
        {
            return Bad($"'{unknown}' is not a genre; genres are: {string.Join(", ", GenreCatalog.All)}.");
        }
        if (limit is < 1 or > SemanticSearch.MaxLimit)
        {
            return Bad($"limit must be from 1 to {SemanticSearch.MaxLimit}.");
        }
        if (yearFrom > yearTo)
        {
            return Bad($"yearFrom ({yearFrom}) is after yearTo ({yearTo}).");
        }
        var filter = new SearchFilter(GenreSet.FromNames(genre ?? []), default, yearFrom, yearTo, string.IsNullOrWhiteSpace(language) ? null : language.Trim());
        return Results.Ok(new MoviesResponse(ToResponse(search.Search(q, filter, limit ?? 10))));
    }

    private static async Task<IResult> DiscoverAsync(HttpRequest request, DiscoveryHost discovery, IntentReader reader, CancellationToken cancellationToken)
    {
        if (discovery.Intents is not { } intents)
        {
            return Off(discovery);
        }
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: "Send application/json, e.g. {\"request\": \"a thriller like Heat from the 90s\"}.");
        }
        DiscoverRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<DiscoverRequest>(request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException e)
        {
            return Bad($"The body is not valid JSON: {e.Message}");
        }
        if (string.IsNullOrWhiteSpace(body?.Request))
        {
            return Bad("The body must be a JSON object with a non-empty string field \"request\", e.g. {\"request\": \"a thriller like Heat from the 90s\"}.");
        }
        if (body.Request.Length > IntentSchema.MaxRequestCharacters)
        {
            return Bad($"The request is over {IntentSchema.MaxRequestCharacters} characters.");
        }
        var read = await reader.ReadAsync(body.Request, cancellationToken);
        var result = intents.Run(read.Intent);
        var i = result.Intent;
        return Results.Ok(new DiscoverResponse(new DiscoverIntentResponse(i.SeedTitles, i.Genres, i.ExcludedGenres, i.YearFrom, i.YearTo, i.Mood, i.Query),
            read.Source, [.. result.Seeds.Select(s => new SeedResponse(s.Id, s.Title, s.Year))], ToResponse(result.Movies)));
    }

    public static IReadOnlyList<FoundMovieResponse> ToResponse(IEnumerable<FoundMovie> movies) =>
        [.. movies.Select(f => new FoundMovieResponse(f.Movie.Id, f.Movie.Title, f.Movie.Year, [.. f.Movie.Genres.Names()], MathF.Round(f.Score, 4), f.Reason))];

    private static IResult Bad(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The search cannot be run", detail: detail);

    private static IResult Off(DiscoveryHost discovery) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Discovery is off", detail: discovery.Problem);
}
