using System.Data.Common;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Storage;
using GenreBlazor.Web.Datasets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GenreBlazor.Web.Extensions;

/// <summary>
/// The Data page's data sets: the ingest's snapshots in the store, the configured movies CSV, the serving bundle's
/// training summary, and their statistics at <c>/api/data/snapshots</c>. Public, like the page: the snapshots hold
/// public TMDB data; who may start an ingest is a matter for operators (decision 0069).
/// </summary>
public static class DataRegistration
{
    public static WebApplicationBuilder AddDataProfiles(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataOptions>().BindConfiguration("Data");
        builder.Services.AddStoreSchema(IngestStore.Schema);
        builder.Services.TryAddSingleton(sp => new IngestStore(sp.GetRequiredService<AppStore>()));
        builder.Services.AddSingleton<DatasetProfiles>();
        return builder;
    }

    public static WebApplication MapDataProfiles(this WebApplication app)
    {
        var data = app.MapGroup("/api/data/snapshots").WithTags("Data");
        data.MapGet("", async (DatasetProfiles profiles, CancellationToken cancellationToken) =>
                await Answer(async () => Results.Ok(new { sources = await profiles.SourcesAsync(cancellationToken) })))
            .WithName("ListDataSnapshots").WithSummary("The data sets the Data page shows: ingest snapshots newest first, the configured CSV, the serving model's training summary")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        data.MapGet("/{id}", async (string id, DatasetProfiles profiles, CancellationToken cancellationToken) =>
                await Answer(async () => await profiles.ReportAsync(id, cancellationToken) is { } report ? Results.Ok(report)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such data set",
                        detail: $"No snapshot or data set '{id}'; GET /api/data/snapshots lists those there are.")))
            .WithName("GetDataSnapshot").WithSummary("A data set's statistics (genres per movie, genre counts and pairs, overview lengths, languages) and what changed since the previous snapshot")
            .Produces<DataReport>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> Answer(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is DbException or StoreException or TimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The store did not answer",
                detail: "The dataset snapshots could not be read from the store; try again shortly.");
        }
    }
}
