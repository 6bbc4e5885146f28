using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Data;
using GenreBlazor.Lifecycle.Ingest;
using GenreBlazor.Storage;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Datasets;

/// <summary>Section <c>Data</c>.</summary>
public sealed class DataOptions
{
    /// <summary>
    /// A movies CSV the Data page profiles when no ingest has run (read once, on first use; relative paths from the
    /// repository root). Empty: none.
    /// </summary>
    public string CsvPath { get; set; } = "";
}

/// <summary>Where a data set on the Data page comes from.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DataSourceKind>))]
public enum DataSourceKind
{
    /// <summary>A dataset snapshot an ingest recorded in the store.</summary>
    Snapshot,

    /// <summary>The movies CSV of <see cref="DataOptions.CsvPath"/>.</summary>
    Csv,

    /// <summary>The serving bundle's summary of its own training movies (genre counts and pairs only).</summary>
    Training,
}

/// <summary>A data set the Data page can show.</summary>
/// <param name="Id">The snapshot's id, <c>csv</c> or <c>training</c>.</param>
/// <param name="Kind">Where it comes from.</param>
/// <param name="Label">What the selector says.</param>
/// <param name="Created">When it was taken (the CSV: last written).</param>
/// <param name="Rows">Movies in it.</param>
public sealed record DataSource(string Id, DataSourceKind Kind, string Label, DateTimeOffset? Created, int Rows);

/// <summary>One data set's statistics, and for a snapshot what changed since the previous one.</summary>
/// <param name="Source">The data set.</param>
/// <param name="Profile">The statistics; null for a snapshot recorded before profiles were.</param>
/// <param name="Snapshot">The snapshot's record (posters, fingerprint, drops), for a snapshot.</param>
/// <param name="Changes">What changed since the previous snapshot; null for the first and for the other kinds.</param>
/// <param name="Fingerprint">SHA-256 of the movies file, when known.</param>
/// <param name="Note">What the reader should know about the source (skipped rows, parts missing).</param>
public sealed record DataReport(DataSource Source, SnapshotProfile? Profile, DatasetSnapshot? Snapshot, SnapshotChanges? Changes, string? Fingerprint, string? Note);

/// <summary>
/// The Data page's data sets and their statistics, each computed once and kept: a snapshot's report never changes
/// (a later snapshot is always the newer one), the CSV is read once, and the training summary belongs to the loaded
/// bundle. No row list is kept, by this service or by a circuit.
/// </summary>
public sealed class DatasetProfiles(IngestStore store, GenreModelHost models, IOptions<DataOptions> options, ILogger<DatasetProfiles> logger)
{
    public const string CsvId = "csv";
    public const string TrainingId = "training";

    private readonly ConcurrentDictionary<string, Task<DataReport?>> _snapshots = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<TrainingStatistics, DataReport> _training = [];
    private readonly Lazy<DataReport?> _csv = new(() => ReadCsv(options.Value.CsvPath, logger));

    /// <summary>The store's snapshots newest first, then the CSV (when configured and present), then the training summary.</summary>
    public async Task<IReadOnlyList<DataSource>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        var snapshots = await store.SnapshotsAsync(cancellationToken).ConfigureAwait(false);
        var sources = snapshots.Select(Source).ToList();
        if (CsvConfigured && File.Exists(CsvPath) && _csv.Value is { } csv)
        {
            sources.Add(csv.Source);
        }
        sources.Add(Training().Source);
        return sources;
    }

    /// <summary>A data set's report, or null for an unknown id.</summary>
    public async Task<DataReport?> ReportAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id == TrainingId)
        {
            return Training();
        }
        if (id == CsvId)
        {
            return CsvConfigured && File.Exists(CsvPath) ? _csv.Value : null;
        }
        var report = _snapshots.GetOrAdd(id, key => SnapshotAsync(key));
        try
        {
            var found = await report.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                // An id unknown now may be a snapshot an ingest records later.
                _snapshots.TryRemove(new KeyValuePair<string, Task<DataReport?>>(id, report));
            }
            return found;
        }
        catch (Exception e) when (e is DbException or StoreException or TimeoutException)
        {
            _snapshots.TryRemove(new KeyValuePair<string, Task<DataReport?>>(id, report));
            throw;
        }
    }

    private bool CsvConfigured => options.Value.CsvPath.Length > 0;

    private string CsvPath => AppPaths.Resolve(options.Value.CsvPath);

    private async Task<DataReport?> SnapshotAsync(string id)
    {
        // Not the caller's token: the task is shared by every circuit asking for the snapshot.
        var report = await store.ReportAsync(id).ConfigureAwait(false);
        return report is null ? null
            : new DataReport(Source(report.Snapshot), report.Profile, report.Snapshot, report.Changes, report.Snapshot.Fingerprint,
                report.Profile is null ? "This snapshot was recorded before snapshots kept their statistics: only its genre and language counts are known." : null);
    }

    private DataReport Training()
    {
        var manifest = models.Current.Bundle.Manifest;
        return _training.GetValue(manifest.Training, training =>
            new DataReport(new DataSource(TrainingId, DataSourceKind.Training, $"Training data of the serving model {manifest.Version}", manifest.Created, training.Movies),
                SnapshotProfile.OfTraining(training), null, null, manifest.Data.Fingerprint,
                "A bundle keeps only its training movies' genre counts and pairs; genres per movie, overview lengths and languages need a snapshot or the CSV (Data:CsvPath)."));
    }

    private static DataSource Source(DatasetSnapshot snapshot) =>
        new(snapshot.Id, DataSourceKind.Snapshot, $"Snapshot {snapshot.Id}", snapshot.Created, snapshot.Rows);

    private static DataReport? ReadCsv(string configured, ILogger logger)
    {
        var path = AppPaths.Resolve(configured);
        try
        {
            var csv = MovieCsvReader.Read(path);
            var profile = SnapshotProfile.Of(csv.Movies);
            return new DataReport(new DataSource(CsvId, DataSourceKind.Csv, $"Movies CSV {Path.GetFileName(path)}", File.GetLastWriteTimeUtc(path), csv.Movies.Count),
                profile, null, null, csv.Fingerprint, csv.Skipped.Count == 0 ? null : $"{csv.Skipped.Count:N0} rows of the CSV could not be read and are left out.");
        }
        catch (Exception e) when (e is MovieCsvException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The Data page shows no CSV profile: {Problem} (setting Data:CsvPath)", e.Message);
            return null;
        }
    }
}
