using System.Text.Json;
using GenreBlazor.Web.Api;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace GenreBlazor.Web.Extensions;

/// <summary>The HTTP API for other programs: predict, health, OpenAPI document.</summary>
public static class ApiRegistration
{
    /// <summary>Problem details for errors and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddHttpApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "GenreBlazor API";
            document.Info.Description = "Movie genres from a plot summary. This product uses the TMDB API but is not endorsed or certified by TMDB.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Maps <c>/api/…</c>, <c>/health</c> and <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapHttpApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Genres").DisableAntiforgery();
        api.MapPredict();
        api.MapExplain();
        api.MapProfiles();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                var models = context.RequestServices.GetRequiredService<GenreModelHost>();
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    modelVersion = models.Current.Version,
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description),
                });
            },
        });
        app.MapOpenApi();
        return app;
    }
}
