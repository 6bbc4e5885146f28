using System.Diagnostics;
using System.Text.Json;
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Text;
using GenreBlazor.Core.TextModel;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>What the training child process measured.</summary>
/// <param name="Movies">Training + validation movies trained on.</param>
/// <param name="FirstSeconds">Wall time of <c>TextModelTrainer.Train</c>, first run in the process (JIT included), as <c>train</c> reports it.</param>
/// <param name="SecondSeconds">Wall time of a second run in the same process (JIT done).</param>
/// <param name="FirstSteps">The first run's steps (features, fit, thresholds), seconds.</param>
/// <param name="OutOfFoldMicroF1">Micro-F1 of the out-of-fold probabilities: shows the real model was trained.</param>
/// <param name="ReadSeconds">Reading the CSV and the word vectors (not part of the training figure).</param>
/// <param name="TieredCompilation">The child's DOTNET_TieredCompilation setting.</param>
public sealed record TrainingTimes(
    int Movies,
    double FirstSeconds,
    double SecondSeconds,
    IReadOnlyDictionary<string, double> FirstSteps,
    double OutOfFoldMicroF1,
    double ReadSeconds,
    string TieredCompilation);

/// <summary>
/// Times text-model training the way the CLI's <c>train</c> runs it: a fresh process with tiered compilation off
/// (the CLI's project setting), so the JIT compiles fully optimised code once. This benchmark keeps tiering on for
/// its latency figures, so training runs in a child process of the same program with DOTNET_TieredCompilation=0.
/// </summary>
public static class TrainingRun
{
    /// <summary>The hidden first argument that makes the program the training child.</summary>
    public const string ChildArgument = "--training-child";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Starts the child, forwards its progress to stderr and returns what it measured.</summary>
    public static TrainingTimes InChildProcess(string moviesCsv, string embeddingsFile)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var self = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Started as `dotnet GenreBlazor.Benchmarks.dll`: the child needs the assembly too.
            start.FileName = self;
            start.ArgumentList.Add(typeof(TrainingRun).Assembly.Location);
        }
        else
        {
            start.FileName = self;
        }
        foreach (var argument in new[] { ChildArgument, moviesCsv, embeddingsFile })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_TieredCompilation"] = "0";

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {start.FileName}.");
        child.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine("  [training child] " + line.Data);
            }
        };
        child.BeginErrorReadLine();
        var output = child.StandardOutput.ReadToEnd();
        if (!child.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException("The training child did not finish within 10 minutes.");
        }
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The training child exited with code {child.ExitCode}: {output.Trim()}");
        }
        return JsonSerializer.Deserialize<TrainingTimes>(output, Json)
            ?? throw new InvalidOperationException("The training child printed nothing.");
    }

    /// <summary>The child's work: read, train twice, print <see cref="TrainingTimes"/> as JSON on stdout.</summary>
    public static int RunChild(IReadOnlyList<string> args)
    {
        if (args.Count != 3)
        {
            Console.Error.WriteLine($"Usage: {ChildArgument} MOVIES_CSV EMBEDDINGS_FILE");
            return 2;
        }
        var read = Stopwatch.StartNew();
        var csv = MovieCsvReader.Read(args[1]);
        // The parts BundleTrainer trains on, in its order: training, then validation.
        var movies = DatasetSplit.Select(csv.Movies, SplitPart.Train).Concat(DatasetSplit.Select(csv.Movies, SplitPart.Validation)).ToList();
        WordEmbeddings embeddings;
        using (var stream = File.OpenRead(args[2]))
        {
            embeddings = WordEmbeddings.ReadBinary(stream);
        }
        var readSeconds = read.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"read {movies.Count:N0} movies and {embeddings.Words.Count:N0} word vectors in {readSeconds:F1} s; training (first run)…");

        var clock = Stopwatch.StartNew();
        var first = TextModelTrainer.Train(movies, TextModelOptions.Default, embeddings);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        var steps = first.Timings.ToDictionary(t => t.Step, t => Math.Round(t.Elapsed.TotalSeconds, 3));
        var microF1 = first.OutOfFoldMetrics.MicroF1;
        first = null;
        GC.Collect();
        Console.Error.WriteLine($"first run {firstSeconds:F2} s; training (second run)…");

        clock.Restart();
        _ = TextModelTrainer.Train(movies, TextModelOptions.Default, embeddings);
        var secondSeconds = clock.Elapsed.TotalSeconds;

        Console.Out.Write(JsonSerializer.Serialize(new TrainingTimes(movies.Count, firstSeconds, secondSeconds, steps, microF1, readSeconds,
            Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "(default)"), Json));
        return 0;
    }
}
