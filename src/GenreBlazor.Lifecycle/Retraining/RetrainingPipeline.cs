using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Lifecycle.Training;

namespace GenreBlazor.Lifecycle.Retraining;

/// <summary>What a retraining job was asked (every field optional: configuration decides the rest).</summary>
/// <param name="Data">A movies CSV to train on instead of ingesting (the CLI's <c>--data</c>).</param>
/// <param name="HeldOut">The fixed held-out set instead of <see cref="RetrainingOptions.HeldOut"/>.</param>
/// <param name="Posters">Whether to train the poster model too, instead of <see cref="RetrainingOptions.Posters"/>.</param>
/// <param name="AutoPromote">Whether to promote a challenger that passes, instead of <see cref="RetrainingOptions.AutoPromote"/>.</param>
public sealed record RetrainParameters(string? Data = null, string? HeldOut = null, bool? Posters = null, bool? AutoPromote = null);

/// <summary>What a retraining job produced.</summary>
/// <param name="Version">The challenger registered.</param>
/// <param name="Bundle">Its folder.</param>
/// <param name="Snapshot">The dataset snapshot it was trained on, when an ingest made one.</param>
/// <param name="Promoted">Whether the job made it the champion.</param>
/// <param name="Decision">Why it was or was not promoted.</param>
/// <param name="Evaluation">The champion and the challenger on the fixed held-out set and on the newest data.</param>
/// <param name="TrainingSeconds">Wall time of training (the trainer's own figure).</param>
public sealed record RetrainResult(string Version, string Bundle, string? Snapshot, bool Promoted, string Decision, RetrainEvaluation Evaluation, double TrainingSeconds);

