using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenreBlazor.Benchmarks.Harness;

/// <summary>
/// Renders components to HTML with the framework's <see cref="HtmlRenderer"/>: the framework's own render cost, without
/// the DOM parsing bunit adds to every render in the component tests. Each render gets a fresh renderer whose creation
/// and disposal stay outside the timed part: a circuit keeps its renderer, and root components would pile up in a shared one.
/// </summary>
public sealed class ComponentHtml : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    /// <summary>
    /// Runs <paramref name="prepare"/> (timed) and renders <typeparamref name="TComponent"/> with the parameters it
    /// returns (timed); returns the HTML and the time of both.
    /// </summary>
    public (string Html, TimeSpan Elapsed) Time<TComponent>(Func<IDictionary<string, object?>> prepare) where TComponent : IComponent
    {
        using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var parameters = ParameterView.FromDictionary(prepare());
        var html = renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<TComponent>(parameters)).ToHtmlString())
            .GetAwaiter().GetResult();
        return (html, System.Diagnostics.Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Releases the renderers' services.</summary>
    public void Dispose() => services.Dispose();
}
