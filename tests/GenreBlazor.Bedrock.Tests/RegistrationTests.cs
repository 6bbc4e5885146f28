using GenreBlazor.Testing.Bedrock;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Bedrock.Tests;

/// <summary>The client registered as the web app registers it, bound from configuration like appsettings.json.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task The_registration_binds_options_and_serves_the_client_inside_a_chat_pipeline()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse("Registered and working."));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bedrock:Enabled"] = "true",
            ["Bedrock:Region"] = "us-east-1",
            ["Bedrock:ModelId"] = "amazon.nova-micro-v1:0",
            ["Bedrock:MaxTokens"] = "123",
            ["Bedrock:Timeout"] = "00:00:20",
            ["Bedrock:Endpoint"] = server.Endpoint.ToString(),
            ["Bedrock:DailyTokenBudget"] = "50000",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);

        // --- as the web app does (src/GenreBlazor.Web/Extensions/ExplanationRegistration.cs, less its own stages) ---
        services.AddOptions<BedrockOptions>().BindConfiguration(BedrockOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BedrockOptions>>().Value);
        services.AddSingleton(AwsCredentialSource.FromKeys(TestEnvironment.AccessKeyId, TestEnvironment.SecretAccessKey)); // the app: services.AddSingleton<AwsCredentialSource>();
        services.AddLogging();
        services.AddHttpClient<BedrockConverseClient>();
        services.AddChatClient(sp => sp.GetRequiredService<BedrockConverseClient>()).UseLogging();
        // ---

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var options = provider.GetRequiredService<BedrockOptions>();
        var chat = provider.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync("Why Drama?");

        Assert.True(options.Enabled);
        Assert.Equal(50_000, options.DailyTokenBudget);
        Assert.IsType<LoggingChatClient>(chat);
        Assert.NotNull(chat.GetService<BedrockConverseClient>());
        Assert.Equal("Registered and working.", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/model/amazon.nova-micro-v1%3A0/converse", request.RawTarget);
        Assert.Equal(123, request.Json.GetProperty("inferenceConfig").GetProperty("maxTokens").GetInt32());
    }

    [Fact]
    public void The_default_credential_source_can_be_built_by_the_container()
    {
        var services = new ServiceCollection();
        services.AddSingleton<AwsCredentialSource>();
        using var provider = services.BuildServiceProvider();

        // Building only: resolving credentials here would search the machine's real chain.
        Assert.NotNull(provider.GetRequiredService<AwsCredentialSource>());
    }
}
