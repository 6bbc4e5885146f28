using System.Text.Json;
using GenreBlazor.Discovery.Taste;
using GenreBlazor.Web.Picking;

namespace GenreBlazor.Web.Api;

/// <summary>One liked movie of a <c>/api/picks</c> request: a catalog id, when it was liked (default now) and a weight (default 1).</summary>
public sealed record LikedRequest(string? Id, DateTimeOffset? LikedAt, float? Weight);

/// <summary>The body of <c>POST /api/picks</c>.</summary>
public sealed record PicksRequest(IReadOnlyList<LikedRequest>? Liked, int? Limit);

/// <summary>A genre of a persona's mix: its share of the persona's liked movies and how many times the share over all viewers.</summary>
public sealed record PersonaGenreResponse(string Genre, double Share, double Lift);

/// <summary>The persona a taste is closest to.</summary>
public sealed record PersonaResponse(string Name, int Size, IReadOnlyList<PersonaGenreResponse> Genres, float Cosine);

/// <summary>The picks, the closest persona (null without the personas file) and the ids the catalog does not hold.</summary>
public sealed record PicksResponse(IReadOnlyList<FoundMovieResponse> Movies, PersonaResponse? Persona, IReadOnlyList<string> Unknown);

/// <summary><c>POST /api/picks</c>: recommendations for the movies a caller liked; stateless, nothing is kept.</summary>
public static class PicksEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;
    private const string Example = "{\"liked\": [{\"id\": \"tmdb-278\", \"likedAt\": \"2025-01-31T20:00:00Z\"}]}";

    public static RouteGroupBuilder MapPicks(this RouteGroupBuilder api)
    {
        api.MapPost("/picks", PicksAsync)
            .WithName("Picks").WithTags("Discovery")
            .WithSummary("Recommendations for the movies a visitor liked, and the persona they are closest to")
            .WithDescription("The time-decayed mean of the liked movies' DNA, blended with MovieLens popularity; each movie says which liked one it comes from. Nothing is kept. " + Example)
            .Accepts<PicksRequest>("application/json")
            .Produces<PicksResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> PicksAsync(HttpRequest request, PicksHost picks, CancellationToken cancellationToken)
    {
        if (picks.Catalog is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Picks are off", detail: picks.Problem);
        }
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type", detail: "Send application/json, e.g. " + Example + ".");
        }
        var (body, unreadable) = await RequestBodies.ReadUtf8Async(request, MaxBodyBytes, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        PicksRequest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<PicksRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return Bad($"The body is not a picks request: {e.Message} Send e.g. {Example}.");
        }
        catch (InvalidOperationException)
        {
            return Bad(RequestBodies.LoneSurrogate);
        }
        if (parsed?.Liked is not { Count: > 0 } liked)
        {
            return Bad($"The body needs a non-empty array \"liked\", e.g. {Example}.");
        }
        if (liked.Count > picks.MaxLiked)
        {
            return Bad($"{liked.Count} liked movies; at most {picks.MaxLiked} in one request.");
        }
        if (parsed.Limit is < 1 or > Discovery.Similarity.SemanticSearch.MaxLimit)
        {
            return Bad($"limit must be from 1 to {Discovery.Similarity.SemanticSearch.MaxLimit}.");
        }
        var now = DateTimeOffset.UtcNow;
        var likes = new List<LikedMovie>(liked.Count);
        for (var i = 0; i < liked.Count; i++)
        {
            var entry = liked[i];
            if (string.IsNullOrWhiteSpace(entry?.Id))
            {
                return Bad($"liked[{i}] has no \"id\" (a catalog id such as \"tmdb-278\").");
            }
            if (entry.Weight is { } weight && (weight < 0 || weight > 100 || !float.IsFinite(weight)))
            {
                return Bad($"liked[{i}].weight is {weight}; a weight is from 0 to 100.");
            }
            likes.Add(new LikedMovie(entry.Id.Trim(), entry.LikedAt ?? now, entry.Weight ?? 1f));
        }
        var answer = picks.Recommend(likes, parsed.Limit ?? 10);
        if (answer.Unknown.Count == likes.Select(l => l.Id).Distinct().Count())
        {
            return Bad($"None of the liked ids is in the catalog ({string.Join(", ", answer.Unknown.Take(5))}); ids look like \"tmdb-278\" (see /api/search).");
        }
        return Results.Ok(new PicksResponse(DiscoveryEndpoints.ToResponse(answer.Picks.Select(p => p.Found)), Persona(answer.Persona), answer.Unknown));
    }

    public static PersonaResponse? Persona(ClosestPersona? closest) => closest is null
        ? null
        : new PersonaResponse(closest.Persona.Name, closest.Persona.Size,
            [.. closest.Persona.Genres.Take(3).Select(g => new PersonaGenreResponse(g.Genre, g.Share, g.Lift))], MathF.Round(closest.Cosine, 4));

    private static IResult Bad(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No picks can be made for this request", detail: detail);
}
