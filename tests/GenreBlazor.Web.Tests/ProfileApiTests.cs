using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests;

/// <summary>The active threshold profile decides for /api/predict; profiles can be listed and exported.</summary>
public sealed class ProfileApiTests(GenreBlazorFactory factory) : IClassFixture<GenreBlazorFactory>
{
    [Fact]
    public async Task The_active_profile_decides_and_profiles_can_be_listed_and_exported()
    {
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<GenreBlazor.Web.Serving.ServerProfiles>();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/profiles");
        Assert.Equal(JsonValueKind.Null, list.GetProperty("active").ValueKind);

        var thresholds = Enumerable.Range(0, GenreCatalog.Count).Select(i => 0.05f + i * 0.01f).ToArray();
        await store.SaveAsync(ThresholdProfile.FromArray("api test", thresholds, "any"));
        await store.ActivateAsync("api test");
        try
        {
            var answer = await (await client.PostAsJsonAsync("/api/predict", new { plot = "A cowboy rides into a frontier town." })).Content.ReadFromJsonAsync<PredictResponse>();
            Assert.Equal("api test", answer!.ThresholdProfile);
            Assert.All(answer.Genres, g => Assert.Equal(thresholds[GenreCatalog.IndexOf(g.Genre)], g.Threshold));
            Assert.All(answer.Genres, g => Assert.Equal(g.Probability >= g.Threshold, g.Predicted));

            list = await client.GetFromJsonAsync<JsonElement>("/api/profiles");
            Assert.Equal("api test", list.GetProperty("active").GetString());
            Assert.Equal(["api test"], list.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()));

            var exported = await client.GetAsync("/api/profiles/api%20test?download=true");
            Assert.Equal("attachment", exported.Content.Headers.ContentDisposition?.DispositionType);
            var profile = ThresholdProfile.Parse(await exported.Content.ReadAsStringAsync(), "export");
            Assert.Equal(thresholds, profile.ToArray());

            var missing = await client.GetAsync("/api/profiles/nope");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            await store.ActivateAsync(null);
        }
        var tuned = await (await client.PostAsJsonAsync("/api/predict", new { plot = "A cowboy rides into a frontier town." })).Content.ReadFromJsonAsync<PredictResponse>();
        Assert.Null(tuned!.ThresholdProfile);
    }

    [Fact]
    public async Task A_profile_decides_for_the_models_it_sets_and_leaves_the_others_at_their_tuned_thresholds()
    {
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<GenreBlazor.Web.Serving.ServerProfiles>();
        var bundle = factory.Services.GetRequiredService<GenreBlazor.Web.Serving.GenreModelHost>().Current.Bundle;
        var fused = Enumerable.Range(0, GenreCatalog.Count).Select(i => 0.02f + i * 0.005f).ToArray();
        await store.SaveAsync(ThresholdProfile.FromArrays("fusion only", new Dictionary<DecidingModel, IReadOnlyList<float>> { [DecidingModel.Fused] = fused }, "any"));
        await store.ActivateAsync("fusion only");
        try
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent("A family moves into a haunted house where a ghost terrorises their children."), "plot" },
                { new ByteArrayContent(GenreBlazor.Tests.TestImages.Png(120, 180, (x, y) => ((byte)x, (byte)y, 90))), "poster", "poster.png" },
            };
            var answer = (await (await client.PostAsync("/api/predict", form)).Content.ReadFromJsonAsync<PredictResponse>())!;

            Assert.Equal("fused", answer.Model);
            Assert.Equal("fusion only", answer.ThresholdProfile);
            Assert.All(answer.Genres, g => Assert.Equal(fused[GenreCatalog.IndexOf(g.Genre)], g.Threshold));
            var text = answer.Models!["text"];
            Assert.Null(text.ThresholdProfile);
            Assert.All(text.Genres, g => Assert.Equal(bundle.TextThresholds[GenreCatalog.IndexOf(g.Genre)], g.Threshold));
            var poster = answer.Models["poster"];
            Assert.Null(poster.ThresholdProfile);
            Assert.All(poster.Genres, g => Assert.Equal(bundle.Manifest.Poster!.Thresholds[GenreCatalog.IndexOf(g.Genre)], g.Threshold));
        }
        finally
        {
            await store.DeleteAsync("fusion only");
        }
        Assert.Null(store.Active);
    }

    [Fact]
    public async Task Profile_files_of_an_earlier_release_are_imported_into_the_store_once_with_the_active_one()
    {
        await using var upgraded = new GenreBlazorFactory();
        var thresholds = GenreCatalog.All.ToDictionary(g => g, _ => 0.33f);
        await File.WriteAllTextAsync(Path.Combine(upgraded.ProfilesFolder, "kept.profile.json"),
            JsonSerializer.Serialize(new { name = "kept", thresholds, modelVersion = "2026-11-22" }));
        await File.WriteAllTextAsync(Path.Combine(upgraded.ProfilesFolder, "broken.profile.json"), "{ not json");
        await File.WriteAllTextAsync(Path.Combine(upgraded.ProfilesFolder, "active.json"), "{\"name\": \"kept\"}");

        var answer = await (await upgraded.CreateClient().PostAsJsonAsync("/api/predict", new { plot = "A cowboy rides into a frontier town." }))
            .Content.ReadFromJsonAsync<PredictResponse>();

        Assert.Equal("kept", answer!.ThresholdProfile);
        Assert.All(answer.Genres, g => Assert.Equal(0.33f, g.Threshold));
        var profiles = upgraded.Services.GetRequiredService<GenreBlazor.Web.Serving.ServerProfiles>();
        Assert.Equal(["kept"], await profiles.NamesAsync());
        Assert.True(File.Exists(Path.Combine(upgraded.ProfilesFolder, "broken.profile.json"))); // left for the operator to look at
    }

    [Fact]
    public async Task The_analyze_page_renders_nineteen_matrices_on_the_server()
    {
        var html = await factory.CreateClient().GetStringAsync("/analyze");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal(19, document.QuerySelectorAll("[data-testid=matrix-card]").Length);
        // The training data (chart and co-occurrence table) is drawn when its panel is opened (decision 0059).
        Assert.NotNull(document.QuerySelector("[data-testid=training-data]"));
        Assert.Empty(document.QuerySelectorAll(".heatmap"));
        Assert.NotNull(document.QuerySelector("[data-testid=pr-current]"));
    }
}
