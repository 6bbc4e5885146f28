using GenreBlazor.Web.Components;
using Radzen;

namespace GenreBlazor.Web.Extensions;

/// <summary>The Blazor Server front end: components, static assets, the Blazor script.</summary>
public static class FrontEndRegistration
{
    /// <summary>Folder of the static assets (copied from the repository's wwwroot-assets at build).</summary>
    public static string AssetsFolder => Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");

    /// <summary>Razor components in interactive server mode, and Radzen's services.</summary>
    public static WebApplicationBuilder AddWebFrontEnd(this WebApplicationBuilder builder)
    {
        // Package assets (Radzen's script and themes) are served from the NuGet cache through the build's
        // static web assets manifest, in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        // A poster's model-size pixels (about 224 × 336 × 3 bytes) travel over the circuit in one message.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 1024 * 1024);
        builder.Services.AddRadzenComponents();
        return builder;
    }

    /// <summary>Error pages, HTTPS redirection outside development, static assets, antiforgery.</summary>
    public static WebApplication UseWebFrontEnd(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The pages.</summary>
    public static WebApplication MapWebFrontEnd(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
