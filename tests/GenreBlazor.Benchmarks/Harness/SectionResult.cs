namespace GenreBlazor.Benchmarks.Harness;

/// <summary>Something a section did not measure, and why.</summary>
/// <param name="What">The figure or part left out.</param>
/// <param name="Why">The reason, with what to do about it when there is something to do.</param>
public sealed record SkippedPart(string What, string Why);

/// <summary>What one section measured, left out and noticed, with the machine's load around it.</summary>
/// <param name="Name">The section's name on the command line.</param>
/// <param name="Title">What the section measures, in a few words.</param>
public sealed class SectionResult(string Name, string Title)
{
    private readonly List<Measurement> measurements = [];
    private readonly List<SkippedPart> skipped = [];
    private readonly List<string> notes = [];

    /// <summary>The section's name on the command line.</summary>
    public string Name { get; } = Name;

    /// <summary>What the section measures.</summary>
    public string Title { get; } = Title;

    /// <summary>The figures, in the order they were taken.</summary>
    public IReadOnlyList<Measurement> Measurements => measurements;

    /// <summary>What was not measured, and why.</summary>
    public IReadOnlyList<SkippedPart> Skipped => skipped;

    /// <summary>How the figures were taken (samples, inputs) and anything odd.</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>The 1-minute load average when the section started and ended (null where /proc/loadavg is unreadable).</summary>
    public (double? Start, double? End) Load { get; set; }

    /// <summary>Wall time of the whole section.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>The exception that ended the section early, if one did.</summary>
    public string? Error { get; private set; }

    /// <summary>Adds a figure.</summary>
    public SectionResult Add(string name, double value, string unit, Target? target = null)
    {
        measurements.Add(new Measurement(name, value, unit, target));
        return this;
    }

    /// <summary>Records a part that was not measured.</summary>
    public SectionResult Skip(string what, string why)
    {
        skipped.Add(new SkippedPart(what, why));
        return this;
    }

    /// <summary>Adds a note.</summary>
    public SectionResult Note(string note)
    {
        notes.Add(note);
        return this;
    }

    /// <summary>Records the exception that ended the section; what was measured before it stays.</summary>
    public void Fail(Exception exception, string remainder)
    {
        Error = $"{exception.GetType().Name}: {exception.Message}";
        Skip(remainder, $"the section stopped with {Error}");
    }
}
