using System.Net;
using Amazon.Runtime;
using GenreBlazor.Testing.Bedrock;
using Microsoft.Extensions.AI;

namespace GenreBlazor.Bedrock.Tests;

/// <summary>Every fault ends as one <see cref="BedrockException"/>; throttling and unavailability are retried first.</summary>
public sealed class BedrockFaultTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Why Comedy?")];

    [Fact]
    public async Task A_400_validation_error_is_not_retried()
    {
        await using var server = await FakeBedrockServer.StartAsync(
            FakeReply.AwsError(400, "ValidationException", "Malformed input request: messages must alternate."));
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(BedrockErrorTypes.ValidationException, error.ErrorType);
        Assert.Contains("Malformed input request: messages must alternate.", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_403_access_denied_names_its_type()
    {
        await using var server = await FakeBedrockServer.StartAsync(
            FakeReply.AwsError(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."));
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(BedrockErrorTypes.AccessDeniedException, error.ErrorType);
        Assert.False(error.IsRetryable);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Throttling_twice_then_success_is_retried_and_re_signed()
    {
        await using var server = await FakeBedrockServer.StartAsync((_, n) => n <= 2
            ? FakeReply.AwsError(429, "ThrottlingException", "Too many requests, please wait before trying again.")
            : FakeReply.Converse("Third time lucky."));
        using var test = TestClient.For(server, o => o.MaxRetries = 3);

        var response = await test.Client.GetResponseAsync(Question);

        Assert.Equal("Third time lucky.", response.Text);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.True(r.Signature.IsValid, r.Signature.Problem));
    }

    [Fact]
    public async Task Throttling_that_never_ends_fails_after_max_retries()
    {
        await using var server = await FakeBedrockServer.StartAsync(
            FakeReply.AwsError(429, "ThrottlingException", "Too many requests, please wait before trying again."));
        using var test = TestClient.For(server, o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(BedrockErrorTypes.ThrottlingException, error.ErrorType);
        Assert.True(error.IsRetryable);
        Assert.Equal(3, server.Requests.Count); // the first attempt and two retries
    }

    [Fact]
    public async Task With_no_retries_configured_a_429_fails_at_once()
    {
        await using var server = await FakeBedrockServer.StartAsync(
            FakeReply.AwsError(429, "ThrottlingException", "Too many requests."));
        using var test = TestClient.For(server, o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Service_unavailable_once_then_success_is_retried()
    {
        await using var server = await FakeBedrockServer.StartAsync((_, n) => n == 1
            ? FakeReply.AwsError(503, "ServiceUnavailableException", "Service unavailable.")
            : FakeReply.Converse("Back again."));
        using var test = TestClient.For(server);

        var response = await test.Client.GetResponseAsync(Question);

        Assert.Equal("Back again.", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_500_is_reported_as_transient_but_not_retried_within_the_call()
    {
        await using var server = await FakeBedrockServer.StartAsync(
            FakeReply.AwsError(500, "InternalServerException", "An internal server error occurred."));
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(BedrockErrorTypes.InternalServerException, error.ErrorType);
        Assert.True(error.IsRetryable);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(408, """{"message":"Model timed out."}""", null, "ModelTimeoutException")]
    [InlineData(424, """{"message":"Model failed."}""", null, "ModelErrorException")]
    [InlineData(400, """{"__type":"com.amazon.bedrock.runtime#ValidationException","message":"bad"}""", null, "ValidationException")]
    [InlineData(502, "<html>Bad Gateway</html>", null, "Http502")]
    [InlineData(404, """{"Message":"Model not found."}""", "ResourceNotFoundException", "ResourceNotFoundException")]
    public async Task Error_types_come_from_the_header_the_body_or_the_status(int status, string body, string? header, string expected)
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Json(status, body, header));
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(expected, error.ErrorType);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
    }

    [Fact]
    public async Task A_success_status_with_malformed_json_is_a_malformed_response()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Json(200, """{"output":{"message":{"role":"assistant","content":[{"text":"cut"""));
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.MalformedResponse, error.ErrorType);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData("""{"stopReason":"end_turn"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"output":{"message":{"role":"assistant","content":[{"text":"x"}]}},"usage":{"inputTokens":"many"}}""")]
    public async Task Json_of_the_wrong_shape_is_a_malformed_response(string body)
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Json(200, body));
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.MalformedResponse, error.ErrorType);
    }

    [Theory]
    [InlineData("""{"output":{"message":{"role":"assistant","content":[]}},"stopReason":"end_turn"}""")]
    [InlineData("""{"output":{"message":{"role":"assistant","content":[{"text":"  "}]}},"stopReason":"content_filtered"}""")]
    [InlineData("""{"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"x","input":{}}}]}},"stopReason":"tool_use"}""")]
    public async Task A_success_without_text_is_an_empty_response(string body)
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Json(200, body));
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.EmptyResponse, error.ErrorType);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task A_stall_longer_than_the_timeout_becomes_a_timeout_exception()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Stall(TimeSpan.FromSeconds(60)));
        using var test = TestClient.For(server, o => o.Timeout = TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.Timeout, error.ErrorType);
        Assert.Null(error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(error.InnerException);
    }

    [Fact]
    public async Task The_timeout_also_bounds_the_retries()
    {
        // Each 429 asks for a retry, but the back-off alone outlasts the budget.
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.AwsError(429, "ThrottlingException", "slow down"));
        using var test = TestClient.For(server, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(2);
            o.MaxRetries = 5;
            o.RetryBaseDelay = TimeSpan.FromSeconds(30);
            o.MaxRetryDelay = TimeSpan.FromSeconds(30);
        });

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.Timeout, error.ErrorType);
        // No second attempt: the back-off was cut short (on a very slow machine even the first may not have arrived).
        Assert.InRange(server.Requests.Count, 0, 1);
    }

    [Fact]
    public async Task A_connection_closed_mid_answer_is_a_connection_failure()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.DropConnection());
        using var test = TestClient.For(server);

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.ConnectionFailed, error.ErrorType);
        Assert.Null(error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.True(error.InnerException is HttpRequestException or IOException, error.InnerException?.GetType().FullName);
    }

    [Fact]
    public async Task Nobody_listening_is_a_connection_failure()
    {
        Uri deadEndpoint;
        await using (var server = await FakeBedrockServer.StartAsync(FakeReply.Converse()))
        {
            deadEndpoint = server.Endpoint;
        }
        using var http = new HttpClient();
        using var client = new BedrockConverseClient(http,
            new BedrockOptions { Endpoint = deadEndpoint, Timeout = TimeSpan.FromSeconds(20) },
            AwsCredentialSource.FromKeys(TestEnvironment.AccessKeyId, TestEnvironment.SecretAccessKey));

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.ConnectionFailed, error.ErrorType);
    }

    [Fact]
    public async Task Caller_cancellation_stays_an_operation_canceled_exception()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Stall(TimeSpan.FromSeconds(60)));
        using var test = TestClient.For(server);
        using var cancellation = new CancellationTokenSource();

        var call = test.Client.GetResponseAsync(Question, cancellationToken: cancellation.Token);
        await WaitUntil(() => server.Requests.Count == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Credentials_that_cannot_be_found_fail_clearly_before_any_request()
    {
        await using var server = await FakeBedrockServer.StartAsync(FakeReply.Converse());
        using var test = TestClient.For(server, credentials: new AwsCredentialSource(new UnavailableCredentials()));

        var error = await Assert.ThrowsAsync<BedrockException>(() => test.Client.GetResponseAsync(Question));

        Assert.Equal(BedrockErrorTypes.MissingCredentials, error.ErrorType);
        Assert.Contains("No AWS credentials for Bedrock", error.Message, StringComparison.Ordinal);
        Assert.Contains("no credentials in this test", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Empty(server.Requests);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition(), "the fake server never saw the request");
    }

    private sealed class UnavailableCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw Missing();

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(Missing());

        private static AmazonClientException Missing() => new("no credentials in this test");
    }
}
