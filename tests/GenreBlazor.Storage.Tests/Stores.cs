using GenreBlazor.Testing.Services;

namespace GenreBlazor.Storage.Tests;

/// <summary>One PostgreSQL server for the test class; every test opens a fresh store on SQLite or on a new database of it.</summary>
public sealed class Stores : IAsyncLifetime
{
    private readonly List<string> _folders = [];

    public PostgresServer Postgres { get; private set; } = null!;

    public async Task InitializeAsync() => Postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>An empty, migrated store of the given provider.</summary>
    public async Task<AppStore> OpenAsync(StoreProvider provider, params StoreSchema[] parts)
    {
        var store = AppStore.Open(await OptionsAsync(provider), Path.GetTempPath());
        await store.MigrateAsync(parts);
        return store;
    }

    /// <summary>Options for an empty store of the given provider (a new file, or a new database).</summary>
    public async Task<StoreOptions> OptionsAsync(StoreProvider provider)
    {
        if (provider == StoreProvider.Postgres)
        {
            return new StoreOptions { Provider = provider, ConnectionString = await Postgres.CreateDatabaseAsync() };
        }
        var folder = Directory.CreateTempSubdirectory("genreblazor-store-").FullName;
        _folders.Add(folder);
        return new StoreOptions { Provider = provider, ConnectionString = Path.Combine(folder, "store.db") };
    }
}
