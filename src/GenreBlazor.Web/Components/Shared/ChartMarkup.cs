using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace GenreBlazor.Web.Components.Shared;

/// <summary>
/// Charts written as HTML once and shared by every circuit as one markup string (decision 0059): a bar chart with the
/// same counts as text, and a co-occurrence table. The markup carries no CSS scope attribute; its rules are the
/// global <c>.chart-markup</c> ones.
/// </summary>
internal static class ChartMarkup
{
    private const int ChartWidth = 760;
    private const int ChartHeight = 300;
    private const int Left = 56;
    private const int Top = 12;
    private const int Bottom = 96; // room for the labels at 45°
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Encode(string text) => Html.Encode(text);

    /// <summary>Bars in the order given, a title per bar, then the same counts as a list a screen reader can read.</summary>
    public static void BarChart(StringBuilder html, IReadOnlyList<(string Label, int Count)> bars, string description, string testId, string unit = "movies")
    {
        var plotWidth = ChartWidth - Left - 8;
        var plotHeight = ChartHeight - Top - Bottom;
        var most = bars.Count == 0 ? 1 : Math.Max(1, bars.Max(g => g.Count));
        var step = NiceStep(most / 4.0);
        var top = Math.Max(step, Math.Ceiling(most / step) * step);
        var slot = plotWidth / (double)Math.Max(1, bars.Count);
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"distribution\" data-testid=\"{testId}\"><svg class=\"bars\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" role=\"img\" aria-label=\"{Encode(description)}, a bar chart; the same counts follow as text\">");
        for (var tick = 0.0; tick <= top; tick += step)
        {
            var y = Top + plotHeight - tick / top * plotHeight;
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{ChartWidth - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Number((int)tick)}</text>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" transform=\"translate(12 {Top + plotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">{Encode(unit)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, count) = bars[i];
            var height = count / top * plotHeight;
            var x = Left + i * slot + slot * 0.15;
            var name = Encode(label);
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{Top + plotHeight - height:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{height:0.#}\"><title>{name}: {Number(count)}</title></rect>");
            var labelX = Left + (i + 0.5) * slot;
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" transform=\"translate({labelX:0.#} {Top + plotHeight + 12}) rotate(-45)\" text-anchor=\"end\">{name}</text>");
        }
        html.Append("</svg></div>");
        html.Append("<details class=\"counts-as-text\"><summary>The same counts as text</summary><ul>");
        foreach (var (label, count) in bars)
        {
            html.Append("<li>").Append(Encode(label)).Append(": ").Append(Number(count)).Append("</li>");
        }
        html.Append("</ul></details>");
    }

    // 1, 2 or 5 times a power of ten: ticks a reader can add up.
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return (rough / power) switch { <= 1 => power, <= 2 => 2 * power, <= 5 => 5 * power, _ => 10 * power };
    }

    /// <summary>Cell (row, column) counts items with both labels; the shade is the share of the row label's items that also have the column label.</summary>
    public static void Heatmap(StringBuilder html, IReadOnlyList<string> labels, IReadOnlyList<int> counts, IReadOnlyList<IReadOnlyList<int>> pairs, string description)
    {
        html.Append("<div class=\"heatmap-wrap\"><table class=\"heatmap\" aria-label=\"").Append(Encode(description)).Append("\"><thead><tr><td></td>");
        foreach (var label in labels)
        {
            html.Append("<th scope=\"col\"><span>").Append(Encode(label)).Append("</span></th>");
        }
        html.Append("</tr></thead><tbody>");
        for (var row = 0; row < labels.Count; row++)
        {
            var rowLabel = Encode(labels[row]);
            html.Append("<tr><th scope=\"row\">").Append(rowLabel).Append(" <span class=\"count\">(").Append(counts[row].ToString(CultureInfo.InvariantCulture)).Append(")</span></th>");
            for (var column = 0; column < labels.Count; column++)
            {
                if (row == column)
                {
                    html.Append("<td class=\"diagonal\" style=\"--share: 0.00\">—</td>");
                    continue;
                }
                var share = counts[row] == 0 ? 0 : (double)pairs[row][column] / counts[row];
                html.Append(CultureInfo.InvariantCulture, $"<td style=\"--share: {share:0.00}\" title=\"{pairs[row][column]} of {counts[row]} {rowLabel} movies ({share:P0}) are also {Encode(labels[column])}\">{pairs[row][column]}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div>");
    }

    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
