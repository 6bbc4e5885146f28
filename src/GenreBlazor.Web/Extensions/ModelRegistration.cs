using GenreBlazor.Core.Bundles;
using GenreBlazor.Storage;
using GenreBlazor.Storage.Profiles;
using GenreBlazor.Imaging;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenreBlazor.Web.Extensions;

/// <summary>The models and the services that use them.</summary>
public static class ModelRegistration
{
    /// <summary>Binds <see cref="GenreModelOptions"/> and registers the bundle host (loaded by <see cref="LoadModelsOrExplain"/>).</summary>
    public static WebApplicationBuilder AddGenreModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GenreModelOptions>().BindConfiguration("GenreModel");
        builder.Services.AddSingleton<GenreModelHost>();
        builder.Services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
        return builder;
    }

    /// <summary>Binds <see cref="ClassifyOptions"/> and registers the classifier and the poster decode slots.</summary>
    public static WebApplicationBuilder AddClassification(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClassifyOptions>().BindConfiguration("Classify")
            .Validate(o => o.MaxPlotCharacters > 0 && o.MaxRequestBytes > o.MaxPlotCharacters, "Classify limits must be positive and the request limit above the plot limit.")
            .Validate(o => o.MaxConcurrentPosterDecodes >= 1 && o.PosterDecodeWait >= TimeSpan.Zero, "Classify:MaxConcurrentPosterDecodes must be at least 1 and Classify:PosterDecodeWait not negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClassifyOptions>>().Value;
            return new ImageDecodeLimiter(options.MaxConcurrentPosterDecodes, options.PosterDecodeWait);
        });
        builder.Services.AddOptions<ProfileOptions>().BindConfiguration("Profiles")
            .Validate(o => o.MaxProfiles > 0 && o.MaxProfileBytes >= 1024 && o.RefreshInterval > TimeSpan.Zero, "Profiles: MaxProfiles, MaxProfileBytes (at least 1 KB) and RefreshInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddStoreSchema(ProfileRepository.Schema);
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProfileOptions>>().Value;
            return new ProfileRepository(services.GetRequiredService<AppStore>(), services.GetRequiredService<StoreSettings>(),
                new ProfileLimits(options.MaxProfiles, options.MaxProfileBytes));
        });
        builder.Services.AddSingleton<ServerProfiles>();
        builder.Services.AddScoped<VisitorProfiles>();
        builder.Services.AddHostedService<ServerProfileRefresher>();
        builder.Services.AddSingleton<PlotClassifier>();
        builder.Services.AddSingleton<MovieClassifier>();
        return builder;
    }

    /// <summary>
    /// Loads the model bundle now, before the app serves anything. A missing or corrupt bundle stops start-up with
    /// a message naming the file and the command to run, rather than a half-working app.
    /// </summary>
    public static async Task<bool> LoadModelsOrExplain(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<GenreModelHost>();
            var profiles = app.Services.GetRequiredService<ServerProfiles>();
            await profiles.ImportFolderAsync(AppPaths.Resolve(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProfileOptions>>().Value.Directory));
            await profiles.RefreshAsync();
            if (profiles.Active is { } active)
            {
                app.Logger.LogInformation("Deciding with threshold profile '{Profile}'", active.Name);
            }
            return true;
        }
        catch (ModelBundleException e)
        {
            app.Logger.LogCritical("GenreBlazor cannot start: {Reason}", e.Message);
            Console.Error.WriteLine($"GenreBlazor cannot start: {e.Message}");
            return false;
        }
    }

    private sealed class ModelHealthCheck(GenreModelHost models) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy($"model {models.Current.Version} serving"));
    }
}
