using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GenreBlazor.Lifecycle.Registry;
using GenreBlazor.Storage;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>models list | show | register | compare | promote | rollback</c>: the model registry in the app's store. The
/// committed bundle is registered as champion the first time any of them runs (as the app does at its first start);
/// a running app swaps to a new champion within its poll interval, without a restart.
/// </summary>
internal static class ModelsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var store = new StoreOption();
        var command = new Command("models", "List, compare, promote and roll back the registered model bundles.")
        {
            List(store), Show(store), Register(store), Compare(store), Promote(store), Rollback(store),
        };
        return command;
    }

    private static Command List(StoreOption store)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "Every registered version, newest first, with its aliases and held-out figures.") { json };
        store.AddTo(command);
        command.SetAction((result, token) => Run(store, result, async registry =>
        {
            var versions = await registry.ListAsync(token);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(versions, Json));
                return 0;
            }
            foreach (var v in versions)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{v.Version,-28} {string.Join(',', v.Aliases),-20} micro-F1 {v.Metrics.TextMicroF1:F4} macro-F1 {v.Metrics.TextMacroF1:F4} ({v.Metrics.TextTestMovies:N0} held out)  {v.Created:yyyy-MM-dd HH:mm}  {v.Directory}"));
            }
            return 0;
        }, token));
        return command;
    }

    private static Command Show(StoreOption store)
    {
        var version = new Argument<string>("version") { Description = "A registered version, or an alias (champion, challenger)." };
        var command = new Command("show", "One version as JSON: data, snapshot, parent, hyperparameters, figures, files with their SHA-256.") { version };
        store.AddTo(command);
        command.SetAction((result, token) => Run(store, result, async registry =>
        {
            var name = result.GetValue(version)!;
            var found = await registry.GetAsync(name, token) ?? await registry.AliasAsync(name, token)
                ?? throw new ModelRegistryException($"No version or alias '{name}' is registered; 'models list' shows those that are.");
            Console.WriteLine(JsonSerializer.Serialize(found, Json));
            return 0;
        }, token));
        return command;
    }

    private static Command Register(StoreOption store)
    {
        var directory = new Argument<DirectoryInfo>("bundle") { Description = "A bundle folder written by train." };
        var snapshot = new Option<string?>("--snapshot") { Description = "The dataset snapshot it was trained on (printed by ingest)." };
        var parent = new Option<string?>("--parent") { Description = "The version it was trained to replace (default: the champion)." };
        var challenger = new Option<bool>("--challenger") { Description = "Point the challenger alias at it." };
        var command = new Command("register", "Register a trained bundle (its checksums verified).") { directory, snapshot, parent, challenger };
        store.AddTo(command);
        command.SetAction((result, token) => Run(store, result, async registry =>
        {
            var parentVersion = result.GetValue(parent) ?? (await registry.ChampionAsync(token))?.Version;
            var registered = await registry.RegisterAsync(result.GetValue(directory)!.FullName, result.GetValue(snapshot), parentVersion, token);
            if (result.GetValue(challenger))
            {
                await registry.SetChallengerAsync(registered.Version, token);
            }
            Console.WriteLine($"Registered {registered.Version} (parent {parentVersion ?? "none"}){(result.GetValue(challenger) ? " as challenger" : "")}.");
            return 0;
        }, token));
        return command;
    }

    private static Command Compare(StoreOption store)
    {
        var candidate = new Argument<string>("candidate") { Description = "The version to judge." };
        var baseline = new Option<string?>("--baseline") { Description = "The version to compare with (default: the champion)." };
        var json = CommonOptions.Json();
        var command = new Command("compare", "Per-genre F1 deltas and a paired bootstrap interval on micro-F1, on the held-out movies both versions share.") { candidate, baseline, json };
        store.AddTo(command);
        command.SetAction((result, token) => Run(store, result, async registry =>
        {
            var against = result.GetValue(baseline) ?? (await registry.ChampionAsync(token))!.Version;
            var comparison = await registry.CompareAsync(against, result.GetValue(candidate)!, token);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(comparison, Json));
                return 0;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{comparison.Candidate} vs {comparison.Baseline} on {comparison.Rows:N0} shared held-out movies: micro-F1 {comparison.CandidateMicroF1:F4} vs {comparison.BaselineMicroF1:F4}, " +
                $"delta {comparison.Delta:+0.0000;-0.0000} (95% paired bootstrap {comparison.DeltaLow:+0.0000;-0.0000} to {comparison.DeltaHigh:+0.0000;-0.0000}, {comparison.Resamples:N0} resamples)"));
            foreach (var g in comparison.Genres.Where(g => g.Support > 0).OrderBy(g => g.Delta))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Genre,-16} F1 {g.CandidateF1:F4} vs {g.BaselineF1:F4}  {g.Delta:+0.0000;-0.0000}  (support {g.Support})"));
            }
            return 0;
        }, token));
        return command;
    }

    private static Command Promote(StoreOption store)
    {
        var version = new Argument<string>("version") { Description = "The version to make champion." };
        var force = new Option<bool>("--force") { Description = "Promote even when it scores lower than the champion by more than the margin (never when its checksums fail)." };
        var margin = new Option<double>("--max-drop") { Description = "Largest micro-F1 drop against the champion accepted without --force.", DefaultValueFactory = _ => new PromotionPolicy().MaxMicroF1Drop };
        var command = new Command("promote", "Make a version the champion; running apps swap to it without a restart.") { version, force, margin };
        store.AddTo(command);
        command.SetAction((result, token) => Run(store, result, async registry =>
        {
            var change = await registry.PromoteAsync(result.GetValue(version)!, new PromotionPolicy(result.GetValue(margin)), result.GetValue(force), token);
            Console.WriteLine($"{change.Champion} is the champion (was {change.Previous ?? "none"})" + (change.Comparison is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"; micro-F1 delta {c.Delta:+0.0000;-0.0000} on {c.Rows:N0} shared held-out movies.") : "."));
            return 0;
        }, token));
        return command;
    }

    private static Command Rollback(StoreOption store)
    {
        var command = new Command("rollback", "Make the champion before the last promotion the champion again.");
        store.AddTo(command);
        command.SetAction((result, token) => Run(store, result, async registry =>
        {
            var change = await registry.RollbackAsync(token);
            Console.WriteLine($"{change.Champion} is the champion again (was {change.Previous}).");
            return 0;
        }, token));
        return command;
    }

    private static async Task<int> Run(StoreOption option, ParseResult result, Func<ModelRegistry, Task<int>> body, CancellationToken token)
    {
        try
        {
            await using var store = await option.OpenAsync(result, [StoreSettings.Schema, ModelRegistry.Schema], token);
            var registry = new ModelRegistry(store, new StoreSettings(store));
            await registry.EnsureChampionAsync(RepositoryPaths.DefaultModel, token);
            return await body(registry);
        }
        catch (Exception e) when (e is ModelRegistryException or StoreException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
