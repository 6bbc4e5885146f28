using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Lifecycle.Retraining;
using GenreBlazor.Storage;
using GenreBlazor.Tmdb;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>retrain [--data CSV] [--heldout PATH] [--posters] [--auto-promote]</c>: the app's retraining job, run in the
/// foreground as a job in the store (so the Operations page shows it, and no app replica starts another meanwhile).
/// Stopped part-way, the same command resumes it from its last finished step.
/// </summary>
internal static class RetrainCommand
{
    private static readonly JsonSerializerOptions Json = new(JobJson.Options) { WriteIndented = true };

    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = "Movies CSV to train on (default: ingest from TMDB when TMDB__ApiKey or TMDB__ReadToken is set, else ../shared/data/movies.csv)." };
        var heldOut = new Option<FileSystemInfo?>("--heldout") { Description = "The fixed held-out set: a bundle folder or a movies CSV, its test part (default: the committed bundle's)." };
        var posters = new Option<bool>("--posters") { Description = "Also train the poster model and fusion when posters.csv lies beside the data." };
        var autoPromote = new Option<bool>("--auto-promote") { Description = "Promote the challenger when it passes the policy (margin on micro-F1, no genre below the floor)." };
        var margin = new Option<double?>("--margin") { Description = "Micro-F1 the challenger must gain on the held-out set to be promoted (default 0.005)." };
        var floor = new Option<double?>("--genre-floor") { Description = "Largest per-genre F1 drop allowed for a promotion (default 0.02)." };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Where bundles are written, one folder per job (default: data/retraining)." };
        var noEmbeddings = new Option<bool>("--no-embeddings") { Description = "Train without pretrained word vectors." };
        var json = CommonOptions.Json();
        var store = new StoreOption();
        var command = new Command("retrain", "Retrain: ingest (when TMDB is configured), train, evaluate against the champion, register the challenger, promote by policy.")
        {
            data, heldOut, posters, autoPromote, margin, floor, work, noEmbeddings, json,
        };
        store.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new RetrainingOptions
            {
                Embeddings = !result.GetValue(noEmbeddings),
                PromoteMargin = result.GetValue(margin) ?? new RetrainingOptions().PromoteMargin,
                GenreFloor = result.GetValue(floor) ?? new RetrainingOptions().GenreFloor,
                WorkFolder = result.GetValue(work)?.FullName ?? new RetrainingOptions().WorkFolder,
            };
            if (options.Problem() is { } problem)
            {
                Console.Error.WriteLine($"error: {problem.Replace("Retraining: ", "", StringComparison.Ordinal)}");
                return 2;
            }
            var parameters = new RetrainParameters(result.GetValue(data)?.FullName, result.GetValue(heldOut)?.FullName, result.GetValue(posters) ? true : null,
                result.GetValue(autoPromote) ? true : null);
            try
            {
                await using var appStore = await store.OpenAsync(result, [StoreSettings.Schema, ModelRegistry.Schema, IngestStore.Schema, JobStore.Schema], cancellationToken);
                var registry = new ModelRegistry(appStore, new StoreSettings(appStore));
                await registry.EnsureChampionAsync(RepositoryPaths.DefaultModel, cancellationToken);
                var jobs = new JobStore(appStore);
                await using var tmdb = TmdbConfigured() ? IngestCommand.Tmdb(null, null) : null;
                var pipeline = new RetrainingPipeline(registry, options, RepositoryPaths.Root, path => Path.GetFullPath(path, RepositoryPaths.Root),
                    () => tmdb is null ? null : new TmdbIngest(tmdb.GetRequiredService<TmdbClient>(), new IngestStore(appStore)));

                var request = await jobs.EnqueueAsync(JobKinds.Retrain, parameters, $"cli:{Environment.UserName}", cancellationToken: cancellationToken);
                var runner = new JobRunner(jobs, [pipeline], JobLeaseOptions.Default, JobRunner.NewName(), line => Console.Error.WriteLine(line));
                if (!request.Created)
                {
                    Console.Error.WriteLine($"Job {request.Job.Id} ({request.Job.Kind}, {request.Job.State.ToString().ToLowerInvariant()}, asked by {request.Job.RequestedBy}) is active; taking it up if it is free.");
                }
                var job = await runner.RunNextAsync(cancellationToken);
                if (job is null)
                {
                    var active = await jobs.ActiveAsync(cancellationToken);
                    Console.Error.WriteLine(active is null
                        ? "error: the job ended meanwhile; run the command again."
                        : $"error: job {active.Id} ({active.Kind}) is running on {active.Runner}; follow it on the Operations page, or cancel it there (or with POST /api/jobs/{active.Id}/cancel).");
                    return 1;
                }
                if (result.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(job, Json));
                }
                else if (job.State == JobState.Succeeded && job.Result?.Deserialize<RetrainResult>(JobJson.Options) is { } done)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Job {job.Id} succeeded: challenger {done.Version} ({done.Bundle}); held-out micro-F1 {done.Evaluation.HeldOut.ChallengerMicroF1:F4} against the champion's " +
                        $"{done.Evaluation.HeldOut.ChampionMicroF1:F4}; {(done.Promoted ? "promoted" : "not promoted")}: {done.Decision}."));
                }
                return job.State switch
                {
                    JobState.Succeeded => 0,
                    JobState.Running => Stopped(),
                    _ => Failed(job),
                };
            }
            catch (OperationCanceledException)
            {
                return Stopped();
            }
            catch (Exception e) when (e is StoreException or ModelRegistryException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static bool TmdbConfigured() =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TMDB__ApiKey")) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TMDB__ReadToken"));

    private static int Stopped()
    {
        Console.Error.WriteLine("Stopped; run the same command again to resume the job from its last finished step.");
        return 130;
    }

    private static int Failed(Job job)
    {
        Console.Error.WriteLine($"error: job {job.Id} {job.State.ToString().ToLowerInvariant()}: {job.Error}");
        return 1;
    }
}
