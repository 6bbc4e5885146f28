using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GenreBlazor.Storage;

/// <summary>Thrown when the store cannot be opened or its schema cannot be brought up to date; the message says why.</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one database behind the state app replicas must agree on: SQLite (embedded, a file beside the app) or
/// PostgreSQL. Features bring their tables as <see cref="StoreSchema"/> parts and use plain SQL through
/// <see cref="StoreSession"/>; the SQL is written once for both databases (see <see cref="SqlDialect"/>). Thread-safe:
/// every call opens a pooled connection of its own.
/// </summary>
public sealed class AppStore : IAsyncDisposable
{
    private readonly DbDataSource _source;

    private AppStore(DbDataSource source, SqlDialect dialect, string description)
    {
        _source = source;
        Dialect = dialect;
        Description = description;
    }

    /// <summary>How this store's SQL differs by database.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>What the store is, for logs and the operator pages: a file, or host, port and database (never a password).</summary>
    public string Description { get; }

    /// <summary>Opens the store <paramref name="options"/> name; a relative SQLite path starts at <paramref name="baseDirectory"/>.</summary>
    public static AppStore Open(StoreOptions options, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StoreException("Store:ConnectionString is empty: give a SQLite file path or a PostgreSQL connection string.");
        }
        try
        {
            return options.Provider switch
            {
                StoreProvider.Postgres => OpenPostgres(options.ConnectionString),
                _ => OpenSqlite(options.ConnectionString, baseDirectory),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StoreException($"Store:ConnectionString cannot be used for {options.Provider}: {e.Message}", e);
        }
    }

    /// <summary>A connection for several statements, optionally in one transaction.</summary>
    public async Task<StoreSession> BeginAsync(bool transaction, CancellationToken cancellationToken = default)
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tx = transaction ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            return new StoreSession(connection, tx, Dialect);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns and rolled back when it throws.</summary>
    public async Task<T> InTransactionAsync<T>(Func<StoreSession, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var session = await BeginAsync(transaction: true, cancellationToken).ConfigureAwait(false);
        var result = await work(session).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs one statement; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var session = await BeginAsync(transaction: false, cancellationToken).ConfigureAwait(false);
        return await session.ExecuteAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var session = await BeginAsync(transaction: false, cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync(sql, map, cancellationToken, parameters).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings every part's tables up to date: the steps not yet recorded run in order, each recorded in
    /// <c>store_schema</c>. Replicas starting together are serialised (an advisory lock on PostgreSQL, an immediate
    /// transaction on SQLite), so each step runs exactly once. Run at start-up, before the app serves.
    /// </summary>
    public async Task MigrateAsync(IEnumerable<StoreSchema> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        var duplicate = list.GroupBy(p => p.Part, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two schema parts are called '{duplicate.Key}'.", nameof(parts));
        }
        try
        {
            await InTransactionAsync(async session =>
            {
                if (Dialect.Provider == StoreProvider.Postgres)
                {
                    // A fixed key: one migration at a time across every replica of this database.
                    await session.ExecuteAsync("SELECT pg_advisory_xact_lock(7264159021)", cancellationToken).ConfigureAwait(false);
                }
                await session.ExecuteAsync(
                    "CREATE TABLE IF NOT EXISTS store_schema (part TEXT NOT NULL, step INTEGER NOT NULL, applied TEXT NOT NULL, PRIMARY KEY (part, step))",
                    cancellationToken).ConfigureAwait(false);
                foreach (var part in list)
                {
                    var done = await session.ScalarAsync<long?>("SELECT MAX(step) FROM store_schema WHERE part = @part", cancellationToken, ("part", part.Part))
                        .ConfigureAwait(false) ?? 0;
                    var steps = part.Steps(Dialect);
                    if (done > steps.Count)
                    {
                        throw new StoreException(
                            $"The store's '{part.Part}' tables are at step {done}, newer than this build knows ({steps.Count}): it was written by a newer GenreBlazor.");
                    }
                    for (var step = (int)done + 1; step <= steps.Count; step++)
                    {
                        await session.ExecuteAsync(steps[step - 1], cancellationToken).ConfigureAwait(false);
                        await session.ExecuteAsync("INSERT INTO store_schema (part, step, applied) VALUES (@part, @step, @applied)", cancellationToken,
                            ("part", part.Part), ("step", step), ("applied", StoreTime.Format(DateTimeOffset.UtcNow))).ConfigureAwait(false);
                    }
                }
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new StoreException($"The store ({Description}) could not be brought up to date: {e.Message}", e);
        }
    }

    /// <summary>Closes the pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        if (Dialect.Provider == StoreProvider.Sqlite)
        {
            // Pooled SQLite connections keep the file open; tests delete it afterwards.
            SqliteConnection.ClearAllPools();
        }
    }

    private static AppStore OpenPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var description = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        return new AppStore(NpgsqlDataSource.Create(builder), SqlDialect.Postgres, description);
    }

    private static AppStore OpenSqlite(string connectionString, string baseDirectory)
    {
        var builder = connectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionString)
            : new SqliteConnectionStringBuilder { DataSource = connectionString };
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, baseDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        builder.Pooling = true;
        var source = SqliteFactory.Instance.CreateDataSource(builder.ToString());
        // Write-ahead logging: readers never wait for the writer. It is a property of the file, set once.
        using (var connection = source.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode=WAL";
            command.ExecuteNonQuery();
        }
        return new AppStore(source, SqlDialect.Sqlite, $"SQLite {builder.DataSource}");
    }
}
