using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Lifecycle.Retraining;
using GenreBlazor.Storage;
using GenreBlazor.Tmdb;
using GenreBlazor.Web.Api;
using GenreBlazor.Web.Jobs;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Extensions;

/// <summary>The retraining and ingest jobs inside the app: section <c>Retraining</c>, the runner, the schedule, the drift trigger, <c>/api/jobs</c>.</summary>
public static class RetrainingRegistration
{
    public static WebApplicationBuilder AddRetraining(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetrainingOptions>().BindConfiguration(RetrainingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetrainingOptions>, RetrainingOptionsValidation>();
        services.AddStoreSchema(JobStore.Schema);
        services.AddStoreSchema(IngestStore.Schema);
        var tmdb = new TmdbAvailability(!string.IsNullOrWhiteSpace(builder.Configuration["TMDB:ApiKey"]) || !string.IsNullOrWhiteSpace(builder.Configuration["TMDB:ReadToken"]));
        services.AddSingleton(tmdb);
        // The Data page's ingest may have registered the client already.
        if (tmdb.Configured && !services.Any(d => d.ServiceType == typeof(TmdbClient)))
        {
            services.AddTmdbClient();
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new JobStore(sp.GetRequiredService<AppStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JobSignal>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RetrainingOptions>>().Value;
            Func<TmdbIngest?> ingest = () => tmdb.Configured
                ? new TmdbIngest(sp.GetRequiredService<TmdbClient>(), new IngestStore(sp.GetRequiredService<AppStore>()))
                : null;
            var root = AppPaths.RepositoryRoot ?? AppContext.BaseDirectory;
            IJobHandler[] handlers =
            [
                new RetrainingPipeline(sp.GetRequiredService<ModelRegistry>(), options, root, AppPaths.Resolve, ingest),
                new IngestJob(options, AppPaths.Resolve, ingest),
            ];
            return new JobRunner(sp.GetRequiredService<JobStore>(), handlers, new JobLeaseOptions(options.Lease, options.Heartbeat), JobRunner.NewName());
        });
        services.AddHostedService<JobService>();
        return builder;
    }

    public static WebApplication MapRetraining(this WebApplication app)
    {
        app.MapGroup("/api").DisableAntiforgery().MapJobs();
        return app;
    }

    private sealed class RetrainingOptionsValidation : IValidateOptions<RetrainingOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetrainingOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
