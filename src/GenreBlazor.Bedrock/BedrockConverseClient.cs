using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GenreBlazor.Bedrock.Converse;
using GenreBlazor.Bedrock.Signing;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GenreBlazor.Bedrock;

/// <summary>
/// An <see cref="IChatClient"/> over Amazon Bedrock Runtime's Converse operation, signed with SigV4 (service <c>bedrock</c>).
/// Every fault becomes a <see cref="BedrockException"/>; throttling (429) and unavailability (503) are retried with
/// exponential back-off and jitter, and the whole call is bounded by <see cref="BedrockOptions.Timeout"/>.
/// Thread-safe; it does not own the <see cref="HttpClient"/>.
/// </summary>
public sealed class BedrockConverseClient : IChatClient
{
    /// <summary>SigV4 signing name of Bedrock Runtime (its host name says <c>bedrock-runtime</c>, its scope says <c>bedrock</c>).</summary>
    public const string SigningService = "bedrock";

    private readonly HttpClient _http;
    private readonly BedrockOptions _options;
    private readonly AwsCredentialSource _credentials;
    private readonly TimeProvider _time;
    private readonly SigV4Signer _signer;
    private readonly ResiliencePipeline _pipeline;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates the client; <paramref name="httpClient"/> typically comes from <c>IHttpClientFactory</c>.</summary>
    /// <param name="httpClient">Sends the requests; its own Timeout should be at least <see cref="BedrockOptions.Timeout"/>.</param>
    /// <param name="options">Region, model, defaults, timeout and retry settings.</param>
    /// <param name="credentials">Where the AWS identity comes from; share one instance across clients.</param>
    /// <param name="timeProvider">Clock for signing and back-off; the system clock when null.</param>
    public BedrockConverseClient(
        HttpClient httpClient,
        BedrockOptions options,
        AwsCredentialSource credentials,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region, "options.Region");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, "options.ModelId");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, "options.Timeout");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, "options.MaxRetries");

        _http = httpClient;
        _options = options;
        _credentials = credentials;
        _time = timeProvider ?? TimeProvider.System;
        _signer = new SigV4Signer(options.Region, SigningService);
        _pipeline = BuildPipeline(options, _time);
        Endpoint = options.ResolveEndpoint();
        _metadata = new ChatClientMetadata("aws.bedrock", Endpoint, options.ModelId);
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// Sends one Converse call. System messages (and <see cref="ChatOptions.Instructions"/>) become <c>system</c> blocks,
    /// user and assistant messages become <c>messages</c>; <see cref="ChatOptions.MaxOutputTokens"/>,
    /// <see cref="ChatOptions.Temperature"/>, <see cref="ChatOptions.TopP"/>, <see cref="ChatOptions.StopSequences"/>
    /// and <see cref="ChatOptions.ModelId"/> override the configured defaults.
    /// </summary>
    /// <exception cref="BedrockException">Any fault of the call, including the overall timeout (<see cref="BedrockErrorTypes.Timeout"/>).</exception>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var modelId = string.IsNullOrWhiteSpace(options?.ModelId) ? _options.ModelId : options.ModelId;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            ConverseRequestBuilder.Build(messages, options, _options), ConverseJsonContext.Default.ConverseRequest);
        var address = new Uri($"{Endpoint.AbsoluteUri.TrimEnd('/')}/model/{Uri.EscapeDataString(modelId)}/converse");

        try
        {
            return await _pipeline.ExecuteAsync(
                async token => await SendOnceAsync(address, body, modelId, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new BedrockException(BedrockErrorTypes.Timeout,
                $"Bedrock did not answer within {_options.Timeout.TotalSeconds:0.###} s (all attempts included).",
                isRetryable: true, innerException: e);
        }
    }

    /// <summary>Not a true stream: awaits the whole answer, then yields it as updates.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>Returns this client or its <see cref="ChatClientMetadata"/> when asked for them without a key.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }
        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the HttpClient and the credential source belong to the caller.</summary>
    public void Dispose()
    {
    }

    private async ValueTask<ChatResponse> SendOnceAsync(Uri address, byte[] body, string modelId, CancellationToken token)
    {
        var credentials = await _credentials.GetSigningCredentialsAsync(token).ConfigureAwait(false);
        using var request = SignedRequest(address, body, credentials);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            var payload = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            return ConverseResponseReader.Read(response, payload, modelId, _time.GetUtcNow());
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            // Cancelled without our token: the HttpClient's own Timeout fired first.
            throw new BedrockException(BedrockErrorTypes.Timeout,
                "The HttpClient's own timeout ended the Bedrock call.", isRetryable: true, innerException: e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new BedrockException(BedrockErrorTypes.ConnectionFailed,
                $"The connection to Bedrock failed before a complete answer arrived: {e.Message}",
                isRetryable: true, innerException: e);
        }
    }

    private HttpRequestMessage SignedRequest(Uri address, byte[] body, SigningCredentials credentials)
    {
        const string contentType = "application/json";
        var signature = _signer.Sign(
            new SigV4Request("POST", address, [new("content-type", contentType)], body),
            credentials,
            _time.GetUtcNow());

        var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(contentType));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        if (signature.SecurityToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", signature.SecurityToken);
        }
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return request;
    }

    private static ResiliencePipeline BuildPipeline(BedrockOptions options, TimeProvider time)
    {
        // Timeout outside retry: the budget covers every attempt and every back-off delay.
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.Timeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<BedrockException>(e =>
                    e.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
            });
        }
        return builder.Build();
    }
}
