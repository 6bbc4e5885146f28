using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GenreBlazor.Benchmarks.Harness;

/// <summary>Writes a run's sections as markdown tables (one per section) or as one JSON object.</summary>
public static class BenchmarkReport
{
    // Relaxed escaping keeps "≤" and backticks readable; the JSON goes to a terminal or a file, never into HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A markdown document: the machine, then per section a table of name, value, unit, target and result, what was skipped and the notes.</summary>
    public static string Markdown(MachineState machine, IReadOnlyList<SectionResult> sections)
    {
        var text = new StringBuilder();
        text.AppendLine("# GenreBlazor benchmarks").AppendLine();
        text.AppendLine(Invariant($"{machine.Started:yyyy-MM-dd HH:mm} UTC · {machine.Cores} cores · {machine.Runtime} · {machine.OperatingSystem}"));
        text.AppendLine(Invariant($"tiered compilation {(machine.TieredCompilation ? "on" : "off")} · {(machine.ServerGc ? "server" : "workstation")} GC · ") +
            (machine.Optimized ? "Release build" : "**Debug build: figures are not representative, run with -c Release**") +
            $" · load average at start {Loads(machine.LoadAtStart)}");
        foreach (var section in sections)
        {
            text.AppendLine().AppendLine($"## {section.Name} — {section.Title}").AppendLine();
            if (section.Measurements.Count > 0)
            {
                text.AppendLine("| measurement | value | unit | target | result |");
                text.AppendLine("| --- | ---: | --- | --- | --- |");
                foreach (var m in section.Measurements)
                {
                    text.AppendLine($"| {m.Name} | {Figures.Format(m.Value)} | {m.Unit} | {m.Target?.Describe(m.Unit) ?? "–"} | {Verdict(m.Passed)} |");
                }
                text.AppendLine();
            }
            foreach (var part in section.Skipped)
            {
                text.AppendLine($"- skipped: {part.What} — {part.Why}");
            }
            foreach (var note in section.Notes)
            {
                text.AppendLine($"- {note}");
            }
            text.AppendLine(Invariant($"- section wall time {section.Elapsed.TotalSeconds:F1} s, 1-minute load average {Load(section.Load.Start)} → {Load(section.Load.End)}"));
        }
        return text.ToString();
    }

    /// <summary>One JSON object: the machine and every section's measurements, skipped parts and notes.</summary>
    public static string JsonObject(MachineState machine, IReadOnlyList<SectionResult> sections) => JsonSerializer.Serialize(new
    {
        machine,
        sections = sections.Select(s => new
        {
            name = s.Name,
            title = s.Title,
            measurements = s.Measurements.Select(m => new
            {
                name = m.Name,
                value = m.Value,
                unit = m.Unit,
                target = m.Target?.Describe(m.Unit),
                passed = m.Passed,
            }),
            skipped = s.Skipped,
            notes = s.Notes,
            error = s.Error,
            elapsedSeconds = Math.Round(s.Elapsed.TotalSeconds, 2),
            loadAverageStart = s.Load.Start,
            loadAverageEnd = s.Load.End,
        }),
    }, Json);

    private static string Verdict(bool? passed) => passed switch { true => "pass", false => "**FAIL**", null => "–" };

    private static string Load(double? load) => load is { } value ? value.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Loads(IReadOnlyList<double>? loads) =>
        loads is null ? "n/a" : string.Join(" / ", loads.Select(l => l.ToString("F2", CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
