using GenreBlazor.Testing.Bedrock;

namespace GenreBlazor.Bedrock.Tests;

/// <summary>A client pointed at a fake server, with the HttpClient it owns for the test's lifetime.</summary>
internal sealed class TestClient(BedrockConverseClient client, HttpClient http, BedrockOptions options) : IDisposable
{
    public BedrockConverseClient Client { get; } = client;

    public BedrockOptions Options { get; } = options;

    public static TestClient For(FakeBedrockServer server, Action<BedrockOptions>? configure = null, AwsCredentialSource? credentials = null)
    {
        var options = new BedrockOptions
        {
            Enabled = true,
            Region = "us-east-1",
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            Endpoint = server.Endpoint,
            MaxTokens = 300,
            Temperature = 0.2f,
            // Generous: these tests are about behaviour, not speed; the timeout tests set their own.
            Timeout = TimeSpan.FromSeconds(20),
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        };
        configure?.Invoke(options);
        var http = new HttpClient();
        var client = new BedrockConverseClient(http, options,
            credentials ?? AwsCredentialSource.FromKeys(TestEnvironment.AccessKeyId, TestEnvironment.SecretAccessKey));
        return new TestClient(client, http, options);
    }

    public void Dispose()
    {
        Client.Dispose();
        http.Dispose();
    }
}
