using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Storage;
using GenreBlazor.Tmdb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>ingest --out DIR [--base-url URL] [--api-key KEY] [--since DATE] [--max-movies N]</c>: pulls movies from TMDB into
/// the store, then exports <c>movies.csv</c>/<c>posters.csv</c> and records a dataset snapshot. Stopped part-way (killed,
/// Ctrl+C, TMDB failing), the same command continues where it stopped.
/// </summary>
internal static class IngestCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for movies.csv, posters.csv and posters/.", Required = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "TMDB v3 base address (default: TMDB__BaseUrl, else https://api.themoviedb.org/3)." };
        var apiKey = new Option<string?>("--api-key") { Description = "TMDB v3 API key (default: TMDB__ApiKey; or a v4 token in TMDB__ReadToken)." };
        var since = new Option<string?>("--since") { Description = "First release date to discover, yyyy-MM-dd (default: all)." };
        var maxMovies = new Option<int?>("--max-movies") { Description = "Most movies to handle, kept or dropped (default: all TMDB lists)." };
        var noPosters = new Option<bool>("--no-posters") { Description = "Do not download posters." };
        var json = CommonOptions.Json();
        var store = new StoreOption();
        var command = new Command("ingest", "Ingest movies from TMDB into the store, export them in the shared CSV schema and record a dataset snapshot.")
        {
            output, baseUrl, apiKey, since, maxMovies, noPosters, json,
        };
        store.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            DateOnly? from = null;
            if (result.GetValue(since) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    Console.Error.WriteLine($"error: --since '{text}' is not a date like 2024-01-31.");
                    return 2;
                }
                from = day;
            }
            Uri? address = null;
            if (result.GetValue(baseUrl) is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out address) || address.Scheme is not ("http" or "https")))
            {
                Console.Error.WriteLine($"error: --base-url '{url}' is not an http(s) address like https://api.themoviedb.org/3.");
                return 2;
            }
            if (result.GetValue(maxMovies) is < 1)
            {
                Console.Error.WriteLine("error: --max-movies must be at least 1.");
                return 2;
            }
            try
            {
                await using var appStore = await store.OpenAsync(result, [IngestStore.Schema], cancellationToken);
                await using var services = Tmdb(address, result.GetValue(apiKey));
                var ingest = new TmdbIngest(services.GetRequiredService<TmdbClient>(), new IngestStore(appStore));
                var lastPage = 0;
                var progress = new Progress<IngestProgress>(p =>
                {
                    if (p.Page != Interlocked.Exchange(ref lastPage, p.Page))
                    {
                        Console.Error.WriteLine($"page {p.Page}: {p.Seen:N0} of {p.Total:N0} movies");
                    }
                });
                var request = new IngestRequest(result.GetValue(output)!.FullName, from, result.GetValue(maxMovies), !result.GetValue(noPosters));
                var run = await ingest.RunAsync(request, progress, cancellationToken);
                var snapshot = run.Snapshot;
                if (result.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { snapshot, run.Resumed, run.Handled }, Json));
                }
                else
                {
                    Console.WriteLine($"{(run.Resumed ? "Resumed and finished" : "Finished")}: {run.Handled:N0} movies handled this run.");
                    Console.WriteLine($"Snapshot {snapshot.Id}: {snapshot.Rows:N0} movies, {snapshot.Posters:N0} posters, {snapshot.Fingerprint}");
                    foreach (var (reason, count) in snapshot.Dropped.OrderByDescending(d => d.Value))
                    {
                        Console.WriteLine($"  dropped {count:N0}: {reason}");
                    }
                    Console.WriteLine($"Wrote {Path.Combine(request.OutputFolder, DatasetExport.MoviesFile)} and {DatasetExport.PostersFile}.");
                }
                return 0;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("Stopped; run the same command again to continue where it stopped.");
                return 130;
            }
            catch (Exception e) when (e is TmdbException or StoreException or IOException or Microsoft.Extensions.Options.OptionsValidationException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                Console.Error.WriteLine("Nothing ingested so far is lost: run the same command again to continue where it stopped.");
                return 1;
            }
        });
        return command;
    }

    internal static ServiceProvider Tmdb(Uri? baseUrl, string? apiKey)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddTmdbClient(o =>
        {
            o.BaseUrl = baseUrl ?? (Uri.TryCreate(Environment.GetEnvironmentVariable("TMDB__BaseUrl"), UriKind.Absolute, out var fromEnvironment) ? fromEnvironment : o.BaseUrl);
            o.ApiKey = apiKey ?? Environment.GetEnvironmentVariable("TMDB__ApiKey");
            o.ReadToken = apiKey is null ? Environment.GetEnvironmentVariable("TMDB__ReadToken") : null;
        });
        return services.BuildServiceProvider();
    }
}
