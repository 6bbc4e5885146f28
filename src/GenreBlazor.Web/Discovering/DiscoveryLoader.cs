namespace GenreBlazor.Web.Discovering;

/// <summary>
/// The discovery services for a page (a circuit's scope), without holding up a render: the DNA loads when
/// <see cref="DiscoveryHost"/> is first built (seconds), so a page asks for it here, off the circuit's thread.
/// </summary>
public sealed class DiscoveryLoader(IServiceProvider services)
{
    public Task<DiscoveryHost> HostAsync() => Task.Run(services.GetRequiredService<DiscoveryHost>);

    public Task<CatalogOverviews> OverviewsAsync() => Task.Run(() =>
    {
        var overviews = services.GetRequiredService<CatalogOverviews>();
        _ = overviews.Problem;
        return overviews;
    });

    /// <summary>Bedrock or the local parser, for a host already loaded (<see cref="HostAsync"/>).</summary>
    public IntentReader Reader() => services.GetRequiredService<IntentReader>();
}
