using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using GenreBlazor.Core.Metrics;
using Microsoft.AspNetCore.Components;
using static GenreBlazor.Web.Components.Pages.Analyze.AnalyzeFormat;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>
/// The inside of one card of the matrix grid — genre, F1, the 2×2 matrix, precision, recall, support, threshold — as
/// markup shared by every circuit showing the same figures. Nineteen cards of elements cost an idle Analyze circuit a
/// render tree of about 1,300 frames (an 82 KB buffer, decision 0080); as strings they are one frame each, and every
/// visitor at the tuned thresholds refers to the same nineteen strings. The small matrix leaves out the headers the
/// large one has (they are not displayed on a card); each cell keeps its name, so colour never carries meaning alone.
/// </summary>
internal static class MatrixCardMarkup
{
    // Enough for every card of a few hundred visitors' distinct threshold sets; past it the cache starts again rather
    // than growing with what visitors do.
    private const int Capacity = 4096;
    private static readonly ConcurrentDictionary<(string Genre, LabelConfusion Matrix, float Threshold), string> Written = new();
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static MarkupString Of(string genre, LabelConfusion matrix, float threshold)
    {
        var key = (genre, matrix, threshold);
        if (Written.TryGetValue(key, out var markup))
        {
            return new MarkupString(markup);
        }
        if (Written.Count >= Capacity)
        {
            Written.Clear();
        }
        return new MarkupString(Written.GetOrAdd(key, static k => Write(k.Genre, k.Matrix, k.Threshold)));
    }

    private static string Write(string genre, LabelConfusion m, float threshold)
    {
        var name = Html.Encode(genre);
        var html = new StringBuilder(1024);
        html.Append("<span class=\"card-head\"><span class=\"genre\">").Append(name).Append("</span><span class=\"f1 ").Append(F1Class(m.F1))
            .Append("\">F1 ").Append(Fraction(m.F1)).Append("</span></span>");
        html.Append("<table class=\"confusion small\" aria-label=\"").Append(name).Append(" confusion matrix\" data-genre=\"").Append(name).Append("\"><tbody><tr>");
        Cell(html, "tp", "true positives", "TP", m.TruePositives);
        Cell(html, "fn", "false negatives", "FN", m.FalseNegatives);
        html.Append("</tr><tr>");
        Cell(html, "fp", "false positives", "FP", m.FalsePositives);
        Cell(html, "tn", "true negatives", "TN", m.TrueNegatives);
        html.Append("</tr></tbody></table>");
        html.Append("<span class=\"card-foot\">P ").Append(Fraction(m.Precision)).Append(" · R ").Append(Fraction(m.Recall))
            .Append(" · n ").Append(m.Support.ToString(CultureInfo.InvariantCulture)).Append(" · t ").Append(Threshold(threshold)).Append("</span>");
        return html.ToString();
    }

    private static void Cell(StringBuilder html, string cell, string title, string shortName, int count) =>
        html.Append("<td class=\"cell ").Append(cell).Append("\" data-cell=\"").Append(cell).Append("\" title=\"").Append(title)
            .Append("\"><span class=\"cell-name\">").Append(shortName).Append("</span> <span class=\"cell-count\">")
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append("</span></td>");
}