/// <summary>
/// The retraining job: ingest the delta from TMDB (when configured) → settle the training data → train → evaluate the
/// challenger and the champion on the fixed held-out set and on the newest data → register the challenger with its
/// figures → promote it when the policy says so. Each step records what it produced when it finishes, so a job
/// resumed after a restart skips finished steps and redoes only the one that was interrupted (training is
/// deterministic and registration idempotent, so a redone step gives the same bundle and no second version).
/// </summary>
public sealed class RetrainingPipeline(ModelRegistry registry, RetrainingOptions options, string repositoryRoot, Func<string, string> resolve,
    Func<TmdbIngest?> ingest) : IJobHandler
{
    public static class Steps
    {
        public const string Ingest = "ingest";
        public const string Snapshot = "snapshot";
        public const string Train = "train";
        public const string Evaluate = "evaluate";
        public const string Register = "register";
        public const string Promote = "promote";
    }

    private sealed record IngestOutput(string? Folder, string? Snapshot, int Rows);

    private sealed record SnapshotOutput(string Movies, string? Posters, string? Snapshot);

    private sealed record TrainOutput(string Bundle, string Version, double Seconds);

    private sealed record RegisterOutput(string Version, string? Parent);

    private sealed record PromoteOutput(bool Promoted, string Reason);

    public string Kind => JobKinds.Retrain;

    public async Task<JsonElement> RunAsync(JobContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters<RetrainParameters>();
        var token = context.CancellationToken;
        var f = CultureInfo.InvariantCulture;

        var ingested = await StepAsync(context, Steps.Ingest, 0, async () =>
        {
            if (parameters.Data is not null)
            {
                await context.LogAsync($"ingest: skipped, the job names its data ({parameters.Data}).").ConfigureAwait(false);
                return new IngestOutput(null, null, 0);
            }
            if (ingest() is not { } tmdb)
            {
                await context.LogAsync("ingest: skipped, TMDB is not configured (TMDB:ApiKey or TMDB:ReadToken); training on " + resolve(options.Data) + ".").ConfigureAwait(false);
                return new IngestOutput(null, null, 0);
            }
            var folder = Path.Combine(resolve(options.WorkFolder), "data");
            var run = await IngestJob.RunAsync(context, tmdb, new IngestRequest(folder, options.IngestSince, options.IngestMaxMovies), Steps.Ingest, 0, 0.3).ConfigureAwait(false);
            return new IngestOutput(folder, run.Snapshot.Id, run.Snapshot.Rows);
        }).ConfigureAwait(false);

        var snapshot = await StepAsync(context, Steps.Snapshot, 0.3, async () =>
        {
            string movies;
            if (ingested.Folder is not null)
            {
                movies = Path.Combine(ingested.Folder, DatasetExport.MoviesFile);
            }
            else
            {
                movies = resolve(parameters.Data ?? options.Data);
            }
            if (!File.Exists(movies))
            {
                throw new FileNotFoundException($"The training data {movies} does not exist (Retraining:Data, --data).");
            }
            var posters = Path.Combine(Path.GetDirectoryName(movies)!, DatasetExport.PostersFile);
            var wantPosters = parameters.Posters ?? options.Posters;
            var usePosters = wantPosters && File.Exists(posters);
            await context.LogAsync($"snapshot: training data {movies}" + (ingested.Snapshot is { } id ? $" (snapshot {id}, {ingested.Rows:N0} movies)" : "") +
                (usePosters ? $", posters {posters}" : wantPosters ? ", no posters.csv beside it: text model only" : ", text model only")).ConfigureAwait(false);
            return new SnapshotOutput(movies, usePosters ? posters : null, ingested.Snapshot);
        }).ConfigureAwait(false);

        var trained = await StepAsync(context, Steps.Train, 0.35, async () =>
        {
            var output = Path.Combine(resolve(options.WorkFolder), context.Job.Id, "bundle");
            var progress = new StepProgress(context, Steps.Train, 0.35, 0.8);
            var clock = Stopwatch.StartNew();
            var lines = new List<string>();
            // Named by the job, not by the model's checksum: the same data trains the same bytes, and a challenger must
            // not take the version (and so the registry row) of the champion it is compared with. A redone step names it the same.
            var version = string.Create(f, $"{context.Job.Created.UtcDateTime:yyyy.MM.dd}-retrain-{context.Job.Id[^6..]}");
            var report = await Task.Run(() => BundleTraining.Train(
                new TrainingRequest(snapshot.Movies, output, options.Embeddings, Version: version, Posters: snapshot.Posters), repositoryRoot, lines.Add, progress, token),
                token).ConfigureAwait(false);
            foreach (var line in lines)
            {
                await context.LogAsync("train: " + line).ConfigureAwait(false);
            }
            var test = report.Manifest.Text.TestMetrics;
            await context.LogAsync(string.Create(f, $"train: {report.Manifest.Version} in {clock.Elapsed.TotalSeconds:F1} s on {report.Manifest.Training.Movies:N0} movies; " +
                $"its test part ({test.Count:N0}): micro-F1 {test.MicroF1:F4}, macro-F1 {test.MacroF1:F4}")).ConfigureAwait(false);
            return new TrainOutput(output, report.Manifest.Version, Math.Round(report.TrainingSeconds, 2));
        }).ConfigureAwait(false);

        var evaluation = await StepAsync(context, Steps.Evaluate, 0.8, async () =>
        {
            var champion = await registry.ChampionAsync(token).ConfigureAwait(false)
                ?? throw new ModelRegistryException("The registry has no champion to compare with; start the app or run 'models list' once.");
            var heldOutPath = resolve(parameters.HeldOut ?? options.HeldOut);
            var result = await Task.Run(() =>
            {
                var championBundle = ModelRegistry.LoadVerified(champion.Directory);
                var challenger = ModelRegistry.LoadVerified(trained.Bundle);
                return new RetrainEvaluation(champion.Version, trained.Version,
                    RetrainScoring.Score("held-out " + heldOutPath, RetrainScoring.LoadHeldOut(heldOutPath), championBundle, challenger),
                    RetrainScoring.Score("newest data's test part", RetrainScoring.Rows(challenger.LoadTestPredictions()), championBundle, challenger));
            }, token).ConfigureAwait(false);
            foreach (var set in new[] { result.HeldOut, result.Newest })
            {
                await context.LogAsync(string.Create(f, $"evaluate: {set.Name} ({set.Rows:N0} movies): challenger micro-F1 {set.ChallengerMicroF1:F4}, " +
                    $"champion {result.Champion} {set.ChampionMicroF1:F4} ({set.Delta:+0.0000;-0.0000})")).ConfigureAwait(false);
            }
            return result;
        }).ConfigureAwait(false);

        var registered = await StepAsync(context, Steps.Register, 0.9, async () =>
        {
            var parent = evaluation.Champion;
            var version = await registry.RegisterAsync(trained.Bundle, snapshot.Snapshot, parent, token).ConfigureAwait(false);
            await registry.SetChallengerAsync(version.Version, token).ConfigureAwait(false);
            await context.LogAsync(string.Create(f, $"register: {version.Version} is the challenger (parent {parent}; registered micro-F1 {version.Metrics.TextMicroF1:F4})."))
                .ConfigureAwait(false);
            return new RegisterOutput(version.Version, parent);
        }).ConfigureAwait(false);

        var promoted = await StepAsync(context, Steps.Promote, 0.95, async () =>
        {
            var decision = RetrainScoring.Judge(evaluation.HeldOut, options.PromoteMargin, options.GenreFloor);
            if (!decision.Passes)
            {
                await context.LogAsync("promote: not promoted — " + decision.Reason + ".").ConfigureAwait(false);
                return new PromoteOutput(false, decision.Reason);
            }
            if (!(parameters.AutoPromote ?? options.AutoPromote))
            {
                var reason = "passes the policy (" + decision.Reason + ") but Retraining:AutoPromote is off: an operator promotes it on the Models page";
                await context.LogAsync("promote: not promoted — " + reason + ".").ConfigureAwait(false);
                return new PromoteOutput(false, reason);
            }
            // The policy judged it on the fixed held-out set, so the registry's own test-part comparison is not asked
            // again (force); the checksums are still verified.
            var change = await registry.PromoteAsync(registered.Version, new PromotionPolicy(), force: true, token).ConfigureAwait(false);
            await context.LogAsync($"promote: {change.Champion} is the champion (was {change.Previous}) — {decision.Reason}.").ConfigureAwait(false);
            return new PromoteOutput(true, decision.Reason);
        }).ConfigureAwait(false);

        context.Report(Steps.Promote, 1);
        return JsonSerializer.SerializeToElement(new RetrainResult(registered.Version, trained.Bundle, snapshot.Snapshot, promoted.Promoted, promoted.Reason, evaluation,
            trained.Seconds), JobJson.Options);
    }

    /// <summary>Runs a step unless it finished before, and records its output; <paramref name="start"/> is the job's progress when it begins.</summary>
    private static async Task<T> StepAsync<T>(JobContext context, string step, double start, Func<Task<T>> run)
    {
        if (context.Completed<T>(step, out var done))
        {
            await context.LogAsync($"{step}: finished before the restart, kept.").ConfigureAwait(false);
            return done;
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        context.Report(step, start);
        var output = await run().ConfigureAwait(false);
        await context.CompleteAsync(step, output).ConfigureAwait(false);
        return output;
    }

    /// <summary>Training's reports as the job's progress between <paramref name="from"/> and <paramref name="to"/>.</summary>
    private sealed class StepProgress(JobContext context, string step, double from, double to) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) =>
            context.Report(step, from + (to - from) * (value.Total > 0 ? Math.Clamp((double)value.Done / value.Total, 0, 1) : 0));
    }
}
