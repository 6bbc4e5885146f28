namespace GenreBlazor.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL differ for the store's SQL. Everything else is written once: both take
/// <c>@name</c> parameters, <c>INSERT … ON CONFLICT … DO UPDATE</c>, <c>RETURNING</c>, TEXT, BIGINT and DOUBLE PRECISION.
/// </summary>
public sealed class SqlDialect
{
    private SqlDialect(StoreProvider provider, string name, string blob)
    {
        Provider = provider;
        Name = name;
        Blob = blob;
    }

    /// <summary>SQLite's.</summary>
    public static SqlDialect Sqlite { get; } = new(StoreProvider.Sqlite, "SQLite", "BLOB");

    /// <summary>PostgreSQL's.</summary>
    public static SqlDialect Postgres { get; } = new(StoreProvider.Postgres, "PostgreSQL", "BYTEA");

    /// <summary>The database this dialect is of.</summary>
    public StoreProvider Provider { get; }

    /// <summary>The database's name, for people (no file, host or password: safe to show on a page).</summary>
    public string Name { get; }

    /// <summary>The column type of binary data.</summary>
    public string Blob { get; }
}
