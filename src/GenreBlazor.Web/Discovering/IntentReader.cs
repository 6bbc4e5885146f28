using GenreBlazor.Bedrock;
using GenreBlazor.Discovery.Intent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Discovering;

/// <summary>An intent and who read it: "bedrock" or "local".</summary>
public sealed record ReadIntent(DiscoveryIntent Intent, string Source, string? BedrockProblem);

/// <summary>
/// Reads a discovery request with Bedrock Converse through the app's chat pipeline (when enabled), checked against
/// <see cref="IntentSchema"/>; on any failure — off, error, timeout, an answer outside the schema — the local parser.
/// </summary>
public sealed class IntentReader(DiscoveryHost host, BedrockOptions bedrock, IOptions<DiscoveryOptions> options, ILogger<IntentReader> logger, IChatClient? chat = null)
{
    public const string Bedrock = "bedrock";
    public const string Local = "local";

    public async Task<ReadIntent> ReadAsync(string request, CancellationToken cancellationToken)
    {
        string? problem = null;
        if (chat is not null && bedrock.Enabled && options.Value.UseBedrock)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(bedrock.Timeout);
            try
            {
                var response = await chat.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, IntentSchema.System), new ChatMessage(ChatRole.User, IntentSchema.User(request))],
                    new ChatOptions { ModelId = bedrock.ModelId, MaxOutputTokens = bedrock.MaxTokens, Temperature = 0f }, deadline.Token);
                if (IntentSchema.Read(response.Text, out problem) is { } intent)
                {
                    return new ReadIntent(intent, Bedrock, null);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"no answer within {bedrock.Timeout.TotalSeconds:0.#} s";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = e.Message;
            }
            logger.LogWarning("Bedrock did not read the discovery request ({Problem}); the local parser does", problem);
        }
        return new ReadIntent(host.Parser.Parse(request), Local, problem);
    }
}
