using GenreBlazor.Web.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Benchmarks.Sections;

/// <summary>
/// The web app's services built by the app's own registrations (<c>AddGenreModels</c>, <c>AddClassification</c>,
/// <c>AddExplanations</c>) on a migrated store of their own, without a server: what a request or a circuit resolves.
/// Profiles and the store (the explanation token ledger among its tables) go to a temporary folder, so the run neither
/// reads nor writes the repository's data/ folder; Bedrock is off.
/// </summary>
public sealed class WebAppServices : IDisposable
{
    private readonly WebApplication app;
    private readonly DirectoryInfo scratch;

    /// <summary>Registers and builds the services; the bundle is loaded on first use of <see cref="Models"/>.</summary>
    public WebAppServices(string bundleFolder)
    {
        scratch = Directory.CreateTempSubdirectory("genreblazor-benchmarks-");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GenreModel:BundlePath"] = bundleFolder,
            ["Store:ConnectionString"] = Path.Combine(scratch.FullName, "store.db"),
            ["Profiles:Directory"] = Path.Combine(scratch.FullName, "profiles"),
            ["Bedrock:Enabled"] = "false",
        });
        // Logs would mix with the report on stdout.
        builder.Logging.ClearProviders();
        builder.AddStore();
        builder.AddSharedState();
        builder.AddGenreModels();
        builder.AddClassification();
        builder.AddExplanations();
        app = builder.Build();
        if (!app.MigrateStoreOrExplain().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark's store could not be migrated (the reason is on stderr).");
        }
    }

    /// <summary>The app's service provider.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The loaded bundle host (loads the bundle and the poster model on first use).</summary>
    public GenreModelHost Models => Services.GetRequiredService<GenreModelHost>();

    /// <summary>Disposes the services and deletes the temporary folder.</summary>
    public void Dispose()
    {
        ((IDisposable)app).Dispose();
        try
        {
            scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
