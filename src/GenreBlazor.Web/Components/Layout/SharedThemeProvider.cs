using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace GenreBlazor.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider with its stylesheet written once per theme and mode for the whole process. The base
/// class writes the theme's CSS variables (about 23 KB) as a new string at every render, and each circuit's render
/// trees held one or two copies of it — the largest single cost of an idle circuit on every page (decision 0080).
/// The markup is the base class's; only the theme's string is shared.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private const string ChartHoverStyle = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    // Keyed by the theme object, not by a name: the app has one static theme, and a test or a later palette switch
    // that passes another instance gets its own entry instead of a stale stylesheet.
    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark), string> Stylesheets = new();
    private static readonly Lazy<string> Scrollbar = new(BuildMudBlazorScrollbar);

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        if (!DefaultScrollbar)
        {
            __builder.AddMarkupContent(0, Scrollbar.Value);
        }
        __builder.AddMarkupContent(1, ChartHoverStyle);
        // The parameter is read directly (MudBlazor would have its internal state read): MainLayout alone sets the mode
        // and the provider is never asked to follow the system's mode itself, so the two cannot differ at render time.
#pragma warning disable MUD0010
        var dark = IsDarkMode;
#pragma warning restore MUD0010
        __builder.AddMarkupContent(2, Stylesheets.GetOrAdd((GetTheme(), dark), _ => BuildTheme()));
    }
}
