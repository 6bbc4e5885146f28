using System.Text.Json;
using GenreBlazor.Core.Genres;

namespace GenreBlazor.Core.Explanations;

/// <summary>What one genre means, in the team's words.</summary>
/// <param name="Genre">The genre's catalog name.</param>
/// <param name="Gist">A few words the local explainer puts beside the genre's name ("stories built to frighten").</param>
/// <param name="Definition">One or two sentences Bedrock's prompt carries.</param>
public sealed record GenreDefinition(string Genre, string Gist, string Definition);

/// <summary>
/// The genre knowledge base: one definition per genre of <see cref="GenreCatalog"/>, read from the JSON file embedded
/// in this assembly (<c>Explanations/genre-definitions.json</c>). Immutable and thread-safe.
/// </summary>
public sealed class GenreDefinitions
{
    private const string ResourceName = "GenreBlazor.Core.Explanations.genre-definitions.json";

    // Declared before Default: static fields initialise in textual order.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly GenreDefinition[] _byLabel;

    private GenreDefinitions(GenreDefinition[] byLabel) => _byLabel = byLabel;

    /// <summary>The definitions shipped with the app.</summary>
    public static GenreDefinitions Default { get; } = LoadEmbedded();

    /// <summary>Every definition, in label order.</summary>
    public IReadOnlyList<GenreDefinition> All => _byLabel;

    public GenreDefinition this[int label] => _byLabel[label];

    /// <summary>The definition of a genre by name (case-insensitive); throws for a name outside the catalog.</summary>
    public GenreDefinition this[string genre] => GenreCatalog.IndexOf(genre) is >= 0 and var label
        ? _byLabel[label]
        : throw new ArgumentException($"'{genre}' is not one of the {GenreCatalog.Count} genres.", nameof(genre));

    /// <summary>
    /// Reads a knowledge-base file (<c>{"genres": [{"genre", "gist", "definition"}…]}</c>). Every catalog genre must
    /// appear exactly once with a non-empty gist and definition; anything else is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static GenreDefinitions Read(Stream json)
    {
        KnowledgeBaseFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KnowledgeBaseFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The genre knowledge base is not valid JSON: {e.Message}", e);
        }

        var byLabel = new GenreDefinition?[GenreCatalog.Count];
        foreach (var entry in file?.Genres ?? [])
        {
            var label = GenreCatalog.IndexOf(entry.Genre ?? "");
            if (label < 0)
            {
                throw new InvalidDataException($"The genre knowledge base defines '{entry.Genre}', which is not one of the {GenreCatalog.Count} genres.");
            }
            if (byLabel[label] is not null)
            {
                throw new InvalidDataException($"The genre knowledge base defines {GenreCatalog.All[label]} twice.");
            }
            if (string.IsNullOrWhiteSpace(entry.Gist) || string.IsNullOrWhiteSpace(entry.Definition))
            {
                throw new InvalidDataException($"The genre knowledge base's entry for {GenreCatalog.All[label]} needs a gist and a definition.");
            }
            byLabel[label] = new GenreDefinition(GenreCatalog.All[label], entry.Gist.Trim(), entry.Definition.Trim());
        }

        var missing = Enumerable.Range(0, byLabel.Length).Where(l => byLabel[l] is null).Select(l => GenreCatalog.All[l]).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"The genre knowledge base lacks {string.Join(", ", missing)}.");
        }
        return new GenreDefinitions(byLabel!);
    }

    private static GenreDefinitions LoadEmbedded()
    {
        using var stream = typeof(GenreDefinitions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded resource {ResourceName}.");
        return Read(stream);
    }

    private sealed record KnowledgeBaseFile(IReadOnlyList<KnowledgeBaseEntry>? Genres);

    private sealed record KnowledgeBaseEntry(string? Genre, string? Gist, string? Definition);
}
