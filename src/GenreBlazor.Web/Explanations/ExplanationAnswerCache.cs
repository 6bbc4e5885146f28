using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GenreBlazor.Core.Explanations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;

namespace GenreBlazor.Web.Explanations;

/// <summary>
/// The caching stage of the explanation chat pipeline, over <see cref="HybridCache"/> (memory, plus a distributed
/// layer when one is registered, so replicas share what was paid for). The key is the question, not the request text:
/// the prompt carries a random delimiter code on every call, so the explanation service names the question in
/// <see cref="ChatOptions.AdditionalProperties"/> (<see cref="WithQuestion"/>): model version, Bedrock model, plot hash
/// and thresholds, with the prompt version. Requests without one are keyed by their whole content. Two differences from
/// <see cref="DistributedCachingChatClient"/> that the explanation service needs: an answer served from the cache is
/// marked (<see cref="IsFromCache"/>), so it is neither billed to the token budget nor counted as a call; and an answer
/// that later fails the answer check is removed (<see cref="ForgetAsync"/>), so the next request asks again instead of
/// being refused from the cache for a day. Streaming is not cached: explanations do not stream.
/// </summary>
public sealed class ExplanationAnswerCache(IChatClient innerClient, HybridCache cache, TimeSpan lifetime) : CachingChatClient(innerClient)
{
    private const string FromCacheProperty = "genreblazor.fromCache";
    private const string QuestionProperty = "genreblazor.question";

    // Reading must not store anything: the factory's "nothing here" is not an answer.
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private static readonly JsonTypeInfo<ChatResponse> ResponseJson = (JsonTypeInfo<ChatResponse>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse));

    private readonly HybridCacheEntryOptions _write = new() { Expiration = lifetime, LocalCacheExpiration = lifetime };

    /// <summary>Names the question <paramref name="options"/> ask: every input that changes the answer.</summary>
    public static ChatOptions WithQuestion(ChatOptions options, string modelVersion, string bedrockModel, string plot, IReadOnlyList<float> thresholds)
    {
        ArgumentNullException.ThrowIfNull(options);
        var plotHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plot)));
        var cut = string.Join(",", thresholds.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)));
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[QuestionProperty] = $"{modelVersion}|{bedrockModel}|{plotHash}|{cut}";
        return options;
    }

    /// <summary>Whether <paramref name="response"/> came from the cache rather than from the model.</summary>
    public static bool IsFromCache(ChatResponse response) =>
        response?.AdditionalProperties?.ContainsKey(FromCacheProperty) == true;

    /// <summary>Removes the cached answer to this request, if there is one.</summary>
    public async Task ForgetAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken = default) =>
        await cache.RemoveAsync(GetCacheKey(messages, options), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override string GetCacheKey(IEnumerable<ChatMessage> messages, ChatOptions? options, params ReadOnlySpan<object?> additionalValues) =>
        options?.AdditionalProperties?.TryGetValue(QuestionProperty, out var question) == true && question is string named
            ? $"{ExplanationPrompt.Version}|{named}"
            : $"{ExplanationPrompt.Version}|{AIJsonUtilities.HashDataToString([messages, options, .. additionalValues], AIJsonUtilities.DefaultOptions)}";

    /// <inheritdoc />
    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        var json = await cache.GetOrCreateAsync<string?>(key, static _ => ValueTask.FromResult<string?>(null), ReadOnly, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }
        var response = JsonSerializer.Deserialize(json, ResponseJson);
        if (response is null)
        {
            return null;
        }
        response.AdditionalProperties ??= [];
        response.AdditionalProperties[FromCacheProperty] = true;
        return response;
    }

    /// <inheritdoc />
    protected override async Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken) =>
        await cache.SetAsync(key, JsonSerializer.Serialize(value, ResponseJson), _write, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<ChatResponseUpdate>?> ReadCacheStreamingAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChatResponseUpdate>?>(null);

    /// <inheritdoc />
    protected override Task WriteCacheStreamingAsync(string key, IReadOnlyList<ChatResponseUpdate> value, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
