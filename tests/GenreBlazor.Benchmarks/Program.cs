using System.Diagnostics;
using System.Globalization;
using GenreBlazor.Benchmarks;
using GenreBlazor.Benchmarks.Harness;
using GenreBlazor.Benchmarks.Sections;

// GenreBlazor's benchmarks: figures the issues ask for, printed as markdown tables or one JSON object.
// Usage and sections: BenchmarkArguments.Usage; how and why: docs/decisions/0026-benchmarks.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == TrainingRun.ChildArgument)
{
    return TrainingRun.RunChild(args);
}

if (BenchmarkArguments.Parse(args, out var problem) is not { } arguments)
{
    if (string.IsNullOrEmpty(problem))
    {
        Console.Out.WriteLine(BenchmarkArguments.Usage);
        return 0;
    }
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(BenchmarkArguments.Usage);
    return 2;
}

IBenchmarkSection[] available = [new TextSection(), new WebSection(), new AnalyzeSection(), new PosterSection(), new ImagesSection(), new ExplainSection(), new MlNetSection(), new LoadSection(), new CircuitsSection(), new DiscoverSection()];
var machine = MachineState.Now();
var results = new List<SectionResult>();
using (var context = new BenchmarkContext(arguments))
{
    foreach (var section in arguments.Sections.Select(name => available.Single(s => s.Name == name)))
    {
        var result = new SectionResult(section.Name, section.Title);
        var start = MachineState.LoadNow();
        var clock = Stopwatch.StartNew();
        try
        {
            section.Run(context, result);
        }
        catch (Exception e)
        {
            // One failing section (a missing native library, say) must not hide the others' figures.
            BenchmarkContext.Log($"{section.Name}: failed: {e}");
            result.Fail(e, "the rest of the section");
        }
        result.Elapsed = clock.Elapsed;
        result.Load = (start, MachineState.LoadNow());
        results.Add(result);
    }
}

Console.Out.Write(arguments.Json ? BenchmarkReport.JsonObject(machine, results) + Environment.NewLine : BenchmarkReport.Markdown(machine, results));
return results.Any(r => r.Error is not null) ? 1 : 0;
