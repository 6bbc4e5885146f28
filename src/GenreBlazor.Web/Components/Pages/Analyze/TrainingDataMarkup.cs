using System.Runtime.CompilerServices;
using System.Text;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>
/// The training data panel's content — movies per genre as a bar chart, the same counts as text, and the 19 × 19
/// co-occurrence table — written once per loaded bundle and shared by every circuit. It never changes with the
/// thresholds, and as render-tree frames it cost each Analyze circuit hundreds of kilobytes (361 cells with their
/// titles and styles, the chart's SVG components); as one markup string it costs each a single frame (decision 0059).
/// </summary>
internal static class TrainingDataMarkup
{
    private static readonly ConditionalWeakTable<TrainingStatistics, string> Written = [];

    public static MarkupString Of(TrainingStatistics training) => new(Written.GetValue(training, Write));

    private static string Write(TrainingStatistics training)
    {
        var ordered = GenreCatalog.All.Select((genre, label) => (genre, training.GenreCounts[label])).OrderBy(g => g.Item2).ToList();
        var html = new StringBuilder(64 * 1024);
        html.Append("<p class=\"hint\">").Append(ChartMarkup.Number(training.Movies))
            .Append(" training movies. Bars: movies per genre. Table: movies having both genres; the shade is the share of the row genre's movies that also have the column genre.</p>");
        ChartMarkup.BarChart(html, ordered, "Training movies per genre", "genre-counts");
        ChartMarkup.Heatmap(html, GenreCatalog.All, training.GenreCounts, training.Cooccurrence, "Genre co-occurrence in the training data");
        return html.ToString();
    }
}
