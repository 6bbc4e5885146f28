using System.Globalization;

namespace GenreBlazor.Benchmarks.Harness;

/// <summary>Which side of its limit a figure must stay on.</summary>
public enum TargetKind
{
    /// <summary>The figure must not exceed the limit (times, memory).</summary>
    AtMost,
    /// <summary>The figure must reach the limit (throughput).</summary>
    AtLeast,
}

/// <summary>A target from the issues, in the unit of the figure it applies to.</summary>
/// <param name="Kind">At most or at least.</param>
/// <param name="Limit">The limit.</param>
public sealed record Target(TargetKind Kind, double Limit)
{
    /// <summary>At most <paramref name="limit"/>.</summary>
    public static Target AtMost(double limit) => new(TargetKind.AtMost, limit);

    /// <summary>At least <paramref name="limit"/>.</summary>
    public static Target AtLeast(double limit) => new(TargetKind.AtLeast, limit);

    /// <summary>Whether <paramref name="value"/> meets the target.</summary>
    public bool IsMetBy(double value) => Kind == TargetKind.AtMost ? value <= Limit : value >= Limit;

    /// <summary>"≤ 6 s", "≥ 50,000 plots/s".</summary>
    public string Describe(string unit) => $"{(Kind == TargetKind.AtMost ? "≤" : "≥")} {Figures.Format(Limit)} {unit}";
}

/// <summary>One measured figure.</summary>
/// <param name="Name">What was measured, e.g. "single-plot latency p50".</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit">Its unit: "ms", "µs", "s", "min", "MB", "B/plot", "plots/s".</param>
/// <param name="Target">The issue's target, or null for a figure reported for information.</param>
public sealed record Measurement(string Name, double Value, string Unit, Target? Target = null)
{
    /// <summary>Pass or fail against the target; null without one.</summary>
    public bool? Passed => Target?.IsMetBy(Value);
}

/// <summary>How figures are written: invariant culture, about three significant digits, thousands separated.</summary>
public static class Figures
{
    /// <summary>1,234 / 123.4 / 12.34 / 1.234; whole numbers without decimals (6, 50,000).</summary>
    public static string Format(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 1000 || value == Math.Round(value) ? "N0"
            : magnitude >= 100 ? "F1"
            : magnitude >= 10 ? "F2"
            : "F3";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
