namespace GenreBlazor.Benchmarks;

/// <summary>What to run and where the inputs are, from the command line.</summary>
/// <param name="Sections">Section names to run, in the order given (all of them for "all").</param>
/// <param name="Json">Print one JSON object instead of markdown tables.</param>
/// <param name="DataFolder">The shared data folder (movies.csv, posters.csv, posters/).</param>
/// <param name="BundleFolder">The model bundle to measure.</param>
/// <param name="EmbeddingsFile">The word-vector cache the CLI's train writes.</param>
/// <param name="RepositoryRoot">The folder holding GenreBlazor.sln.</param>
public sealed record BenchmarkArguments(
    IReadOnlyList<string> Sections,
    bool Json,
    string DataFolder,
    string BundleFolder,
    string EmbeddingsFile,
    string RepositoryRoot)
{
    /// <summary>The sections in the order "all" runs them.</summary>
    public static IReadOnlyList<string> AllSections { get; } = ["text", "web", "analyze", "poster", "images", "explain", "mlnet", "load", "circuits", "discover"];

    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/GenreBlazor.Benchmarks -- [all|text|web|analyze|poster|images|explain|mlnet|load|discover ...] [options]

          all        every section (the default)
          text       text model: training wall time, bundle load, single-plot latency, batch throughput, memory
          web        server side of the Classify page: classify a plot and render the results to HTML
          analyze    Analyze page: every genre's figures at new thresholds, with and without rendering 19 matrices
          poster     poster inference per image (decode included) and feature extraction throughput (extrapolated)
          images     image decoding, and 8 concurrent 6000 x 6000 PNG uploads to the built app (answer time, memory)
          explain    local explanation of a classified plot (Bedrock off)
          discover   similar movies and semantic search over the catalog DNA
          mlnet      ML.NET's text pipeline beside the project's learner: held-out F1, training, latency, throughput, memory
          load       the built app under wrk at 1, 16, 64, 256 connections on /api/predict; memory per idle circuit (chromium)

        Options:
          --json               print one JSON object instead of markdown tables
          --data DIR           shared data folder (default: ../shared/data beside the repository, or $GENREBLAZOR_SHARED_DATA)
          --bundle DIR         model bundle (default: models/default)
          --embeddings FILE    word-vector cache for training (default: .cache/embeddings/glove-6b-100d-150k.bin)
          -h, --help           this text

        Figures are reported, never asserted: the exit code is 0 whatever they are, 1 when a section failed with an
        error, 2 for a bad command line.
        """;

    /// <summary>Parses the command line; returns null with <paramref name="problem"/> set when it is wrong.</summary>
    public static BenchmarkArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        problem = null;
        var root = FindRepositoryRoot();
        var sections = new List<string>();
        var json = false;
        string? data = null, bundle = null, embeddings = null;
        for (var i = 0; i < args.Count; i++)
        {
            string? Value()
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }
                return null;
            }
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--data":
                    data = Value() ?? Missing("--data", "DIR", out problem);
                    break;
                case "--bundle":
                    bundle = Value() ?? Missing("--bundle", "DIR", out problem);
                    break;
                case "--embeddings":
                    embeddings = Value() ?? Missing("--embeddings", "FILE", out problem);
                    break;
                case "-h" or "--help":
                    problem = "";
                    return null;
                case "all":
                    sections.AddRange(AllSections);
                    break;
                case var name when AllSections.Contains(name):
                    sections.Add(name);
                    break;
                default:
                    problem = $"Unknown argument '{args[i]}'.";
                    return null;
            }
            if (problem is not null)
            {
                return null;
            }
        }
        data ??= Environment.GetEnvironmentVariable("GENREBLAZOR_SHARED_DATA") ?? Path.Combine(root, "..", "shared", "data");
        return new BenchmarkArguments(
            sections.Count == 0 ? AllSections : [.. sections.Distinct()],
            json,
            Path.GetFullPath(data),
            Path.GetFullPath(bundle ?? Path.Combine(root, "models", "default")),
            Path.GetFullPath(embeddings ?? Path.Combine(root, ".cache", "embeddings", "glove-6b-100d-150k.bin")),
            root);
    }

    private static string? Missing(string option, string what, out string? problem)
    {
        problem = $"{option} needs a {what}.";
        return null;
    }

    // As the CLI finds it: up from the working folder, then up from the program's folder.
    private static string FindRepositoryRoot() =>
        Find(Environment.CurrentDirectory) ?? Find(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;

    private static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenreBlazor.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
