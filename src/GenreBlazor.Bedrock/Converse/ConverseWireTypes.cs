using System.Text.Json.Serialization;

namespace GenreBlazor.Bedrock.Converse;

// The JSON of Bedrock Runtime's Converse operation (POST /model/{modelId}/converse), text content only.

internal sealed record ConverseRequest(
    IReadOnlyList<ConverseMessage> Messages,
    IReadOnlyList<ConverseContentBlock>? System,
    ConverseInferenceConfig? InferenceConfig);

internal sealed record ConverseMessage(string Role, IReadOnlyList<ConverseContentBlock>? Content);

/// <summary>One content block; blocks of other kinds (toolUse, reasoningContent, image) read back with a null text.</summary>
internal sealed record ConverseContentBlock(string? Text);

internal sealed record ConverseInferenceConfig(
    int? MaxTokens,
    float? Temperature,
    float? TopP,
    IReadOnlyList<string>? StopSequences);

internal sealed record ConverseResponse(
    ConverseOutput? Output,
    string? StopReason,
    ConverseUsage? Usage,
    ConverseMetrics? Metrics);

internal sealed record ConverseOutput(ConverseMessage? Message);

internal sealed record ConverseUsage(long? InputTokens, long? OutputTokens, long? TotalTokens);

internal sealed record ConverseMetrics(long? LatencyMs);

/// <summary>An AWS JSON error body: <c>{"message": "..."}</c>, sometimes with <c>__type</c> (<c>namespace#ErrorType</c>).</summary>
internal sealed record AwsErrorBody(
    string? Message,
    [property: JsonPropertyName("__type")] string? Type);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConverseRequest))]
[JsonSerializable(typeof(ConverseResponse))]
[JsonSerializable(typeof(AwsErrorBody))]
internal sealed partial class ConverseJsonContext : JsonSerializerContext;
