using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Discovery.Similarity;

namespace GenreBlazor.Discovery.Intent;

/// <summary>An intent carried out: the seed movies it resolved in the catalog and the movies found.</summary>
public sealed record DiscoveryResult(DiscoveryIntent Intent, IReadOnlyList<CatalogMovie> Seeds, IReadOnlyList<FoundMovie> Movies);

/// <summary>
/// Turns an intent into movies: seed titles resolved in the catalog, their mean plot vector (blended with the
/// embedding of the mood and leftover words when there are any) searched within the genre and year filters.
/// </summary>
public sealed class IntentSearch(SemanticSearch search, PlotEmbedder embedder)
{
    private const float SeedWeight = 0.75f;

    public DnaCatalog Catalog => search.Catalog;

    public DiscoveryResult Run(DiscoveryIntent intent, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var catalog = search.Catalog;
        var seedRows = intent.SeedTitles.Select(catalog.FindTitle).Where(row => row >= 0).Distinct().ToList();
        var filter = new SearchFilter(GenreSet.FromNames(intent.Genres.Where(GenreCatalog.Contains)),
            GenreSet.FromNames(intent.ExcludedGenres.Where(GenreCatalog.Contains)), intent.YearFrom, intent.YearTo);
        var words = string.Join(' ', intent.Mood.Append(intent.Query).Where(w => !string.IsNullOrWhiteSpace(w))).Trim();

        float[] vector;
        if (seedRows.Count > 0)
        {
            vector = new float[catalog.PlotWidth];
            foreach (var row in seedRows)
            {
                var plot = catalog.Plot(row);
                for (var j = 0; j < vector.Length; j++)
                {
                    vector[j] += plot[j];
                }
            }
            VectorMath.Normalize(vector);
            if (words.Length > 0)
            {
                var extra = embedder.Embed(words);
                for (var j = 0; j < vector.Length; j++)
                {
                    vector[j] = SeedWeight * vector[j] + (1 - SeedWeight) * extra[j];
                }
                VectorMath.Normalize(vector);
            }
        }
        else
        {
            var text = words.Length > 0 ? words : string.Join(' ', intent.Genres.DefaultIfEmpty("movie")) + " movie";
            vector = embedder.Embed(text);
        }
        var likeTitle = seedRows.Count > 0 ? Reasons.JoinAnd([.. seedRows.Select(row => catalog.Movies[row].Title)]) : null;
        var exclude = seedRows.Count == 1 ? seedRows[0] : -1;
        var movies = search.Nearest(vector, filter with { }, limit + seedRows.Count, exclude, likeTitle)
            .Where(found => !seedRows.Contains(found.Row)).Take(limit).ToList();
        return new DiscoveryResult(intent, [.. seedRows.Select(row => catalog.Movies[row])], movies);
    }
}
