using System.Text.Json;
using System.Text.RegularExpressions;

namespace GenreBlazor.Testing.Bedrock;

/// <summary>
/// Stand-ins for a language model's replies that read the request the app sent (its Converse JSON), the way a real model
/// reads its prompt: which genres were predicted, which evidence was listed, which code the plot block carries.
/// </summary>
public static partial class FakeModel
{
    /// <summary>The system message's text.</summary>
    public static string SystemText(ReceivedRequest request) => request.Json.GetProperty("system")[0].GetProperty("text").GetString()!;

    /// <summary>The user message's text.</summary>
    public static string UserText(ReceivedRequest request) =>
        request.Json.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString()!;

    /// <summary>The predicted genres the prompt lists, in its order.</summary>
    public static IReadOnlyList<string> PredictedGenres(ReceivedRequest request)
    {
        var user = UserText(request).ReplaceLineEndings("\n");
        var block = user[..user.IndexOf("\n\n", StringComparison.Ordinal)];
        return [.. GenreLine().Matches(block).Select(m => m.Groups["genre"].Value)];
    }

    /// <summary>The first evidence word listed as pushing <paramref name="genre"/> up.</summary>
    public static string FirstEvidence(ReceivedRequest request, string genre)
    {
        var line = UserText(request).ReplaceLineEndings("\n").Split('\n').First(l => l.StartsWith($"- {genre}: up \"", StringComparison.Ordinal));
        return Quoted().Match(line).Groups["text"].Value;
    }

    /// <summary>The random code of the plot block's markers.</summary>
    public static string Boundary(ReceivedRequest request) => Marker().Match(UserText(request)).Groups["code"].Value;

    /// <summary>The plot as it sits between the block's markers.</summary>
    public static string PlotBlock(ReceivedRequest request)
    {
        var user = UserText(request).ReplaceLineEndings("\n");
        var code = Boundary(request);
        var open = user.IndexOf($"<plot-{code}>\n", StringComparison.Ordinal) + $"<plot-{code}>\n".Length;
        return user[open..user.IndexOf($"\n</plot-{code}>", StringComparison.Ordinal)];
    }

    /// <summary>A good answer: names the predicted genres and cites the first evidence word of the first one.</summary>
    public static string GroundedAnswer(ReceivedRequest request)
    {
        var genres = PredictedGenres(request);
        return $"The classifier chose {string.Join(" and ", genres)} mainly because the plot says \"{FirstEvidence(request, genres[0])}\", "
            + $"which pushes {genres[0]} up more than anything else. The other words add smaller pushes in the same direction.";
    }

    /// <summary>A Converse reply carrying <paramref name="text"/>.</summary>
    public static FakeReply Says(string text, int inputTokens = 120, int outputTokens = 30) =>
        FakeReply.Converse(text, inputTokens: inputTokens, outputTokens: outputTokens);

    [GeneratedRegex(@"^- (?<genre>[A-Za-z ]+): \d+% \(threshold", RegexOptions.Multiline)]
    private static partial Regex GenreLine();

    [GeneratedRegex("\"(?<text>[^\"]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"<plot-(?<code>[0-9a-f]+)>")]
    private static partial Regex Marker();
}
