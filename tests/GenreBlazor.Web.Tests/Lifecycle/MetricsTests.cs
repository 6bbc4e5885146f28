using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GenreBlazor.Web.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Lifecycle;

/// <summary><c>/metrics</c> after a few predictions: ASP.NET Core's request histogram and the prediction counters, for operators only.</summary>
public sealed partial class MetricsTests(ModelApp app) : IClassFixture<ModelApp>
{
    [Fact]
    public async Task After_a_few_predictions_metrics_show_the_request_histogram_and_predictions_by_genre_and_model_version()
    {
        var client = app.CreateClient();
        // This app's own version (other apps in the test process share its meters and serve the committed one).
        await app.Services.GetRequiredService<GenreBlazor.Lifecycle.Registry.ModelRegistry>().RegisterAsync(app.SecondBundle);
        Assert.Equal(HttpStatusCode.OK, (await app.Operator().PostAsync($"/api/models/{app.SecondVersion}/promote", null)).StatusCode);
        string[] plots =
        [
            "A family moves into a haunted house where a vengeful ghost terrorises their children at night.",
            "Two strangers fall in love on a long train journey across Europe and must part at dawn.",
            "A retired gunslinger rides into a lawless frontier town to face the outlaw who killed his brother.",
        ];
        foreach (var plot in plots)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/predict", new { plot })).StatusCode);
        }
        var version = app.Services.GetRequiredService<GenreModelHost>().Current.Version;
        Assert.Equal(app.SecondVersion, version);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics")).StatusCode);
        var text = await ScrapeAsync(app.Operator());

        Assert.Matches(HistogramBucket(), text);
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_route=""/api/predict""[^}]*\} [1-9]", text);
        var predictions = PredictionsOf(text, version);
        Assert.Equal(plots.Length, predictions);
        var horror = Regex.Match(text, @"genreblazor_predicted_genres_total\{(?=[^}]*genre=""Horror"")(?=[^}]*model_version=""" + Regex.Escape(version) + @""")(?=[^}]*endpoint=""api/predict"")[^}]*\} (\d+)");
        Assert.True(horror.Success, text);
        Assert.True(int.Parse(horror.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        // A band, not a fixed 0: the gauge reads the drift of every app in the test process, and another test drives Horror into alert.
        Assert.Matches(@"genreblazor_drift_alert\{[^}]*genre=""Horror""[^}]*\} [012]\b", text);

        // One more prediction moves the counter by one (the exporter caches a scrape for a moment, so it is read until it moves).
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/predict", new { plot = plots[0] })).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int after;
        while ((after = PredictionsOf(await ScrapeAsync(app.Operator()), version)) == plots.Length && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Equal(plots.Length + 1, after);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static int PredictionsOf(string text, string version) => Regex.Matches(text,
            @"genreblazor_predictions_total\{(?=[^}]*endpoint=""api/predict"")(?=[^}]*model_version=""" + Regex.Escape(version) + @""")[^}]*\} (\d+)")
        .Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"http_server_request_duration_seconds_bucket\{[^}]*le=""[0-9.]+""[^}]*\} \d+")]
    private static partial Regex HistogramBucket();
}
