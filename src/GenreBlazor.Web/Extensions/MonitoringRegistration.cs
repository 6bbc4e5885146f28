using GenreBlazor.Web.Monitoring;
using GenreBlazor.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace GenreBlazor.Web.Extensions;

/// <summary>
/// Metrics and drift: the <see cref="GenreMetrics.MeterName"/> meter, the explanation pipeline's meter and ASP.NET
/// Core's request-duration histogram, through OpenTelemetry, scraped at <c>/metrics</c> (Prometheus text) and pushed
/// over OTLP when <c>OpenTelemetry:OtlpEndpoint</c> is set. <c>/metrics</c> is operator-only on every host (a
/// Prometheus scrape job sends an operator key as its bearer token): it names model versions, traffic by endpoint
/// and drift, which a public host does not show visitors. It takes the key only (<see cref="ScrapePolicy"/>): a
/// scraper gets 401/403 problem details, never the sign-in page's redirect.
/// </summary>
public static class MonitoringRegistration
{
    /// <summary>The operator policy with the API key alone.</summary>
    public const string ScrapePolicy = "OperatorKey";

    /// <summary>Binds <see cref="MonitoringOptions"/> (section <c>Monitoring</c>) and registers the meter, the drift window and OpenTelemetry.</summary>
    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration("Monitoring")
            .Validate(o => o.DriftWindow >= 1 && o.DriftMinObservations >= 1 && o.DriftMinObservations <= o.DriftWindow && o.TimelineMinutes >= 1 && o.DriftSampleInterval > TimeSpan.Zero,
                "Monitoring: DriftWindow, DriftMinObservations (at most the window), TimelineMinutes and DriftSampleInterval must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddAuthorizationBuilder().AddPolicy(ScrapePolicy, policy => policy
            .AddAuthenticationSchemes(OperatorAccess.KeyScheme)
            .RequireAuthenticatedUser()
            .RequireRole(OperatorAccess.Role));
        builder.Services.AddSingleton<PredictionDrift>();
        builder.Services.AddSingleton<GenreMetrics>();
        builder.Services.AddSingleton<OperationsTimeline>();
        builder.Services.AddSingleton<PredictionMonitor>();
        builder.Services.AddSingleton<DriftHistory>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DriftHistory>());
        var otlp = builder.Configuration["OpenTelemetry:OtlpEndpoint"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("GenreBlazor"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GenreMetrics.MeterName, ExplanationRegistration.TelemetrySource)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = new Uri(otlp));
                }
            });
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (operators only).</summary>
    public static WebApplication MapMonitoring(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint().RequireAuthorization(ScrapePolicy);
        return app;
    }
}
