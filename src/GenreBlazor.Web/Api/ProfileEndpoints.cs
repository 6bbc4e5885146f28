using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Api;

/// <summary>Read access to threshold profiles: the list, and one profile as JSON (the Analyze page's export).</summary>
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
        return api;
    }
}
