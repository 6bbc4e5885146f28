using System.Globalization;

namespace GenreBlazor.Core.Explanations;

/// <summary>
/// Writes the explanation without any outside service: two or three sentences composed from the case's evidence and the
/// genre definitions, always the same for the same case. It names the predicted genres (or, when none is predicted, the
/// closest one) and cites the strongest words and phrases with their pushes, so it obeys the contract Bedrock's answers
/// are checked against.
/// </summary>
public static class LocalExplainer
{
    public static string Explain(ExplanationCase explanationCase, GenreDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(explanationCase);
        ArgumentNullException.ThrowIfNull(definitions);
        var sentences = explanationCase.Predicted.Count == 0
            ? NothingPredicted(explanationCase.Closest, explanationCase.HasEvidence, definitions)
            : Predicted(explanationCase, definitions);
        return string.Join(" ", sentences);
    }

    private static IEnumerable<string> Predicted(ExplanationCase c, GenreDefinitions definitions)
    {
        var predicted = c.Predicted;
        yield return $"The model predicts {ExplanationFormat.List(predicted.Select(g => $"{g.Genre} ({ExplanationFormat.Percent(g.Probability)})"))}.";
        if (!c.HasEvidence)
        {
            yield return $"None of the plot's words is one the model has learned to weigh, so {(predicted.Count == 1 ? "this score comes" : "these scores come")} from its starting point for any plot, not from this plot.";
            yield break;
        }

        // Up to three genres get their evidence; more would make the sentence unreadable, the lists show the rest.
        var explained = predicted.Take(3).ToList();
        var perGenre = explained.Count == 1 ? 3 : 2;
        var parts = explained.Select((g, i) =>
        {
            var name = $"{g.Genre} ({definitions[g.Label].Gist})";
            return g.Up.Count == 0
                ? $"{name} has no word pushing it up and comes from the model's starting point"
                : $"{name} {(i == 0 ? "rests most on" : "on")} {ExplanationFormat.Cite(g.Up.Take(perGenre))}";
        });
        yield return ExplanationFormat.Capitalize(string.Join("; ", parts)) + ".";

        var rest = predicted.Skip(3).Select(g => g.Genre).ToList();
        var against = explained.FirstOrDefault(g => g.Down.Count > 0);
        var counter = against is null ? null
            : $"the strongest pull the other way is {ExplanationFormat.Cite(against.Down.Take(1))} on {against.Genre}";
        if (rest.Count > 0)
        {
            var also = $"{ExplanationFormat.List(rest)} also {(rest.Count == 1 ? "passes its threshold" : "pass their thresholds")} on weaker evidence";
            yield return counter is null ? also + "." : $"{also}, and {counter}.";
        }
        else if (counter is not null)
        {
            yield return ExplanationFormat.Capitalize(counter) + ".";
        }
    }

    private static IEnumerable<string> NothingPredicted(GenreEvidence closest, bool hasEvidence, GenreDefinitions definitions)
    {
        yield return $"No genre reaches its threshold: the closest is {closest.Genre} ({definitions[closest.Label].Gist}) at "
            + $"{ExplanationFormat.Percent(closest.Probability)} against a threshold of {ExplanationFormat.Percent(closest.Threshold)}.";
        if (!hasEvidence)
        {
            yield return "None of the plot's words is one the model has learned to weigh, so every score is its starting point for any plot.";
            yield break;
        }
        var up = closest.Up.Take(2).ToList();
        var down = closest.Down.Take(1).ToList();
        if (up.Count > 0)
        {
            var raise = $"{ExplanationFormat.Cite(up)} {(up.Count == 1 ? "raises" : "raise")} it, but not far enough";
            yield return ExplanationFormat.Capitalize(down.Count > 0 ? $"{raise}, and {ExplanationFormat.Cite(down)} pulls it down." : raise + ".");
        }
        else
        {
            yield return ExplanationFormat.Capitalize($"{ExplanationFormat.Cite(down)} pulls it down.");
        }
    }
}

/// <summary>How explanations write numbers, lists and cited evidence (invariant culture, plain text).</summary>
public static class ExplanationFormat
{
    /// <summary>A probability as a whole percentage: "91%", "&lt;1%".</summary>
    public static string Percent(float probability) =>
        probability < 0.005f ? "<1%" : ((int)MathF.Round(probability * 100)).ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>A push on a logit with its sign and two decimals: "+1.20", "-0.35".</summary>
    public static string Push(float push) => push.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>Evidence as cited in text: <c>"ghost" (+0.85), "haunted house" (+1.20) and "night" (+0.30)</c>.</summary>
    public static string Cite(IEnumerable<EvidenceItem> items) => List(items.Select(i => $"\"{i.Text}\" ({Push(i.Contribution)})"));

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }

    /// <summary>The text with its first letter in upper case (evidence words are lower case).</summary>
    public static string Capitalize(string text) =>
        text.Length > 0 && text[0] == '"' && text.Length > 1
            ? text // a sentence that opens with a quoted word keeps the word as the model knows it
            : text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
