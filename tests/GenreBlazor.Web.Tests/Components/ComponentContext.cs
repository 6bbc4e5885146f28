using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>
/// A bunit context with MudBlazor's services and a loose JavaScript runtime (MudBlazor's own calls answer with
/// defaults), rendering as the interactive server circuit does unless a test says otherwise.
/// </summary>
public abstract class ComponentContext : BunitContext, IAsyncLifetime
{
    private IServiceScope? appScope;

    protected ComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // bunit waits a second by default; a machine shared with parallel builds needs longer for the same renders.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>
    /// Resolves everything bunit does not hold from an app's own services (the loaded bundle, profiles, explanations),
    /// in a scope of its own as a circuit has.
    /// </summary>
    protected void UseAppServices(IServiceProvider app)
    {
        appScope = app.CreateScope();
        Services.AddFallbackServiceProvider(appScope.ServiceProvider);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously; xunit calls this before Dispose.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        appScope?.Dispose();
    }
}
