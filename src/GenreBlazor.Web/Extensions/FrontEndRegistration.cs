using GenreBlazor.Web.Components;
using GenreBlazor.Web.Security;
using MudBlazor.Services;

namespace GenreBlazor.Web.Extensions;

/// <summary>The Blazor Server front end: components, MudBlazor, static assets.</summary>
public static class FrontEndRegistration
{
    /// <summary>Folder of the app's own static files (copied from the repository's wwwroot-assets at build).</summary>
    public static string AssetsFolder => Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");

    public static WebApplicationBuilder AddWebFrontEnd(this WebApplicationBuilder builder)
    {
        // The framework's and MudBlazor's assets and the scoped-CSS bundle come from the build's static web assets
        // manifest; outside Development it is only read when asked for (the browser tests run the build output).
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UseWebFrontEnd(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // The API answers its own errors as problem details (Security/ApiErrors); these pages are for people.
        app.Use(ApiErrors.WithoutErrorPages);
        // wwwroot-assets (favicon, app.js, global.css) is the web root: plain files, not in the assets manifest.
        app.UseStaticFiles();
        // A request without a cookie or an Authorization header has nothing to authenticate — it is anonymous either
        // way, and the operator policies authenticate their own schemes — so the plain API call skips the handlers
        // (about 5 % of the app's CPU per /api/predict under load). The provider's redirects back always run them.
        app.UseWhen(OperatorAccess.MayCarryCredentials, branch => branch.UseAuthentication());
        // The branch marks only its own builder: without the mark on the app itself, WebApplication would put a second,
        // unconditional authentication middleware in front of the whole pipeline (the key UseAuthentication sets).
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebFrontEnd(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
