using System.CommandLine;
using System.Diagnostics;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Discovery.Dna;
using GenreBlazor.Discovery.Embedding;
using GenreBlazor.Discovery.Evaluation;
using GenreBlazor.Lifecycle.Training;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>evaluate-lift --data CSV --dna FILE</c>: the text model as <c>train</c> builds it on the bundle's split, alone and
/// blended with its plots' nearest-neighbour genre votes (decision 0075), held-out micro/macro-F1 and the latency each adds.
/// </summary>
internal static class EvaluateLiftCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var dna = EvaluatePicksCommand.Dna();
        var command = new Command("evaluate-lift", "Measure whether nearest-neighbour genre votes of the DNA lift the text model's held-out F1, and the latency they add.")
        {
            data, dna,
        };
        command.SetAction(result =>
        {
            var console = CommonOptions.ConsoleFor(json: false);
            return CommonOptions.Guard(console, () => Run(console, result.GetValue(data)!, result.GetValue(dna)!));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, FileInfo data, FileInfo dna)
    {
        var catalog = DnaFile.Read(dna.FullName);
        var csv = MovieCsvReader.Read(data.FullName);
        var training = DatasetSplit.Select(csv.Movies, SplitPart.Train).Concat(DatasetSplit.Select(csv.Movies, SplitPart.Validation)).ToList();
        var test = DatasetSplit.Select(csv.Movies, SplitPart.Test);
        var trainingRows = training.Select(m => catalog.IndexOf(m.Id)).ToList();
        var testRows = test.Select(m => catalog.IndexOf(m.Id)).ToList();
        if (trainingRows.Contains(-1) || testRows.Contains(-1))
        {
            throw new ArgumentException($"Some movies of {data.FullName} are not in {dna.FullName}: build the DNA from the same CSV (genreblazor dna).");
        }
        console.MarkupLine($"Training the text model on {training.Count:N0} movies as train does (out-of-fold probabilities for tuning)…");
        var embeddings = EmbeddingsSource.Load(null, RepositoryPaths.Root, message => console.MarkupLine(Markup.Escape(message)));
        var trained = TextModelTrainer.Train(training, TextModelOptions.Default, embeddings);
        var testProbabilities = trained.Model.ScoreMany(test.Select(m => m.Overview).ToList());

        // Neighbours come from the training part only: a held-out movie's own genres never vote.
        var trainingVotes = LiftEvaluation.Votes(catalog, trainingRows, trainingRows);
        var testVotes = LiftEvaluation.Votes(catalog, testRows, trainingRows);
        var figures = LiftEvaluation.Blend(trained.OutOfFoldProbabilities, trainingVotes, [.. training.Select(m => m.Genres)],
            testProbabilities, testVotes, [.. test.Select(m => m.Genres)]);

        var table = new Table().AddColumns("method", "w", "training OOF micro-F1", "test micro-F1", "test macro-F1");
        foreach (var f in figures)
        {
            table.AddRow(Markup.Escape(f.Method), $"{f.Weight:F1}", $"{f.TrainingMicroF1:F4}", $"[bold]{f.TestMicroF1:F4}[/]", $"{f.TestMacroF1:F4}");
        }
        console.Write(table);

        // What one plot costs each way: the text model alone, its MiniLM embedding, and the neighbour scan.
        using var embedder = PlotEmbedder.Open(catalog.Embedder);
        var plots = test.Take(60).Select(m => m.Overview).ToList();
        var textMicros = Median(plots, plot => trained.Model.Score(plot)) * 1000;
        var embedMillis = Median(plots, plot => embedder.Embed(plot));
        var votesMillis = Median([.. testRows.Take(60)], row => LiftEvaluation.Votes(catalog, [row], trainingRows));
        console.MarkupLine($"Single plot, median of {plots.Count} after warm-up: text model {textMicros:F0} µs; a MiniLM embedding {embedMillis:F1} ms; " +
            $"the {LiftEvaluation.Neighbours}-neighbour vote over {trainingRows.Count:N0} movies {votesMillis:F2} ms.");
        return 0;
    }

    private static double Median<T>(IReadOnlyList<T> items, Action<T> run)
    {
        foreach (var item in items.Take(10))
        {
            run(item);
        }
        var times = new List<double>();
        foreach (var item in items)
        {
            var clock = Stopwatch.StartNew();
            run(item);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
