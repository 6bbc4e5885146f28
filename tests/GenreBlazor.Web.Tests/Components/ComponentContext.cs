using Bunit;
using Microsoft.AspNetCore.Components;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
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
        // Browser storage goes through bunit's JavaScript runtime, as a circuit's goes through the browser's
        // (the Data Protection and profile services behind it come from the app, see UseAppServices).
        Services.AddScoped(sp => new ProtectedLocalStorage(sp.GetRequiredService<IJSRuntime>(), App.GetRequiredService<IDataProtectionProvider>()));
        Services.AddScoped(sp => new VisitorProfiles(sp.GetRequiredService<ProtectedLocalStorage>(), App.GetRequiredService<ServerProfiles>(),
            NullLogger<VisitorProfiles>.Instance));
        // A visitor, not signed in; a test that acts as an operator says so (ActAsOperator).
        Authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IServiceProvider App => appScope?.ServiceProvider ?? throw new InvalidOperationException("Call UseAppServices first.");

    /// <summary>
    /// Resolves everything bunit does not hold from an app's own services (the loaded bundle, profiles, explanations),
    /// in a scope of its own as a circuit has.
    /// </summary>
    protected void UseAppServices(IServiceProvider app)
    {
        appScope = app.CreateScope();
        Services.AddFallbackServiceProvider(appScope.ServiceProvider);
    }

    /// <summary>Who the rendered components see: a visitor unless <see cref="ActAsOperator"/>.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    /// <summary>Renders from now on as a signed-in operator (the Operator policy holds).</summary>
    protected void ActAsOperator()
    {
        Authorization.SetAuthorized("operator");
        Authorization.SetRoles(GenreBlazor.Web.Security.OperatorAccess.Role);
        Authorization.SetPolicies(GenreBlazor.Web.Security.OperatorAccess.Policy);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously; xunit calls this before Dispose.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        appScope?.Dispose();
    }
}
