using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace GenreBlazor.Bedrock.Converse;

/// <summary>Turns a Converse HTTP answer into a <see cref="ChatResponse"/>, or into a <see cref="BedrockException"/>.</summary>
internal static class ConverseResponseReader
{
    public static ChatResponse Read(HttpResponseMessage response, byte[] body, string modelId, DateTimeOffset receivedAt)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw ErrorFrom(response, body);
        }

        ConverseResponse? converse;
        try
        {
            converse = JsonSerializer.Deserialize(body, ConverseJsonContext.Default.ConverseResponse);
        }
        catch (JsonException e)
        {
            throw new BedrockException(BedrockErrorTypes.MalformedResponse,
                $"Bedrock answered {(int)response.StatusCode} with a body that is not Converse JSON: {e.Message}",
                response.StatusCode, innerException: e);
        }

        if (converse?.Output?.Message is not { } message)
        {
            throw new BedrockException(BedrockErrorTypes.MalformedResponse,
                "Bedrock's Converse answer has no output.message.", response.StatusCode);
        }

        var texts = (message.Content ?? []).Select(b => b.Text).OfType<string>().Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (texts.Count == 0)
        {
            throw new BedrockException(BedrockErrorTypes.EmptyResponse,
                $"Bedrock's answer holds no text (stopReason '{converse.StopReason}').", response.StatusCode);
        }

        var reply = new ChatMessage(ChatRole.Assistant, texts.Select(t => (AIContent)new TextContent(t)).ToList());
        var additional = new AdditionalPropertiesDictionary();
        if (converse.StopReason is not null)
        {
            additional["StopReason"] = converse.StopReason;
        }
        if (converse.Metrics?.LatencyMs is { } latency)
        {
            additional["LatencyMs"] = latency;
        }

        return new ChatResponse(reply)
        {
            ModelId = modelId,
            ResponseId = FirstHeader(response, "x-amzn-RequestId"),
            CreatedAt = receivedAt,
            FinishReason = FinishReasonOf(converse.StopReason),
            Usage = converse.Usage is { } usage
                ? new UsageDetails
                {
                    InputTokenCount = usage.InputTokens,
                    OutputTokenCount = usage.OutputTokens,
                    TotalTokenCount = usage.TotalTokens ?? usage.InputTokens + usage.OutputTokens,
                }
                : null,
            AdditionalProperties = additional,
            RawRepresentation = converse,
        };
    }

    /// <summary>Maps Bedrock's <c>stopReason</c>; unknown values are kept as they are.</summary>
    public static ChatFinishReason? FinishReasonOf(string? stopReason) => stopReason switch
    {
        null => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "guardrail_intervened" or "content_filtered" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(stopReason),
    };

    private static BedrockException ErrorFrom(HttpResponseMessage response, byte[] body)
    {
        AwsErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, ConverseJsonContext.Default.AwsErrorBody);
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML or plain text; the status code still says enough.
        }

        var status = response.StatusCode;
        var errorType = CleanErrorType(FirstHeader(response, "x-amzn-ErrorType"))
            ?? CleanErrorType(error?.Type)
            ?? ErrorTypeOf(status);
        var detail = error?.Message ?? PlainText(body) ?? response.ReasonPhrase ?? "no details";
        return new BedrockException(errorType, $"Bedrock answered {(int)status} {errorType}: {detail}", status, IsTransient(status));
    }

    /// <summary><c>ThrottlingException:http://internal.amazon.com/...</c> and <c>com.amazon.bedrock#ThrottlingException</c> both mean <c>ThrottlingException</c>.</summary>
    private static string? CleanErrorType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var type = raw.Split(':', 2)[0];
        type = type[(type.LastIndexOf('#') + 1)..].Trim();
        return type.Length == 0 ? null : type;
    }

    private static string ErrorTypeOf(HttpStatusCode status) => (int)status switch
    {
        400 => BedrockErrorTypes.ValidationException,
        403 => BedrockErrorTypes.AccessDeniedException,
        404 => BedrockErrorTypes.ResourceNotFoundException,
        408 => BedrockErrorTypes.ModelTimeoutException,
        424 => BedrockErrorTypes.ModelErrorException,
        429 => BedrockErrorTypes.ThrottlingException,
        500 => BedrockErrorTypes.InternalServerException,
        503 => BedrockErrorTypes.ServiceUnavailableException,
        var code => $"Http{code}",
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string? PlainText(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim();
        return text.Length == 0 ? null : text;
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
