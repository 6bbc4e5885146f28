using GenreBlazor.Web.Api;
using GenreBlazor.Web.Picking;

namespace GenreBlazor.Web.Extensions;

/// <summary>Your picks: recommendations from a visitor's liked movies, kept in their browser, and personas (decisions 0072–0073).</summary>
public static class PicksRegistration
{
    public static WebApplicationBuilder AddPicks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PicksOptions>().BindConfiguration(PicksOptions.SectionName);
        builder.Services.AddSingleton<PicksHost>();
        builder.Services.AddScoped<VisitorPicks>();
        return builder;
    }

    public static WebApplication MapPicks(this WebApplication app)
    {
        app.MapGroup("/api").DisableAntiforgery().MapPicks();
        return app;
    }
}
