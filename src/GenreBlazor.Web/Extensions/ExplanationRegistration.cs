using GenreBlazor.Bedrock;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Storage.Explanations;
using GenreBlazor.Web.Explanations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Extensions;

/// <summary>Explanations: the local explainer, and Amazon Bedrock when the <c>Bedrock</c> section enables it.</summary>
public static class ExplanationRegistration
{
    /// <summary>Name of the OpenTelemetry source and meter of the explanation chat pipeline.</summary>
    public const string TelemetrySource = "GenreBlazor.Explanations";

    /// <summary>
    /// Binds <see cref="BedrockOptions"/> (section <c>Bedrock</c>, off by default) and <see cref="ExplanationOptions"/>
    /// (section <c>Explanations</c>) and registers the explanation service. With Bedrock enabled, the app's
    /// <see cref="IChatClient"/> is the pipeline cache → concurrency limit → OpenTelemetry → logging → token budget →
    /// Bedrock Converse: cached answers take no call slot and are neither traced as model calls nor billed, and every call
    /// that goes out is.
    /// </summary>
    public static WebApplicationBuilder AddExplanations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ExplanationOptions>().BindConfiguration(ExplanationOptions.SectionName)
            .Validate(o => o.CacheLifetime > TimeSpan.Zero && o.EvidencePerGenre > 0 && o.MaxAnswerCharacters > 0,
                "Explanations: CacheLifetime, EvidencePerGenre and MaxAnswerCharacters must be positive.");
        services.AddOptions<BedrockOptions>().BindConfiguration(BedrockOptions.SectionName)
            .Validate(o => o.MaxConcurrentCalls >= 1 && o.MaxQueuedCalls >= 0 && o.CallQueueWait >= TimeSpan.Zero,
                "Bedrock: MaxConcurrentCalls must be at least 1, MaxQueuedCalls and CallQueueWait not negative.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BedrockOptions>>().Value);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(GenreDefinitions.Default);
        services.AddSingleton<TokenLedger>();
        services.AddStoreSchema(TokenLedger.Schema);
        services.AddSingleton<ExplanationUsage>();
        services.AddScoped<ExplanationService>();
        services.AddHostedService<ExplanationWarmUp>();

        if (builder.Configuration.GetValue<bool>($"{BedrockOptions.SectionName}:{nameof(BedrockOptions.Enabled)}"))
        {
            services.AddSingleton<AwsCredentialSource>();
            // The pipeline is a singleton and keeps its client's handler for good, so the handler itself recycles its
            // connections (DNS changes of the Bedrock endpoint are picked up) instead of the factory's rotation.
            services.AddHttpClient<BedrockConverseClient>()
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddChatClient(sp => sp.GetRequiredService<BedrockConverseClient>())
                .Use((inner, sp) => new ExplanationAnswerCache(inner, sp.GetRequiredService<HybridCache>(),
                    sp.GetRequiredService<IOptions<ExplanationOptions>>().Value.CacheLifetime))
                .Use((inner, sp) =>
                {
                    var bedrock = sp.GetRequiredService<BedrockOptions>();
                    return new ConcurrencyLimitChatClient(inner, bedrock.MaxConcurrentCalls, bedrock.MaxQueuedCalls, bedrock.CallQueueWait);
                })
                .UseOpenTelemetry(sourceName: TelemetrySource)
                .UseLogging()
                .Use((inner, sp) => new TokenBudgetChatClient(inner, sp.GetRequiredService<ExplanationUsage>(),
                    () => sp.GetRequiredService<IOptions<BedrockOptions>>().Value.DailyTokenBudget));
        }
        return builder;
    }
}
