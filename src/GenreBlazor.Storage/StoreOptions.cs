namespace GenreBlazor.Storage;

/// <summary>Which database holds the shared state.</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file: one machine, nothing to install (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, which several app replicas share.</summary>
    Postgres,
}

/// <summary>Where the shared state lives (configuration section <c>Store</c>).</summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Store";

    /// <summary>The database.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>
    /// SQLite: a file path, or a connection string with <c>Data Source=</c>; a relative path starts at the folder the
    /// caller names. PostgreSQL: an Npgsql connection string (a password belongs in the environment, not in a file of
    /// the repository: <c>Store__ConnectionString</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "data/genreblazor.db";
}
