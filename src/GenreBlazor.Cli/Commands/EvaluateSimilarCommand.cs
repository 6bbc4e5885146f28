using System.CommandLine;
using System.Text.Json;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Discovery.Evaluation;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>evaluate-similar --data CSV</c>: every row of the CSV as a query against the catalog (its own row left out);
/// genre-overlap@10 and precision@10 of each embedder's DNA (full precision and as stored, int8), TF-IDF cosine
/// and random neighbours.
/// </summary>
internal static class EvaluateSimilarCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var data = CommonOptions.Data();
        var catalogOption = new Option<FileInfo>("--catalog")
        {
            Description = "Catalog CSV the neighbours come from (default: ../shared/data/movies.csv).",
            DefaultValueFactory = _ => new FileInfo(RepositoryPaths.DefaultMovies),
        };
        var testPart = new Option<bool>("--test-part") { Description = "Only the rows of the CSV in the held-out test part of the project's split." };
        var embedders = new Option<string[]>("--embedders")
        {
            Description = $"Embedders to measure (default: {string.Join(" ", PlotEmbedder.Names)}).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. PlotEmbedder.Names],
        };
        var sample = new Option<int>("--sample")
        {
            Description = "Percent of the catalog and of the queries kept, by a hash of the id (default 100): a quicker comparison of embedders.",
            DefaultValueFactory = _ => 100,
        };
        var json = CommonOptions.Json();
        var command = new Command("evaluate-similar", "Measure similar-movie quality: genre-overlap@10 and precision@10 of each embedder, TF-IDF cosine and random neighbours.")
        {
            data, catalogOption, testPart, embedders, sample, json,
        };
        command.SetAction(result =>
        {
            var asJson = result.GetValue(json);
            var console = CommonOptions.ConsoleFor(asJson);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(catalogOption)!, result.GetValue(testPart),
                result.GetValue(embedders)!, result.GetValue(sample), asJson));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, FileInfo data, FileInfo catalogFile, bool testPart, string[] embedders, int sample, bool json)
    {
        if (sample is < 1 or > 100)
        {
            throw new ArgumentException($"--sample is a percent from 1 to 100; got {sample}.");
        }
        bool Sampled(Movie movie) => sample == 100 || DatasetSplit.Bucket(movie.Id + "#sample") < sample;
        foreach (var name in embedders.Where(name => !PlotEmbedder.Names.Contains(name)))
        {
            throw new ArgumentException($"Unknown embedder '{name}'; known: {string.Join(", ", PlotEmbedder.Names)}.");
        }
        var catalog = MovieCsvReader.Read(catalogFile.FullName).Movies.Where(Sampled).ToList();
        var queryMovies = MovieCsvReader.Read(data.FullName).Movies.Where(m => Sampled(m) && (!testPart || DatasetSplit.PartOf(m.SplitKey) == SplitPart.Test)).ToList();
        if (queryMovies.Count == 0)
        {
            throw new ArgumentException($"No query rows in {data.FullName}{(testPart ? " in the test part" : "")}.");
        }
        var firstGenres = FirstGenres(data.FullName);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++)
        {
            rowOf.TryAdd(catalog[i].Id, i);
        }
        var queries = queryMovies.Select(m => new EvaluationQuery(m.Genres,
            firstGenres.TryGetValue(m.Id, out var first) ? first : m.Genres.Labels().First(), rowOf.GetValueOrDefault(m.Id, -1))).ToList();
        var genres = catalog.Select(m => m.Genres).ToList();
        console.MarkupLine($"{queries.Count:N0} queries from {Markup.Escape(data.FullName)} against {catalog.Count:N0} catalog movies.");

        var results = new List<NeighbourQuality>();
        foreach (var name in embedders)
        {
            var catalogVectors = DnaCommand.EmbedPlots(console, name, catalog.Select(m => m.Overview).ToList(), out _);
            var queryVectors = DnaCommand.EmbedPlots(console, name, queryMovies.Select(m => m.Overview).ToList(), out _);
            var width = catalogVectors[0].Length;
            var full = Flatten(catalogVectors, width, v => v);
            results.Add(SimilarityEvaluation.Measure($"{name} (float32)", genres, queries, q => SimilarityEvaluation.Dense(full, width, queryVectors[q], queries[q].CatalogRow)));
            var stored = Flatten(catalogVectors, width, v => Int8Rows.RoundTrip(v));
            results.Add(SimilarityEvaluation.Measure($"{name} (int8, as stored)", genres, queries,
                q => SimilarityEvaluation.Dense(stored, width, Int8Rows.RoundTrip(queryVectors[q]), queries[q].CatalogRow)));
        }
        var tfIdf = new TfIdfNeighbours(catalog.Select(m => m.Overview).ToList());
        results.Add(SimilarityEvaluation.Measure("TF-IDF cosine", genres, queries, q => tfIdf.Nearest(queryMovies[q].Overview, queries[q].CatalogRow)));
        results.Add(SimilarityEvaluation.Measure("random", genres, queries, q => SimilarityEvaluation.Random(catalog.Count, q, queries[q].CatalogRow)));

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                data = data.FullName,
                samplePercent = sample,
                testPart,
                catalog = catalogFile.FullName,
                queries = queries.Count,
                catalogMovies = catalog.Count,
                k = SimilarityEvaluation.K,
                methods = results.Select(r => new { method = r.Method, genreOverlapAt10 = Math.Round(r.GenreOverlap, 4), precisionAt10 = Math.Round(r.Precision, 4) }),
            }, Indented));
            return 0;
        }
        var table = new Table().AddColumns("method", "genre-overlap@10", "precision@10 (first genre)");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Method), r.GenreOverlap.ToString("F4"), r.Precision.ToString("F4"));
        }
        console.Write(table);
        return 0;
    }

    private sealed record FirstGenre(string Id, int Label);

    private static float[] Flatten(float[][] rows, int width, Func<float[], float[]> transform)
    {
        var matrix = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            transform(rows[i]).CopyTo(matrix, i * width);
        }
        return matrix;
    }

    /// <summary>The genre listed first in each row (GenreSet keeps no order).</summary>
    private static Dictionary<string, int> FirstGenres(string path)
    {
        using var reader = new StreamReader(path);
        var (rows, _) = CsvTable.Read<FirstGenre>(reader, path, ["id", "genres"], strict: false, row =>
        {
            var first = row["genres"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            var label = first is null ? -1 : GenreCatalog.IndexOf(first);
            return label < 0 ? (null, "no known genre") : (new FirstGenre(row["id"], label), null);
        });
        var firsts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, label) in rows)
        {
            firsts.TryAdd(id, label);
        }
        return firsts;
    }
}
