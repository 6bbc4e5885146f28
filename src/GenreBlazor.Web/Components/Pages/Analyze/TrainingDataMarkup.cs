using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
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
    private const int ChartWidth = 760;
    private const int ChartHeight = 300;
    private const int Left = 56;
    private const int Top = 12;
    private const int Bottom = 96; // room for the genre names at 45°
    private static readonly ConditionalWeakTable<TrainingStatistics, string> Written = [];
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static MarkupString Of(TrainingStatistics training) => new(Written.GetValue(training, Write));

    private static string Write(TrainingStatistics training)
    {
        var ordered = GenreCatalog.All.Select((genre, label) => (Genre: genre, Count: training.GenreCounts[label])).OrderBy(g => g.Count).ToList();
        var html = new StringBuilder(64 * 1024);
        html.Append("<p class=\"hint\">").Append(Number(training.Movies))
            .Append(" training movies. Bars: movies per genre. Table: movies having both genres; the shade is the share of the row genre's movies that also have the column genre.</p>");
        BarChart(html, ordered);
        html.Append("<details class=\"counts-as-text\"><summary>The same counts as text</summary><ul>");
        foreach (var (genre, count) in ordered)
        {
            html.Append("<li>").Append(Html.Encode(genre)).Append(": ").Append(Number(count)).Append("</li>");
        }
        html.Append("</ul></details>");
        Heatmap(html, training.GenreCounts, training.Cooccurrence);
        return html.ToString();
    }

    private static void BarChart(StringBuilder html, List<(string Genre, int Count)> ordered)
    {
        var plotWidth = ChartWidth - Left - 8;
        var plotHeight = ChartHeight - Top - Bottom;
        var step = NiceStep(Math.Max(1, ordered.Max(g => g.Count)) / 4.0);
        var top = Math.Max(step, Math.Ceiling(ordered.Max(g => g.Count) / step) * step);
        var slot = plotWidth / (double)ordered.Count;
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"distribution\" data-testid=\"genre-counts\"><svg class=\"bars\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" role=\"img\" aria-label=\"Training movies per genre, a bar chart; the same counts follow as text\">");
        for (var tick = 0.0; tick <= top; tick += step)
        {
            var y = Top + plotHeight - tick / top * plotHeight;
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{ChartWidth - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Number((int)tick)}</text>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" transform=\"translate(12 {Top + plotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">movies</text>");
        for (var i = 0; i < ordered.Count; i++)
        {
            var (genre, count) = ordered[i];
            var height = count / top * plotHeight;
            var x = Left + i * slot + slot * 0.15;
            var name = Html.Encode(genre);
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{Top + plotHeight - height:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{height:0.#}\"><title>{name}: {Number(count)}</title></rect>");
            var labelX = Left + (i + 0.5) * slot;
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" transform=\"translate({labelX:0.#} {Top + plotHeight + 12}) rotate(-45)\" text-anchor=\"end\">{name}</text>");
        }
        html.Append("</svg></div>");
    }

    // 1, 2 or 5 times a power of ten: ticks a reader can add up.
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return (rough / power) switch { <= 1 => power, <= 2 => 2 * power, <= 5 => 5 * power, _ => 10 * power };
    }

    // Cell (row, column) counts movies with both genres; the shade is the share of the row genre's movies that also have the column genre.
    private static void Heatmap(StringBuilder html, IReadOnlyList<int> counts, IReadOnlyList<IReadOnlyList<int>> pairs)
    {
        html.Append("<div class=\"heatmap-wrap\"><table class=\"heatmap\" aria-label=\"Genre co-occurrence in the training data\"><thead><tr><td></td>");
        foreach (var genre in GenreCatalog.All)
        {
            html.Append("<th scope=\"col\"><span>").Append(Html.Encode(genre)).Append("</span></th>");
        }
        html.Append("</tr></thead><tbody>");
        for (var row = 0; row < GenreCatalog.Count; row++)
        {
            var rowGenre = Html.Encode(GenreCatalog.All[row]);
            html.Append("<tr><th scope=\"row\">").Append(rowGenre).Append(" <span class=\"count\">(").Append(counts[row].ToString(CultureInfo.InvariantCulture)).Append(")</span></th>");
            for (var column = 0; column < GenreCatalog.Count; column++)
            {
                if (row == column)
                {
                    html.Append("<td class=\"diagonal\" style=\"--share: 0.00\">—</td>");
                    continue;
                }
                var share = counts[row] == 0 ? 0 : (double)pairs[row][column] / counts[row];
                html.Append(CultureInfo.InvariantCulture, $"<td style=\"--share: {share:0.00}\" title=\"{pairs[row][column]} of {counts[row]} {rowGenre} movies ({share:P0}) are also {Html.Encode(GenreCatalog.All[column])}\">{pairs[row][column]}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
