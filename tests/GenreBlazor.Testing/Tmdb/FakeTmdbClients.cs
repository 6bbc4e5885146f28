using GenreBlazor.Tmdb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Testing.Tmdb;

/// <summary>The real <see cref="TmdbClient"/> with its resilience pipeline, pointed at a fake, with back-offs of milliseconds.</summary>
public static class FakeTmdbClients
{
    /// <summary>The services holding the client (dispose them after the test) and the client.</summary>
    public static (ServiceProvider Services, TmdbClient Client) Create(FakeTmdbServer tmdb, Action<TmdbOptions>? more = null)
    {
        ArgumentNullException.ThrowIfNull(tmdb);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddTmdbClient(o =>
        {
            o.BaseUrl = tmdb.BaseUrl;
            o.ApiKey = tmdb.ApiKey;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            more?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<TmdbClient>());
    }
}
