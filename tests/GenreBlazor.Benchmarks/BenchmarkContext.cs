using System.Globalization;
using GenreBlazor.Benchmarks.Sections;
using GenreBlazor.Core.Bundles;

namespace GenreBlazor.Benchmarks;

/// <summary>What every section shares: the arguments, a progress log on stderr, and inputs loaded once.</summary>
public sealed class BenchmarkContext(BenchmarkArguments arguments) : IDisposable
{
    private ModelBundle? bundle;
    private WebAppServices? app;

    /// <summary>The command line.</summary>
    public BenchmarkArguments Arguments { get; } = arguments;

    /// <summary>The shared movies CSV.</summary>
    public string MoviesCsv => Path.Combine(Arguments.DataFolder, "movies.csv");

    /// <summary>The shared posters CSV.</summary>
    public string PostersCsv => Path.Combine(Arguments.DataFolder, "posters.csv");

    /// <summary>Why the bundle cannot be used, or null when its manifest is there.</summary>
    public string? BundleProblem => File.Exists(Path.Combine(Arguments.BundleFolder, ModelBundle.ManifestFile))
        ? null
        : $"no model bundle at {Arguments.BundleFolder} ({ModelBundle.ManifestFile} missing; pass --bundle DIR or restore models/default)";

    /// <summary>Why the shared data cannot be used, or null when <paramref name="file"/> is there.</summary>
    public static string? DataProblem(string file) => File.Exists(file)
        ? null
        : $"the shared data is absent ({file} not found; pass --data DIR or set GENREBLAZOR_SHARED_DATA)";

    /// <summary>The bundle, loaded and verified once for the sections that only read it.</summary>
    public ModelBundle Bundle => bundle ??= ModelBundle.Load(Arguments.BundleFolder);

    /// <summary>The web app's services, registered as the app registers them, built once.</summary>
    public WebAppServices App => app ??= new WebAppServices(Arguments.BundleFolder);

    /// <summary>Writes a progress line to stderr (stdout carries only the report).</summary>
    public static void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {message}"));

    /// <summary>Releases the web app's services (and their ONNX session).</summary>
    public void Dispose() => app?.Dispose();
}
