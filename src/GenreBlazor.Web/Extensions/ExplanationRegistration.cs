using GenreBlazor.Bedrock;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Web.Explanations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Extensions;

/// <summary>Explanations: the local explainer, and Amazon Bedrock when the <c>Bedrock</c> section enables it.</summary>
public static class ExplanationRegistration
{
    /// <summary>
    /// Binds <see cref="BedrockOptions"/> (section <c>Bedrock</c>, off by default) and <see cref="ExplanationOptions"/>
    /// (section <c>Explanations</c>), registers the Bedrock Converse client as the app's <see cref="IChatClient"/> with
    /// AWS's default credential chain, and the explanation service with its cache and usage ledger.
    /// </summary>
    public static WebApplicationBuilder AddExplanations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ExplanationOptions>().BindConfiguration(ExplanationOptions.SectionName)
            .Validate(o => o.CacheEntries > 0 && o.EvidencePerGenre > 0 && o.MaxAnswerCharacters > 0, "Explanations: CacheEntries, EvidencePerGenre and MaxAnswerCharacters must be positive.");

        // As the Bedrock client documents its registration (tests/GenreBlazor.Bedrock.Tests/RegistrationTests.cs).
        services.AddOptions<BedrockOptions>().BindConfiguration(BedrockOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BedrockOptions>>().Value);
        services.AddSingleton<AwsCredentialSource>();
        services.AddHttpClient<IChatClient, BedrockConverseClient>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(GenreDefinitions.Default);
        services.AddSingleton<ExplanationCache>();
        services.AddSingleton<ExplanationUsage>();
        services.AddScoped<ExplanationService>();
        services.AddHostedService<ExplanationWarmUp>();
        return builder;
    }
}
