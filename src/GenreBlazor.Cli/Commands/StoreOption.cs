using System.CommandLine;
using GenreBlazor.Storage;

namespace GenreBlazor.Cli.Commands;

/// <summary>
/// <c>--store</c> and <c>--store-provider</c>: the app's store, so the CLI and the app see the same ingest cursor,
/// snapshots and registry. Defaults to the app's own (the environment's <c>Store__Provider</c> and
/// <c>Store__ConnectionString</c>, else the SQLite file <c>data/genreblazor.db</c> of the repository).
/// </summary>
internal sealed class StoreOption
{
    public Option<string?> Store { get; } = new("--store") { Description = "SQLite file or PostgreSQL connection string (default: Store__ConnectionString, else data/genreblazor.db)." };

    public Option<StoreProvider?> Provider { get; } = new("--store-provider") { Description = "Sqlite or Postgres (default: Store__Provider, else Sqlite)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Provider);
    }

    /// <summary>Opens and migrates the store with the given schema parts.</summary>
    public async Task<AppStore> OpenAsync(ParseResult result, IEnumerable<StoreSchema> parts, CancellationToken cancellationToken)
    {
        var provider = result.GetValue(Provider)
            ?? (Enum.TryParse<StoreProvider>(Environment.GetEnvironmentVariable("Store__Provider"), ignoreCase: true, out var p) ? p : StoreProvider.Sqlite);
        var connection = result.GetValue(Store) ?? Environment.GetEnvironmentVariable("Store__ConnectionString") ?? Path.Combine("data", "genreblazor.db");
        var store = AppStore.Open(new StoreOptions { Provider = provider, ConnectionString = connection }, RepositoryPaths.Root);
        try
        {
            await store.MigrateAsync(parts, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
