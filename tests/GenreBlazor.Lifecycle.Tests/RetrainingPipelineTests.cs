using System.Text.Json;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Lifecycle.Retraining;
using GenreBlazor.Storage;
using GenreBlazor.Storage.Tests;
using GenreBlazor.Tests;

namespace GenreBlazor.Lifecycle.Tests;

public sealed class RetrainingPipelineTests(Stores stores) : IClassFixture<Stores>
{
    [SharedMoviesFact]
    public async Task Retraining_end_to_end_on_the_shared_data_registers_a_challenger_with_its_metrics()
    {
        await using var store = await stores.OpenAsync(StoreProvider.Sqlite, StoreSettings.Schema, ModelRegistry.Schema, JobStore.Schema);
        var registry = new ModelRegistry(store, new StoreSettings(store));
        var champion = await registry.EnsureChampionAsync(SharedData.CommittedBundle);
        var work = Directory.CreateTempSubdirectory("retrain-pipeline-").FullName;
        try
        {
            // Without word vectors: a few seconds faster, and the challenger then differs from the committed champion.
            var options = new RetrainingOptions { WorkFolder = work, Embeddings = false, AutoPromote = true };
            var pipeline = new RetrainingPipeline(registry, options, SharedData.RepositoryRoot, p => Path.GetFullPath(p, SharedData.RepositoryRoot), () => null);
            var jobs = new JobStore(store);
            var echoed = new List<string>();
            var runner = new JobRunner(jobs, [pipeline], new JobLeaseOptions(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)), "test-runner", echoed.Add);
            var queued = await jobs.EnqueueAsync(JobKinds.Retrain, new RetrainParameters(Data: SharedData.Movies), "test");

            var job = await runner.RunNextAsync(CancellationToken.None);

            Assert.NotNull(job);
            Assert.True(job.State == JobState.Succeeded, job.Error);
            Assert.Equal(queued.Job.Id, job.Id);
            var result = job.Result!.Value.Deserialize<RetrainResult>(JobJson.Options)!;
            var challenger = (await registry.AliasAsync(ModelRegistry.Challenger))!;
            Assert.Equal(result.Version, challenger.Version);
            Assert.NotEqual(champion.Version, challenger.Version);
            Assert.Equal(champion.Version, challenger.Parent);
            var manifest = ModelBundle.ReadManifest(challenger.Directory);
            Assert.Equal(manifest.Text.TestMetrics.MicroF1, challenger.Metrics.TextMicroF1);
            Assert.InRange(challenger.Metrics.TextMicroF1, 0.45, 0.7);
            Assert.Equal(19, challenger.Metrics.TextF1ByGenre.Count);
            Assert.Equal(ModelBundle.ReadManifest(SharedData.CommittedBundle).Text.TestMetrics.Count, result.Evaluation.HeldOut.Rows);
            Assert.Equal(champion.Version, result.Evaluation.Champion);
            Assert.Equal(ModelBundle.ReadManifest(SharedData.CommittedBundle).Text.TestMetrics.MicroF1, result.Evaluation.HeldOut.ChampionMicroF1, 3);
            Assert.Equal(Math.Round(manifest.Text.TestMetrics.MicroF1, 4), result.Evaluation.Newest.ChallengerMicroF1, 4);
            // Word vectors are worth more than the margin here, so even with AutoPromote the policy keeps the champion.
            Assert.False(result.Promoted, result.Decision);
            Assert.Contains("less than the margin", result.Decision);
            Assert.Equal(champion.Version, (await registry.ChampionAsync())!.Version);
            var log = (await jobs.LogAsync(job.Id)).Select(l => l.Text).ToList();
            Assert.Equal(log, echoed);
            foreach (var step in new[] { "ingest: skipped", "snapshot:", "train:", "evaluate: held-out", "evaluate: newest", "register:", "promote: not promoted" })
            {
                Assert.Contains(log, l => l.StartsWith(step, StringComparison.Ordinal));
            }
            Assert.Equal("Succeeded.", log[^1]);
            Assert.Equal(
                new[] { RetrainingPipeline.Steps.Ingest, RetrainingPipeline.Steps.Snapshot, RetrainingPipeline.Steps.Train, RetrainingPipeline.Steps.Evaluate,
                    RetrainingPipeline.Steps.Register, RetrainingPipeline.Steps.Promote }.Order(StringComparer.Ordinal),
                job.CompletedSteps.Keys.Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void The_policy_promotes_only_above_the_margin_and_with_no_genre_below_the_floor()
    {
        static SetScores Set(double champion, double challenger, double horrorChampion, double horrorChallenger) => new("t", 100, champion, challenger, 0.5, 0.5,
            new Dictionary<string, GenreScores>
            {
                ["Drama"] = new(60, 0.7, 0.72),
                ["Horror"] = new(10, horrorChampion, horrorChallenger),
                ["Western"] = new(0, 0.9, 0),
            });

        var better = RetrainScoring.Judge(Set(0.60, 0.62, 0.5, 0.49), margin: 0.005, floor: 0.02);
        var tooLittle = RetrainScoring.Judge(Set(0.60, 0.603, 0.5, 0.5), margin: 0.005, floor: 0.02);
        var genreDrop = RetrainScoring.Judge(Set(0.60, 0.62, 0.5, 0.45), margin: 0.005, floor: 0.02);

        Assert.True(better.Passes, better.Reason);
        Assert.False(tooLittle.Passes);
        Assert.Contains("less than the margin 0.0050", tooLittle.Reason);
        Assert.False(genreDrop.Passes);
        Assert.StartsWith("Horror F1 drops 0.0500", genreDrop.Reason); // Western's drop has no support and does not count
    }
}
