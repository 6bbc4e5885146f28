using GenreBlazor.Storage;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Extensions;

/// <summary>
/// The shared store (section <c>Store</c>): SQLite beside the app by default, PostgreSQL when configured. Each feature
/// registers its tables with <see cref="AddStoreSchema"/>; <see cref="MigrateStoreOrExplain"/> brings them all up to date
/// before the app serves.
/// </summary>
public static class StoreRegistration
{
    /// <summary>Binds <see cref="StoreOptions"/> and registers the store and its settings table.</summary>
    public static WebApplicationBuilder AddStore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName);
        // A relative SQLite path starts at the repository root in a clone, else beside the app (AppPaths).
        services.AddSingleton(sp => AppStore.Open(sp.GetRequiredService<IOptions<StoreOptions>>().Value, AppPaths.Resolve(".")));
        services.AddSingleton<StoreSettings>();
        services.AddStoreSchema(StoreSettings.Schema);
        return builder;
    }

    /// <summary>
    /// Adds a feature's tables to those <see cref="MigrateStoreOrExplain"/> brings up to date; features sharing tables
    /// (the ingest's, read by the Data page and written by the jobs) may each add them, and they count once.
    /// </summary>
    public static IServiceCollection AddStoreSchema(this IServiceCollection services, StoreSchema schema)
    {
        if (services.Any(d => ReferenceEquals(d.ImplementationInstance, schema)))
        {
            return services;
        }
        services.AddSingleton(schema);
        return services;
    }

    /// <summary>
    /// Opens the store and migrates every registered schema part, before the app serves. A store that cannot be opened
    /// or migrated stops start-up with the reason (never a half-working app that loses writes).
    /// </summary>
    public static async Task<bool> MigrateStoreOrExplain(this WebApplication app)
    {
        try
        {
            var store = app.Services.GetRequiredService<AppStore>();
            await store.MigrateAsync(app.Services.GetServices<StoreSchema>(), app.Lifetime.ApplicationStopping).ConfigureAwait(false);
            app.Logger.LogInformation("Store ready: {Store}", store.Description);
            return true;
        }
        catch (StoreException e)
        {
            app.Logger.LogCritical("GenreBlazor cannot start: {Reason}", e.Message);
            await Console.Error.WriteLineAsync($"GenreBlazor cannot start: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }
}
