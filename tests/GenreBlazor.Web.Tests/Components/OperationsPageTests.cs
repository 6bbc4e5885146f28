using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using GenreBlazor.Web.Components.Pages.Models;
using GenreBlazor.Web.Components.Pages.Operations;
using GenreBlazor.Web.Serving;
using GenreBlazor.Web.Tests.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>The Operations and Models pages over a running app whose predictions arrive through its HTTP API.</summary>
public sealed class OperationsPageTests : ComponentContext, IClassFixture<ModelApp>
{
    private readonly ModelApp app;

    public OperationsPageTests(ModelApp app)
    {
        this.app = app;
        UseAppServices(app.Services);
    }

    private async Task PredictAsync(HttpClient client, IEnumerable<string> plots)
    {
        foreach (var plot in plots)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/predict", new { plot })).StatusCode);
        }
    }

    [Fact]
    public async Task Operations_page_shows_no_alert_for_plots_like_the_training_ones_and_a_horror_alert_for_a_shifted_stream()
    {
        var client = app.CreateClient();
        ActAsOperator();
        // Unshifted: held-out plots of the serving bundle itself, the population the reference was measured on.
        var heldOut = app.Services.GetRequiredService<GenreModelHost>().Current.Workspace.Items.Select(i => i.Overview).ToList();
        var random = new Random(5);
        await PredictAsync(client, heldOut.OrderBy(_ => random.Next()).Take(60));

        var page = Render<OperationsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=drift-alerts-none]")));
        Assert.DoesNotContain(page.FindAll("[data-testid=drift-row]"), row => row.GetAttribute("data-level") == "Alert");
        Assert.Contains("first start", page.Find("[data-testid=timeline-entry]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=minute-predictions]"));
        Assert.NotEmpty(page.FindAll("[data-testid=invocations-chart] rect"));
        Assert.NotEmpty(page.FindAll("[data-testid=latency-chart] polyline"));
        Assert.NotEmpty(page.FindAll("[data-testid=versions-chart] circle"));
        await page.Find("[data-testid=operations-refresh]").ClickAsync();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=drift-history-row]")));
        // The ring holds the last TimelineMinutes samples, a quarter second apart here: its count stops growing within
        // half a minute, so the move is read from the latest sample's value, low before and high after.
        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=operations-refresh]").Click();
            Assert.True(HorrorNow(page) < 0.25, $"Horror's latest sampled PSI before the shift is {HorrorNow(page)}");
        });

        // Shifted: a window full of haunted houses.
        await PredictAsync(client, Enumerable.Repeat("A family moves into a haunted house where a vengeful ghost terrorises their children at night.", 60));
        await page.Find("[data-testid=operations-refresh]").ClickAsync();
        page.WaitForAssertion(() => Assert.Contains("Horror", page.Find("[data-testid=drift-alerts]").TextContent));
        Assert.Equal("Alert", page.Find("[data-testid=drift-row][data-genre=Horror]").GetAttribute("data-level"));

        // The series moved: later samples hold the shifted window (every genre the haunted houses lack drifts too).
        page.WaitForAssertion(() =>
        {
            page.Find("[data-testid=operations-refresh]").Click();
            Assert.True(HorrorNow(page) >= 0.25, $"Horror's latest sampled PSI is {HorrorNow(page)}");
        });
        Assert.Equal(5, page.FindAll("[data-testid=drift-history] polyline").Count);
        Assert.Equal(5, page.FindAll("[data-testid=drift-history] figcaption .legend").Count);
    }

    private static double HorrorNow(IRenderedComponent<OperationsPage> page) =>
        double.Parse(page.Find("[data-testid=drift-history-row][data-genre=Horror] td").TextContent, CultureInfo.InvariantCulture);

    [Fact]
    public void Visitors_see_that_both_pages_are_for_operators()
    {
        Assert.Contains("for operators", Render<OperationsPage>().Find("[data-testid=operations-visitor]").TextContent);
        Assert.Contains("for operators", Render<ModelsPage>().Find("[data-testid=models-visitor]").TextContent);
    }

    [Fact]
    public async Task Models_page_compares_two_versions_and_promotes_and_rolls_back_the_serving_model()
    {
        await app.Services.GetRequiredService<GenreBlazor.Lifecycle.Registry.ModelRegistry>().RegisterAsync(app.SecondBundle);
        var host = app.Services.GetRequiredService<GenreModelHost>();
        var first = host.Current.Version;
        ActAsOperator();
        var page = Render<ModelsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=model-row]").Count));

        await page.Find("[data-testid=candidate]").ChangeAsync(app.SecondVersion);
        await page.Find("[data-testid=compare]").ClickAsync();
        page.WaitForAssertion(() => Assert.Contains("a change of 0.000", page.Find("[data-testid=comparison]").TextContent), TimeSpan.FromSeconds(60));

        await page.Find($"[data-testid=model-row][data-version='{app.SecondVersion}'] [data-testid=promote]").ClickAsync();
        page.WaitForAssertion(() => Assert.Contains($"{app.SecondVersion} is the champion", page.Find("[data-testid=models-message]").TextContent), TimeSpan.FromSeconds(60));
        Assert.Equal(app.SecondVersion, host.Current.Version);

        await page.Find("[data-testid=rollback]").ClickAsync();
        page.WaitForAssertion(() => Assert.Contains("Rolled back", page.Find("[data-testid=models-message]").TextContent), TimeSpan.FromSeconds(60));
        Assert.Equal(first, host.Current.Version);
    }
}
