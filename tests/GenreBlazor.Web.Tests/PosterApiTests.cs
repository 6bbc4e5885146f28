using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Tests;
using GenreBlazor.Imaging;
using GenreBlazor.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests;

/// <summary>POST /api/predict with multipart/form-data: a poster alone, with a plot, and every kind of bad upload.</summary>
public sealed class PosterApiTests(GenreBlazorFactory factory) : IClassFixture<GenreBlazorFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static readonly byte[] RedPoster = TestImages.Png(120, 180, (x, y) => ((byte)(150 + x % 50), 20, (byte)(y % 40)));

    private async Task<HttpResponseMessage> PostAsync(string? plot, byte[]? poster, string fileName = "poster.png")
    {
        using var form = new MultipartFormDataContent();
        if (plot is not null)
        {
            form.Add(new StringContent(plot), "plot");
        }
        if (poster is not null)
        {
            form.Add(new ByteArrayContent(poster), "poster", fileName);
        }
        return await client.PostAsync("/api/predict", form);
    }

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task A_poster_alone_is_scored_by_the_poster_model()
    {
        var response = await PostAsync(null, RedPoster);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<PredictResponse>())!;
        Assert.Equal("poster", body.Model);
        Assert.Null(body.Models); // one model answered: the top level is its answer
        Assert.Equal(19, body.Genres.Count);
        Assert.All(body.Genres, g => Assert.Equal(g.Probability >= g.Threshold, g.Predicted));
    }

    [Fact]
    public async Task A_plot_and_a_poster_are_fused_and_each_model_answers_too()
    {
        var response = await PostAsync("A family moves into a haunted house where a ghost terrorises their children.", RedPoster);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<PredictResponse>())!;
        Assert.Equal("fused", body.Model);
        Assert.Equal(["fused", "poster", "text"], body.Models!.Keys.Order());
        Assert.Equal(body.Genres.Select(g => g.Probability), body.Models["fused"].Genres.Select(g => g.Probability));
        Assert.NotEqual(body.Models["text"].Genres.Select(g => g.Probability), body.Models["fused"].Genres.Select(g => g.Probability));
    }

    [Fact]
    public async Task A_plot_alone_in_a_form_is_scored_by_the_text_model()
    {
        var body = (await (await PostAsync("A sheriff faces an outlaw gang in a frontier town.", null)).Content.ReadFromJsonAsync<PredictResponse>())!;
        Assert.Equal("text", body.Model);
        Assert.Equal("Western", body.Top3[0]);
    }

    [Theory]
    [InlineData("html", "HTML")]
    [InlineData("empty", "empty")]
    [InlineData("truncated", "truncated")]
    [InlineData("text", "not")]
    public async Task Files_that_are_not_usable_images_get_400_with_the_reason(string kind, string expected)
    {
        var bytes = kind switch
        {
            "html" => "<!DOCTYPE html><html><body>Not a poster</body></html>"u8.ToArray(),
            "empty" => [],
            "truncated" => RedPoster[..(RedPoster.Length / 2)],
            _ => "just some text"u8.ToArray(),
        };
        var response = await PostAsync(null, bytes, "poster.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await DetailOf(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_huge_image_header_is_refused_before_decoding()
    {
        var response = await PostAsync(null, TestImages.PngHeaderOnly(20_000, 20_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("20000", (await DetailOf(response)).Replace(",", "").Replace(" ", ""));
    }

    [Fact]
    public async Task A_6000_by_6000_png_is_decoded_straight_to_model_size_and_classified()
    {
        var response = await PostAsync(null, TestImages.BlackPng(6000, 6000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("poster", (await response.Content.ReadFromJsonAsync<PredictResponse>())!.Model);
    }

    [Fact]
    public async Task When_every_decode_slot_stays_busy_the_upload_gets_503_with_retry_after_and_then_succeeds()
    {
        await using var oneSlot = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Classify:MaxConcurrentPosterDecodes", "1")
            .UseSetting("Classify:PosterDecodeWait", "00:00:00.200"));
        using var busyClient = oneSlot.CreateClient();
        var limiter = oneSlot.Services.GetRequiredService<ImageDecodeLimiter>();

        HttpResponseMessage refused;
        using (await limiter.TryHoldSlotAsync())
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(RedPoster), "poster", "poster.png" } };
            refused = await busyClient.PostAsync("/api/predict", form);
        }

        using var again = new MultipartFormDataContent { { new ByteArrayContent(RedPoster), "poster", "poster.png" } };
        var accepted = await busyClient.PostAsync("/api/predict", again);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Send the poster again", await DetailOf(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, limiter.FreeSlots);
    }

    [Fact]
    public async Task A_thirty_megabyte_upload_gets_413()
    {
        var response = await PostAsync(null, new byte[30 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // the app is still up
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_form_without_plot_or_poster_gets_400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "title" } };
        var response = await client.PostAsync("/api/predict", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"plot\" field, a \"poster\" file", await DetailOf(response));
    }

    [SharedMoviesFact]
    public async Task A_real_poster_from_the_shared_data_is_read()
    {
        var file = Directory.EnumerateFiles(Path.Combine(SharedData.Folder, "posters"), "*.jpg").First();
        var response = await PostAsync(null, await File.ReadAllBytesAsync(file), Path.GetFileName(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
