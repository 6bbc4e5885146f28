using GenreBlazor.Benchmarks.Harness;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>One section of the report: a group of figures about one part of the product.</summary>
public interface IBenchmarkSection
{
    /// <summary>Its name on the command line.</summary>
    string Name { get; }

    /// <summary>What it measures, in a few words.</summary>
    string Title { get; }

    /// <summary>
    /// Measures into <paramref name="result"/>. Whatever cannot be measured (absent data, no poster model) is recorded
    /// with <see cref="SectionResult.Skip"/> and the reason, never silently left out.
    /// </summary>
    void Run(BenchmarkContext context, SectionResult result);
}
