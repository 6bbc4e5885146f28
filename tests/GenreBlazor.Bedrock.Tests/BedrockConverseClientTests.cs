using System.Text.Json;
using System.Text.RegularExpressions;
using GenreBlazor.Testing.Bedrock;
using Microsoft.Extensions.AI;

namespace GenreBlazor.Bedrock.Tests;

/// <summary>What the client sends to Converse and how it reads a good answer.</summary>
public sealed partial class BedrockConverseClientTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "You explain genre predictions in two sentences."),
        new(ChatRole.User, "Why Crime for: A retired safecracker is pulled into one last heist?"),
    ];

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(?<date>\d{8})/us-east-1/bedrock/aws4_request, ?SignedHeaders=(?<signed>[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*), ?Signature=[0-9a-f]{64}$")]
    private static partial Regex AuthorizationShape();

    [Fact]
    public async Task Sends_a_signed_converse_request_to_the_encoded_model_path()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server);

        await test.Client.GetResponseAsync(Conversation);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", request.RawTarget);
        Assert.True(request.Signature.IsValid, request.Signature.Problem);
        var authorization = AuthorizationShape().Match(request.Headers["authorization"]);
        Assert.True(authorization.Success, request.Headers["authorization"]);
        Assert.Matches(@"^\d{8}T\d{6}Z$", request.Headers["x-amz-date"]);
        Assert.StartsWith(authorization.Groups["date"].Value, request.Headers["x-amz-date"], StringComparison.Ordinal);
        Assert.Equal("content-type;host;x-amz-date", authorization.Groups["signed"].Value);
        Assert.Equal("application/json", request.Headers["content-type"]);
        Assert.False(request.Headers.ContainsKey("x-amz-security-token"));
    }

    [Fact]
    public async Task Body_carries_system_blocks_messages_and_inference_config()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server);

        await test.Client.GetResponseAsync(Conversation);

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("You explain genre predictions in two sentences.", body.GetProperty("system")[0].GetProperty("text").GetString());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Why Crime for: A retired safecracker is pulled into one last heist?",
            message.GetProperty("content")[0].GetProperty("text").GetString());
        var inference = body.GetProperty("inferenceConfig");
        Assert.Equal(300, inference.GetProperty("maxTokens").GetInt32());
        Assert.Equal(0.2, inference.GetProperty("temperature").GetDouble(), 6);
        Assert.False(inference.TryGetProperty("topP", out _));
        Assert.False(inference.TryGetProperty("stopSequences", out _));
    }

    [Fact]
    public async Task Chat_options_override_the_configured_defaults()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server);

        await test.Client.GetResponseAsync(Conversation, new ChatOptions
        {
            MaxOutputTokens = 64,
            Temperature = 0.7f,
            TopP = 0.9f,
            StopSequences = ["\n\n"],
            ModelId = "amazon.nova-lite-v1:0",
            Instructions = "Answer in English.",
        });

        var request = Assert.Single(server.Requests);
        Assert.Equal("/model/amazon.nova-lite-v1%3A0/converse", request.RawTarget);
        Assert.True(request.Signature.IsValid, request.Signature.Problem);
        var body = request.Json;
        var inference = body.GetProperty("inferenceConfig");
        Assert.Equal(64, inference.GetProperty("maxTokens").GetInt32());
        Assert.Equal(0.7, inference.GetProperty("temperature").GetDouble(), 6);
        Assert.Equal(0.9, inference.GetProperty("topP").GetDouble(), 6);
        Assert.Equal("\n\n", inference.GetProperty("stopSequences")[0].GetString());
        Assert.Equal(["Answer in English.", "You explain genre predictions in two sentences."],
            body.GetProperty("system").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Consecutive_messages_of_one_role_become_one_turn()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server);

        await test.Client.GetResponseAsync(
        [
            new ChatMessage(ChatRole.User, "Plot: a detective hunts a killer."),
            new ChatMessage(ChatRole.User, "Predicted: Crime 0.91, Thriller 0.74."),
            new ChatMessage(ChatRole.Assistant, "The detective and killer point to Crime."),
            new ChatMessage(ChatRole.User, "And Thriller?"),
        ]);

        var messages = Assert.Single(server.Requests).Json.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(2, messages[0].GetProperty("content").GetArrayLength());
        Assert.False(Assert.Single(server.Requests).Json.TryGetProperty("system", out _));
    }

    [Fact]
    public async Task Maps_text_finish_reason_usage_and_model_id_from_the_answer()
    {
        await using var server = await FakeBedrockServer.StartAsync(
            FakeReply.Converse("Heist and safecracker are Crime cues.", "max_tokens", inputTokens: 57, outputTokens: 9));
        using var test = TestClient.For(server);

        var response = await test.Client.GetResponseAsync(Conversation);

        Assert.Equal("Heist and safecracker are Crime cues.", response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(57, response.Usage?.InputTokenCount);
        Assert.Equal(9, response.Usage?.OutputTokenCount);
        Assert.Equal(66, response.Usage?.TotalTokenCount);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", response.ModelId);
        Assert.Equal(412L, response.AdditionalProperties?["LatencyMs"]);
        Assert.Equal("max_tokens", response.AdditionalProperties?["StopReason"]);
        Assert.False(string.IsNullOrEmpty(response.ResponseId));
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("guardrail_intervened", "content_filter")]
    [InlineData("content_filtered", "content_filter")]
    [InlineData("some_future_reason", "some_future_reason")]
    public async Task Stop_reasons_map_to_finish_reasons(string stopReason, string finishReason)
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse(stopReason: stopReason));
        using var test = TestClient.For(server);

        var response = await test.Client.GetResponseAsync(Conversation);

        Assert.Equal(finishReason, response.FinishReason?.Value);
    }

    [Fact]
    public async Task Session_tokens_are_sent_and_signed()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server, credentials:
            AwsCredentialSource.FromKeys(TestEnvironment.AccessKeyId, TestEnvironment.SecretAccessKey, "FQoGZXIvYXdzEXAMPLETOKEN+/="));

        await test.Client.GetResponseAsync(Conversation);

        var request = Assert.Single(server.Requests);
        Assert.True(request.Signature.IsValid, request.Signature.Problem);
        Assert.Equal("FQoGZXIvYXdzEXAMPLETOKEN+/=", request.Headers["x-amz-security-token"]);
        Assert.Equal("content-type;host;x-amz-date;x-amz-security-token", request.Signature.SignedHeaders);
    }

    [Fact]
    public async Task An_inference_profile_arn_is_encoded_as_one_path_segment()
    {
        const string arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0";
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server, o => o.ModelId = arn);

        var response = await test.Client.GetResponseAsync(Conversation);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.amazon.nova-lite-v1%3A0/converse",
            request.RawTarget);
        Assert.True(request.Signature.IsValid, request.Signature.Problem);
        Assert.Equal(arn, response.ModelId);
    }

    [Fact]
    public async Task A_wrong_secret_is_caught_by_the_servers_signature_check()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server, credentials:
            AwsCredentialSource.FromKeys(TestEnvironment.AccessKeyId, "not-the-secret-the-server-knows"));

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Conversation));

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("signature mismatch", Assert.Single(server.Requests).Signature.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse("Crime, because of the heist."));
        using var test = TestClient.For(server);

        var response = await test.Client.GetStreamingResponseAsync(Conversation).ToChatResponseAsync();

        Assert.Equal("Crime, because of the heist.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Without_user_or_assistant_text_the_call_is_refused_before_sending()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            test.Client.GetResponseAsync([new ChatMessage(ChatRole.System, "Only instructions.")]));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Metadata_names_the_provider_endpoint_and_model()
    {
        using var http = new HttpClient();
        using var client = new BedrockConverseClient(http, new BedrockOptions { Region = "eu-west-3" },
            AwsCredentialSource.FromKeys(TestEnvironment.AccessKeyId, TestEnvironment.SecretAccessKey));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("aws.bedrock", metadata.ProviderName);
        Assert.Equal(new Uri("https://bedrock-runtime.eu-west-3.amazonaws.com"), metadata.ProviderUri);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<IChatClient>());
    }
}
