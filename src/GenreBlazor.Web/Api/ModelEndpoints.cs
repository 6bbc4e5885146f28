using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Web.Security;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Api;

/// <summary>
/// The model registry for operators: list the versions with their aliases, promote one to champion, roll back. A
/// change swaps the model this app serves before the answer (and every other replica's at its next refresh);
/// requests in flight finish on the old one. Everything here is <see cref="OperatorAccess.Policy"/>: 401 without
/// credentials, 403 for a wrong key.
/// </summary>
public static class ModelEndpoints
{
    /// <summary>The registry as this replica sees it.</summary>
    /// <param name="Serving">The version answering requests here.</param>
    /// <param name="Problem">Why the champion is not the version serving, when it is not.</param>
    /// <param name="Versions">Every registered version, newest first, with its aliases.</param>
    public sealed record ModelList(string Serving, string? Problem, IReadOnlyList<ModelVersion> Versions);

    /// <summary>What a promotion or rollback did.</summary>
    /// <param name="Champion">The champion now.</param>
    /// <param name="Previous">The champion it replaced.</param>
    /// <param name="Serving">The version this replica serves after the swap.</param>
    /// <param name="Problem">Why the new champion is not serving here, when it is not.</param>
    /// <param name="Comparison">The comparison the promotion policy was checked on, if any.</param>
    public sealed record ModelChange(string Champion, string? Previous, string Serving, string? Problem, ModelComparisonResult? Comparison);

    /// <summary>Maps the endpoints under <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapModels(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Operators").RequireAuthorization(OperatorAccess.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        models.MapGet("", async (ModelRegistry registry, GenreModelHost host, ChampionWatcher watcher, CancellationToken cancellationToken) =>
                TypedResults.Ok(new ModelList(host.Current.Version, watcher.Problem, await registry.ListAsync(cancellationToken))))
            .WithName("ListModels").WithSummary("Registered model versions with their aliases and figures, and the one serving (operator)");

        models.MapPost("/{version}/promote", async (string version, bool? force, double? maxDrop, ModelRegistry registry, ChampionWatcher watcher,
                GenreModelHost host, IOptions<ModelLifecycleOptions> options, CancellationToken cancellationToken) =>
            {
                if (await registry.GetAsync(version, cancellationToken) is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such model version",
                        detail: $"No version '{version}' is registered; GET /api/models lists those that are.");
                }
                if (maxDrop is < 0 or > 1)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The promotion was not tried", detail: "maxDrop is a micro-F1 difference between 0 and 1.");
                }
                return await ChangeAsync(() => registry.PromoteAsync(version, new PromotionPolicy(maxDrop ?? options.Value.MaxMicroF1Drop), force == true, cancellationToken),
                    "The promotion was refused", watcher, host, cancellationToken);
            })
            .WithName("PromoteModel").WithSummary("Make a registered version the champion and serve it without a restart (operator); force=true overrides the regression check, never the checksums")
            .Produces<ModelChange>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        models.MapPost("/rollback", (ModelRegistry registry, ChampionWatcher watcher, GenreModelHost host, CancellationToken cancellationToken) =>
                ChangeAsync(() => registry.RollbackAsync(cancellationToken), "The rollback was refused", watcher, host, cancellationToken))
            .WithName("RollbackModel").WithSummary("Serve the champion before the last promotion again (operator)")
            .Produces<ModelChange>().ProducesProblem(StatusCodes.Status409Conflict);
        return models;
    }

    private static async Task<IResult> ChangeAsync(Func<Task<AliasChange>> change, string refused, ChampionWatcher watcher, GenreModelHost host, CancellationToken cancellationToken)
    {
        AliasChange done;
        try
        {
            done = await change();
        }
        catch (ModelRegistryException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: refused, detail: e.Message);
        }
        await watcher.RefreshAsync(cancellationToken);
        return Results.Ok(new ModelChange(done.Champion, done.Previous, host.Current.Version, watcher.Problem, done.Comparison));
    }
}
