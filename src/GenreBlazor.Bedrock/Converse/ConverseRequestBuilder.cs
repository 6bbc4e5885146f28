using Microsoft.Extensions.AI;

namespace GenreBlazor.Bedrock.Converse;

internal static class ConverseRequestBuilder
{
    public static ConverseRequest Build(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions, BedrockOptions defaults)
    {
        var system = new List<ConverseContentBlock>();
        if (!string.IsNullOrWhiteSpace(chatOptions?.Instructions))
        {
            system.Add(new ConverseContentBlock(chatOptions.Instructions));
        }

        var turns = new List<(string Role, List<ConverseContentBlock> Blocks)>();
        foreach (var message in messages)
        {
            var blocks = TextBlocks(message);
            if (message.Role == ChatRole.System)
            {
                system.AddRange(blocks);
                continue;
            }

            var role = RoleName(message.Role);
            if (blocks.Count == 0)
            {
                continue;
            }

            // Converse wants user and assistant turns to alternate, so consecutive same-role messages become one turn.
            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Blocks.AddRange(blocks);
            }
            else
            {
                turns.Add((role, blocks));
            }
        }

        if (turns.Count == 0)
        {
            throw new ArgumentException("Converse needs at least one user or assistant message with text.", nameof(messages));
        }

        var stopSequences = chatOptions?.StopSequences is { Count: > 0 } stops ? stops.ToList() : null;
        var inference = new ConverseInferenceConfig(
            chatOptions?.MaxOutputTokens ?? defaults.MaxTokens,
            chatOptions?.Temperature ?? defaults.Temperature,
            chatOptions?.TopP,
            stopSequences);

        return new ConverseRequest(
            turns.Select(t => new ConverseMessage(t.Role, t.Blocks)).ToList(),
            system.Count > 0 ? system : null,
            inference);
    }

    private static List<ConverseContentBlock> TextBlocks(ChatMessage message) =>
        message.Contents.OfType<TextContent>()
            .Where(t => !string.IsNullOrWhiteSpace(t.Text))
            .Select(t => new ConverseContentBlock(t.Text))
            .ToList();

    private static string RoleName(ChatRole role) =>
        role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : throw new NotSupportedException($"Chat role '{role}' has no Converse equivalent in this client (only system, user and assistant).");
}
