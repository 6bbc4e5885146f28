using System.Globalization;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>How the Analyze panels print figures.</summary>
internal static class AnalyzeFormat
{
    public static string Fraction(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Signed(double value) => value.ToString("+0.000;−0.000;±0.000", CultureInfo.InvariantCulture);

    public static string Threshold(float value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A colour class for an F1 value; the number is always printed beside it.</summary>
    public static string F1Class(double f1) => f1 >= 0.7 ? "good" : f1 >= 0.5 ? "fair" : f1 >= 0.3 ? "weak" : "poor";

    public static float ParseFloat(Microsoft.AspNetCore.Components.ChangeEventArgs e, float fallback) =>
        float.TryParse(e.Value?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
