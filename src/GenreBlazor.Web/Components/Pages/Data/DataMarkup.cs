using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GenreBlazor.Core.Genres;
using GenreBlazor.Lifecycle.Drift;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Web.Components.Shared;
using GenreBlazor.Web.Datasets;
using Microsoft.AspNetCore.Components;

namespace GenreBlazor.Web.Components.Pages.Data;

/// <summary>
/// A data set's statistics and changes as HTML, written once per report and shared by every circuit showing it (a
/// report never changes): a circuit holds one markup frame, not the hundreds of elements of the charts and the 19 × 19
/// table (decision 0059 measured what those cost the Analyze page).
/// </summary>
internal static class DataMarkup
{
    private const int ShownLanguages = 15;
    private static readonly ConditionalWeakTable<DataReport, string> Written = [];

    public static MarkupString Of(DataReport report) => new(Written.GetValue(report, Write));

    private static string Write(DataReport report)
    {
        var html = new StringBuilder(64 * 1024);
        if (report.Changes is { } changes)
        {
            Changes(html, changes);
        }
        if (report.Profile is not { } profile)
        {
            if (report.Snapshot is { } snapshot)
            {
                Section(html, "data-genres", "Movies per genre");
                ChartMarkup.BarChart(html, snapshot.Genres.OrderByDescending(g => g.Value).Select(g => (g.Key, g.Value)).ToList(), "Movies per genre", "genre-counts");
                html.Append("</section>");
                Languages(html, snapshot.Languages);
            }
            return html.ToString();
        }

        if (profile.GenresPerMovie is { } perMovie)
        {
            Section(html, "data-per-movie", "Genres per movie");
            ChartMarkup.BarChart(html, perMovie.Select((n, k) => (k == 1 ? "1 genre" : $"{k} genres", n)).ToList(), "Movies by how many genres they have", "genres-per-movie");
            html.Append("</section>");
        }

        Section(html, "data-genres", "Movies per genre");
        ChartMarkup.BarChart(html, profile.Genres.OrderByDescending(g => g.Value).Select(g => (g.Key, g.Value)).ToList(), "Movies per genre", "genre-counts");
        html.Append("</section>");

        Section(html, "data-pairs", "Genres together");
        html.Append("<p class=\"hint\">Movies having both genres; the shade is the share of the row genre's movies that also have the column genre.</p>");
        ChartMarkup.Heatmap(html, GenreCatalog.All, GenreCatalog.All.Select(g => profile.Genres[g]).ToList(), profile.Cooccurrence, "Genre co-occurrence");
        html.Append("</section>");

        if (profile.Overview is { } overview)
        {
            Section(html, "data-overview", "Overview length");
            html.Append(CultureInfo.InvariantCulture, $"<p data-testid=\"overview-lengths\">In characters: shortest {N(overview.Shortest)}, median {N(overview.Median)}, mean {overview.Mean:0.#}, longest {N(overview.Longest)}.</p>");
            var edges = DriftMonitor.LengthBins;
            var bins = overview.Bins.Select((n, b) => (b == 0 ? $"up to {edges[0]}" : b < edges.Count ? $"{edges[b - 1] + 1}–{edges[b]}" : $"over {edges[^1]}", n)).ToList();
            ChartMarkup.BarChart(html, bins, "Movies by overview length in characters", "overview-histogram");
            html.Append("</section>");
        }
        if (profile.Languages is { } languages)
        {
            Languages(html, languages);
        }
        return html.ToString();
    }

    private static void Languages(StringBuilder html, IReadOnlyDictionary<string, int> languages)
    {
        Section(html, "data-languages", "Languages");
        var ordered = languages.OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).ToList();
        var bars = ordered.Take(ShownLanguages).Select(l => (Language(l.Key), l.Value)).ToList();
        if (ordered.Count > ShownLanguages)
        {
            bars.Add(($"{ordered.Count - ShownLanguages} others", ordered.Skip(ShownLanguages).Sum(l => l.Value)));
        }
        html.Append(CultureInfo.InvariantCulture, $"<p>{N(ordered.Count)} original languages.</p>");
        ChartMarkup.BarChart(html, bars, "Movies per original language", "languages");
        html.Append("</section>");
    }

    private static void Changes(StringBuilder html, SnapshotChanges changes)
    {
        html.Append("<section class=\"card\" aria-labelledby=\"data-changes\" data-testid=\"changes\"><h2 id=\"data-changes\">Since the previous snapshot</h2>");
        html.Append("<p>Compared with <span class=\"mono\">").Append(ChartMarkup.Encode(changes.Previous)).Append("</span>.</p>");
        if (changes.Added is { } added)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p data-testid=\"row-changes\">Rows added: <strong>{N(added)}</strong>, removed: <strong>{N(changes.Removed ?? 0)}</strong>, changed: <strong>{N(changes.Changed ?? 0)}</strong>.</p>");
        }
        else
        {
            html.Append("<p data-testid=\"row-changes\">Which rows changed is not known: one of the two snapshots was recorded before snapshots kept their rows' digests.</p>");
        }
        Deltas(html, "Genre", changes.Genres, g => g, "genre-deltas");
        Deltas(html, "Language", changes.Languages, Language, "language-deltas");
        html.Append("</section>");
    }

    private static void Deltas(StringBuilder html, string what, IReadOnlyDictionary<string, int> deltas, Func<string, string> name, string testId)
    {
        if (deltas.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p data-testid=\"{testId}\">No {what.ToLowerInvariant()} count moved.</p>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"deltas\" data-testid=\"{testId}\"><caption>{what} counts that moved</caption><thead><tr><th scope=\"col\">{what}</th><th scope=\"col\">Movies</th></tr></thead><tbody>");
        foreach (var (key, delta) in deltas.Take(ShownLanguages))
        {
            html.Append("<tr><th scope=\"row\">").Append(ChartMarkup.Encode(name(key))).Append("</th><td>")
                .Append(delta.ToString("+#,0;−#,0", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        html.Append("</tbody></table>");
        if (deltas.Count > ShownLanguages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\">and {deltas.Count - ShownLanguages} more.</p>");
        }
    }

    private static void Section(StringBuilder html, string id, string title) =>
        html.Append("<section class=\"card\" aria-labelledby=\"").Append(id).Append("\"><h2 id=\"").Append(id).Append("\">").Append(title).Append("</h2>");

    private static string Language(string code) => code.Length == 0 ? "unknown" : code;

    private static string N(int value) => ChartMarkup.Number(value);
}
