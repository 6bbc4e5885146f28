using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Tests;

/// <summary>What the app serves its front end with.</summary>
public sealed class FrontEndTests(GenreBlazorFactory factory) : IClassFixture<GenreBlazorFactory>
{
    [Fact]
    public void The_circuit_keeps_the_default_message_size_posters_stream_in_chunks()
    {
        // ComponentHub is internal: its options are looked up by name, as AddHubOptions would have configured them.
        var hub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var options = (IOptions<HubOptions>)factory.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)));
        Assert.Equal(32 * 1024, options.Value.MaximumReceiveMessageSize);
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js", "text/javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "text/javascript")]
    [InlineData("/GenreBlazor.Web.styles.css", "text/css")]
    [InlineData("/css/global.css", "text/css")]
    [InlineData("/js/app.js", "text/javascript")]
    public async Task The_framework_script_mudblazor_and_the_apps_own_assets_are_served(string path, string type)
    {
        using var response = await factory.CreateClient().GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task Pages_link_the_fingerprinted_assets()
    {
        var html = await factory.CreateClient().GetStringAsync("/");
        Assert.Matches("""<script src="_framework/blazor\.web\.[a-z0-9]+\.js">""", html);
        Assert.Matches("""<link rel="stylesheet" href="GenreBlazor\.Web\.[a-z0-9]+\.styles\.css" />""", html);
        Assert.Contains("id=\"components-reconnect-modal\"", html);
    }
}
