using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenreBlazor.Core.Fusion;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Core.Bundles;

/// <summary>
/// A model bundle on disk: a folder with <c>manifest.json</c>, the model files it lists, and the test part's
/// scores. Loading verifies every file's SHA-256 against the manifest, so a corrupt or half-copied bundle is
/// refused with a message naming the file, never half used.
/// </summary>
public sealed class ModelBundle
{
    public const string ManifestFile = "manifest.json";

    /// <summary>JSON settings of every bundle file: camelCase, enums as strings, indented.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Lazy<TestPredictions?> _posterTestPredictions;
    private readonly Lazy<TestPredictions?> _fusedTestPredictions;

    private ModelBundle(string directory, BundleManifest manifest, TextGenreModel text, FusionModel? fusion)
    {
        Directory = directory;
        Manifest = manifest;
        Text = text;
        Fusion = fusion;
        _posterTestPredictions = new(() => manifest.Poster?.TestPredictions is { } file ? ReadPredictions(file) : null);
        _fusedTestPredictions = new(() => manifest.Fusion?.TestPredictions is { } file ? ReadPredictions(file) : null);
    }

    /// <summary>The poster model's scores of the held-out test posters; null when the bundle has none (older bundles).</summary>
    public TestPredictions? PosterTestPredictions => _posterTestPredictions.Value;

    /// <summary>The fusion's scores of the held-out test movies that have a plot and a poster; null when the bundle has none.</summary>
    public TestPredictions? FusedTestPredictions => _fusedTestPredictions.Value;

    /// <summary>The text + poster fusion, when the bundle has one.</summary>
    public FusionModel? Fusion { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public string Directory { get; }

    public BundleManifest Manifest { get; }

    public TextGenreModel Text { get; }

    /// <summary>The text model's tuned per-genre thresholds.</summary>
    public IReadOnlyList<float> TextThresholds => Manifest.Text.Thresholds;

    /// <summary>Loads and verifies a bundle. Throws <see cref="ModelBundleException"/> saying which file is wrong and what to run.</summary>
    public static ModelBundle Load(string directory)
    {
        var manifest = ReadManifest(directory);
        foreach (var (file, expected) in manifest.Files)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new ModelBundleException($"The model bundle lacks {path}. {Remedy}");
            }
            var actual = Checksum(path);
            if (actual != expected)
            {
                throw new ModelBundleException($"{path} is corrupt or was changed: its SHA-256 is {actual}, the manifest expects {expected}. {Remedy}");
            }
        }
        foreach (var file in new[] { manifest.Text.File, manifest.Text.TestPredictions, manifest.Poster?.TestPredictions, manifest.Fusion?.TestPredictions })
        {
            if (file is not null && !manifest.Files.ContainsKey(file))
            {
                throw new ModelBundleException($"{Path.Combine(directory, ManifestFile)} lists no checksum for {file}. {Remedy}");
            }
        }
        using var stream = File.OpenRead(Path.Combine(directory, manifest.Text.File));
        var text = TextModelFile.Read(stream, Path.Combine(directory, manifest.Text.File));
        var fusion = manifest.Fusion is { } entry ? FusionFile.Read(Path.Combine(directory, entry.File)) : null;
        return new ModelBundle(directory, manifest, text, fusion);
    }

    /// <summary>Reads and checks the manifest alone.</summary>
    public static BundleManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestFile);
        if (!File.Exists(path))
        {
            throw new ModelBundleException($"No model bundle at {Path.GetFullPath(directory)}: {ManifestFile} is missing. {Remedy}");
        }
        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BundleManifest>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new ModelBundleException($"{path} is not valid JSON ({e.Message}). {Remedy}", e);
        }
        if (manifest is null || manifest.Format != BundleManifest.CurrentFormat)
        {
            throw new ModelBundleException($"{path} is not a {BundleManifest.CurrentFormat} manifest. {Remedy}");
        }
        if (!manifest.Genres.SequenceEqual(GenreCatalog.All))
        {
            throw new ModelBundleException($"{path} lists genres [{string.Join(", ", manifest.Genres)}], not the {GenreCatalog.Count} genres this build knows.");
        }
        if (manifest.Text.Thresholds.Count != GenreCatalog.Count || manifest.Text.Thresholds.Any(t => !(t >= 0 && t <= 1.001f)))
        {
            throw new ModelBundleException($"{path} holds {manifest.Text.Thresholds.Count} text thresholds, some outside 0–1; expected {GenreCatalog.Count}.");
        }
        return manifest;
    }

    /// <summary>Reads the test part's movies as the text model scored them.</summary>
    public TestPredictions LoadTestPredictions() => ReadPredictions(Manifest.Text.TestPredictions);

    private TestPredictions ReadPredictions(string file)
    {
        var path = Path.Combine(Directory, file);
        TestPredictions? predictions;
        try
        {
            using var stream = File.OpenRead(path);
            predictions = JsonSerializer.Deserialize<TestPredictions>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new ModelBundleException($"{path} is not valid JSON ({e.Message}). {Remedy}", e);
        }
        if (predictions is null || !predictions.Genres.SequenceEqual(GenreCatalog.All) || predictions.Items.Any(item => item.Scores.Count != GenreCatalog.Count))
        {
            throw new ModelBundleException($"{path} does not hold {GenreCatalog.Count} scores per movie in this build's genre order. {Remedy}");
        }
        return predictions;
    }

    /// <summary>"sha256:" and the lower-case hex SHA-256 of a file.</summary>
    public static string Checksum(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private const string Remedy =
        "Restore the committed bundle (git checkout -- models/) or train a new one: dotnet run --project src/GenreBlazor.Cli -- train --data ../shared/data/movies.csv --out models/default";
}
