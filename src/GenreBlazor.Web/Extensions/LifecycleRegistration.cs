using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Storage;
using GenreBlazor.Web.Api;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Extensions;

/// <summary>The model registry inside the running app: the champion served and swapped without a restart, and the operators' API.</summary>
public static class LifecycleRegistration
{
    /// <summary>Binds <see cref="ModelLifecycleOptions"/> and registers the registry and the <see cref="ChampionWatcher"/>.</summary>
    public static WebApplicationBuilder AddModelLifecycle(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelLifecycleOptions>().BindConfiguration("ModelLifecycle")
            .Validate(o => o.RefreshInterval > TimeSpan.Zero && o.MaxMicroF1Drop >= 0, "ModelLifecycle: RefreshInterval must be positive and MaxMicroF1Drop not negative.")
            .ValidateOnStart();
        builder.Services.AddStoreSchema(ModelRegistry.Schema);
        builder.Services.AddSingleton(sp => new ModelRegistry(sp.GetRequiredService<AppStore>(), sp.GetRequiredService<StoreSettings>()));
        builder.Services.AddSingleton<ChampionWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChampionWatcher>());
        return builder;
    }

    /// <summary>Maps <c>/api/models</c> (operators only).</summary>
    public static WebApplication MapModelLifecycle(this WebApplication app)
    {
        app.MapGroup("/api").DisableAntiforgery().MapModels();
        return app;
    }
}
