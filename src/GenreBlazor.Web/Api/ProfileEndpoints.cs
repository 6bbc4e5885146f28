using System.Text.Json;
using System.Text.Json.Nodes;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Security;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Api;

/// <summary>
/// The server's threshold profiles: anyone lists and reads them (the Analyze page's export); saving, replacing and
/// deleting them and choosing the active one change what every client sees, so they need an operator
/// (<see cref="OperatorAccess.Policy"/>: 401 without credentials, 403 for a wrong key, nothing changed either way).
/// </summary>
public static class ProfileEndpoints
{
    /// <summary>Saved profiles and the active one.</summary>
    /// <param name="Active">The profile <c>/api/predict</c> decides with, or null for the tuned thresholds.</param>
    /// <param name="Profiles">Names of the saved profiles.</param>
    public sealed record ProfileList(string? Active, IReadOnlyList<string> Profiles);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapProfiles(this RouteGroupBuilder api)
    {
        api.MapGet("/profiles", async (ServerProfiles store, CancellationToken cancellationToken) =>
                new ProfileList(store.Active?.Name, await store.NamesAsync(cancellationToken)))
            .WithName("ListProfiles").WithSummary("Saved threshold profiles and the active one");

        api.MapGet("/profiles/{name}", async (string name, bool? download, ServerProfiles store, CancellationToken cancellationToken) =>
        {
            try
            {
                var profile = await store.LoadAsync(name, cancellationToken);
                var json = profile.ToJson();
                return download == true
                    ? Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", $"{profile.Name}.profile.json")
                    : Results.Text(json, "application/json");
            }
            catch (ThresholdProfileException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such profile", detail: e.Message);
            }
        }).WithName("GetProfile").WithSummary("One threshold profile as JSON (download=true for a file)")
          .Produces<ThresholdProfile>().ProducesProblem(StatusCodes.Status404NotFound);

        var operators = api.MapGroup("/profiles").RequireAuthorization(OperatorAccess.Policy).WithTags("Operators")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        // A literal segment outranks {name}, so these two are matched before the profile routes below.
        operators.MapDelete("/active", async (ServerProfiles store, CancellationToken cancellationToken) =>
        {
            await store.ActivateAsync(null, cancellationToken);
            return TypedResults.Ok(new ProfileList(null, await store.NamesAsync(cancellationToken)));
        }).WithName("DeactivateProfile").WithSummary("Decide with the model's tuned thresholds again, for every client (operator)");

        operators.MapPut("/{name}", SaveAsync)
            .WithName("SaveProfile").WithSummary("Save or replace a server profile (operator); the body is the profile's JSON, its name optional")
            .Accepts<ThresholdProfile>("application/json")
            .Produces<ThresholdProfile>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        operators.MapDelete("/{name}", async (string name, ServerProfiles store, CancellationToken cancellationToken) =>
        {
            try
            {
                await store.DeleteAsync(name, cancellationToken);
                return Results.NoContent();
            }
            catch (ThresholdProfileException e)
            {
                return NotFound(e.Message);
            }
        }).WithName("DeleteProfile").WithSummary("Delete a server profile (operator); if it was active, the tuned thresholds decide again")
          .ProducesProblem(StatusCodes.Status404NotFound);

        operators.MapPost("/{name}/activate", async (string name, ServerProfiles store, CancellationToken cancellationToken) =>
        {
            try
            {
                await store.ActivateAsync(name, cancellationToken);
            }
            catch (ThresholdProfileException e)
            {
                return NotFound(e.Message);
            }
            return Results.Ok(new ProfileList(store.Active?.Name, await store.NamesAsync(cancellationToken)));
        }).WithName("ActivateProfile").WithSummary("Make a server profile the one every client decides with (operator)")
          .Produces<ProfileList>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> SaveAsync(string name, HttpRequest request, ServerProfiles store, CancellationToken cancellationToken)
    {
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: $"Send the profile as application/json; got '{(string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType)}'.");
        }
        if (ThresholdProfile.NameProblem(ThresholdProfile.NormalizeName(name)) is { } nameProblem)
        {
            return Invalid($"The name '{name}' cannot be used: {nameProblem}");
        }
        // Room for indentation around a profile of the largest stored size.
        var (body, unreadable) = await RequestBodies.ReadUtf8Async(request, store.Limits.MaxBytes * 4, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json)
            {
                return Invalid("The body must be a JSON object: a threshold profile as GET /api/profiles/{name} gives it.");
            }
            var named = ThresholdProfile.NormalizeName(name);
            if (json["name"] is { } given && (given.GetValueKind() != JsonValueKind.String || ThresholdProfile.NormalizeName(given.GetValue<string>()) != named))
            {
                return Invalid($"The body names the profile {given.ToJsonString()}, the address '{named}'; leave \"name\" out or make them the same.");
            }
            json["name"] = named;
            var saved = await store.SaveAsync(ThresholdProfile.Parse(json.ToJsonString(), "The body"), cancellationToken);
            return Results.Text(saved.ToJson(), "application/json");
        }
        catch (JsonException e)
        {
            return Invalid($"The body is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            return Invalid(RequestBodies.LoneSurrogate);
        }
        catch (ThresholdProfileException e)
        {
            return Invalid(e.Message);
        }
    }

    private static IResult Invalid(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The profile cannot be saved", detail: detail);

    private static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such profile", detail: detail);
}
