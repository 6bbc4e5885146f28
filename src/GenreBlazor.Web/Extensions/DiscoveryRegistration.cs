using GenreBlazor.Web.Api;
using GenreBlazor.Web.Discovering;

namespace GenreBlazor.Web.Extensions;

/// <summary>Discovery: the catalog DNA, similar movies, semantic search, requests in words and themes (docs/decisions/0070–0074).</summary>
public static class DiscoveryRegistration
{
    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.SectionName);
        builder.Services.AddSingleton<DiscoveryHost>();
        builder.Services.AddScoped<IntentReader>();
        builder.Services.AddSingleton<CatalogOverviews>();
        builder.Services.AddSingleton<ThemesHost>();
        builder.Services.AddScoped<DiscoveryLoader>();
        builder.Services.AddHostedService<DiscoveryWarmUp>();
        return builder;
    }

    public static WebApplication MapDiscovery(this WebApplication app)
    {
        app.MapGroup("/api").DisableAntiforgery().MapDiscovery();
        return app;
    }

    // Loads the DNA and the embedder while the app starts serving, so the first visitor does not wait for them.
    private sealed class DiscoveryWarmUp(IServiceProvider services) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
        {
            var host = services.GetRequiredService<DiscoveryHost>();
            if (host.Search is { } search)
            {
                search.Search("warm-up", limit: 1);
            }
        }, stoppingToken);
    }
}
