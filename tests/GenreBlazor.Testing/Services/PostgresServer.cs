using Npgsql;

namespace GenreBlazor.Testing.Services;

/// <summary>
/// A real PostgreSQL server for one test class: Debian's <c>postgresql</c> binaries, a data folder of its own, a free
/// port on 127.0.0.1, started with <c>pg_ctl</c> and stopped (its folder deleted) at dispose. Durability is switched off
/// (fsync) because the data is thrown away. As root, the server runs as the <c>postgres</c> user, which PostgreSQL
/// requires. Missing binaries fail the test with the install command: they are a prerequisite, not an option.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "genreblazor";
    private readonly string _bin;
    private readonly string? _runAs;
    private int _databases;

    private PostgresServer(string bin, string folder, int port, string? runAs)
    {
        _bin = bin;
        Folder = folder;
        Port = port;
        _runAs = runAs;
    }

    /// <summary>The data folder (also holds the log and the socket).</summary>
    public string Folder { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The connection string of the server's default database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>The connection string of a database on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = true }.ToString();

    /// <summary>Initialises a data folder and starts the server.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var folder = Directory.CreateTempSubdirectory("genreblazor-postgres-").FullName;
        var runAs = LocalProcess.IsRoot ? "postgres" : null;
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        if (runAs is not null)
        {
            await LocalProcess.RunAsync("chown", ["-R", runAs, folder], TimeSpan.FromSeconds(10));
        }
        var server = new PostgresServer(bin, folder, LocalProcess.FreePort(), runAs);
        await LocalProcess.RunAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], TimeSpan.FromMinutes(2), runAs);
        await LocalProcess.RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
             $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
             "start"], TimeSpan.FromSeconds(90), runAs);
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string (a fresh one per test keeps tests apart).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, 20);
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server at once and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await LocalProcess.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(Folder, "data"), "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(60), _runAs);
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries are not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql (.ci/run does this).");
    }
}
