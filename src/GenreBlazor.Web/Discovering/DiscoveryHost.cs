using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Discovery.Intent;
using GenreBlazor.Discovery.Similarity;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Discovering;

/// <summary>Section <c>Discovery</c> of the configuration.</summary>
public sealed class DiscoveryOptions
{
    public const string SectionName = "Discovery";

    /// <summary>The catalog DNA (written by <c>genreblazor dna</c>); relative paths are from the repository root.</summary>
    public string DnaPath { get; set; } = "models/discovery/dna.bin";

    /// <summary>Whether /api/discover asks Bedrock first (when Bedrock is enabled at all).</summary>
    public bool UseBedrock { get; set; } = true;

    /// <summary>The movies CSV the DNA was built from, for the plots a movie's page shows (the DNA holds no text).</summary>
    public string MoviesPath { get; set; } = "../shared/data/movies.csv";

    /// <summary>The catalog's themes (written by <c>genreblazor themes</c>); relative paths are from the repository root.</summary>
    public string ThemesPath { get; set; } = "models/discovery/themes.json";
}

/// <summary>
/// The catalog DNA and the plot embedder it was built with, loaded once. Without a DNA file the app still serves
/// everything else; discovery then answers 503 naming the command that builds the file.
/// </summary>
public sealed class DiscoveryHost : IDisposable
{
    private readonly PlotEmbedder? _embedder;

    public DiscoveryHost(IOptions<DiscoveryOptions> options, ILogger<DiscoveryHost> logger)
    {
        var path = AppPaths.Resolve(options.Value.DnaPath);
        if (!File.Exists(path))
        {
            Problem = $"The catalog DNA is missing ({path}). Build it with: dotnet run -c Release --project src/GenreBlazor.Cli -- dna";
            logger.LogWarning("Discovery is off: {Problem}", Problem);
            Parser = new LocalIntentParser();
            return;
        }
        try
        {
            Catalog = DnaFile.Read(path);
            _embedder = PlotEmbedder.Open(Catalog.Embedder);
            Similar = new SimilarMovies(Catalog);
            Search = new SemanticSearch(Catalog, _embedder);
            Intents = new IntentSearch(Search, _embedder);
            Parser = new LocalIntentParser(title => Catalog.FindTitle(title) >= 0);
            logger.LogInformation("Discovery: {Movies} movies ({Posters} with a poster), plots by {Embedder}", Catalog.Count, Catalog.PostersHeld, Catalog.Embedder);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            Problem = e.Message;
            logger.LogError("Discovery is off: {Problem}", Problem);
            Catalog = null;
            Parser = new LocalIntentParser();
        }
    }

    /// <summary>Why discovery is off, or null.</summary>
    public string? Problem { get; }

    public DnaCatalog? Catalog { get; }

    public PlotEmbedder Embedder => _embedder ?? throw Off();

    public SimilarMovies? Similar { get; }

    public SemanticSearch? Search { get; }

    public IntentSearch? Intents { get; }

    public LocalIntentParser Parser { get; }

    private InvalidOperationException Off() => new(Problem ?? "Discovery is off.");

    public void Dispose() => _embedder?.Dispose();
}
