using System.Net.Http.Json;
using System.Text.Json;
using GenreBlazor.Web.Tests.Explanations;
using Microsoft.AspNetCore.Hosting;

namespace GenreBlazor.Web.Tests.Discovery;

/// <summary>The theme of a plot in <c>/api/similar</c>'s answer, over <see cref="TinyDna"/> and <see cref="TinyThemes"/>.</summary>
public sealed class ThemesApiTests(TinyDna dna, TinyThemes themes) : IClassFixture<TinyDna>, IClassFixture<TinyThemes>
{
    private ExplanationAppFactory App(string? themesPath = null) =>
        new(null, false, builder => builder.UseSetting("Discovery:DnaPath", dna.Path).UseSetting("Discovery:ThemesPath", themesPath ?? themes.Path));

    private static async Task<JsonElement> SimilarAsync(HttpClient client, string plot)
    {
        var response = await client.PostAsJsonAsync("/api/similar", new { plot });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Similar_names_the_theme_a_plot_is_closest_to_beside_its_movies()
    {
        await using var app = App();
        using var client = app.CreateClient();

        var heist = await SimilarAsync(client, "Thieves plan to rob a bank vault, but the police are watching.");
        Assert.Equal(10, heist.GetProperty("movies").GetArrayLength());
        var theme = heist.GetProperty("theme");
        Assert.Equal(1, theme.GetProperty("id").GetInt32());
        Assert.Equal(TinyThemes.Heists, theme.GetProperty("name").GetString());
        Assert.Equal(["heist", "robbery", "vault"], theme.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(5, theme.GetProperty("size").GetInt32());
        Assert.InRange(theme.GetProperty("cosine").GetSingle(), 0.3f, 1f);

        var ghost = await SimilarAsync(client, "A widow hears the ghost of her husband whispering in the haunted attic.");
        Assert.Equal(TinyThemes.Hauntings, ghost.GetProperty("theme").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Without_a_themes_file_similar_still_answers_its_movies_and_no_theme()
    {
        await using var app = App(themesPath: "no-such-themes.json");
        using var client = app.CreateClient();
        var answer = await SimilarAsync(client, "Thieves plan to rob a bank vault, but the police are watching.");
        Assert.Equal(10, answer.GetProperty("movies").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("theme").ValueKind);
    }
}
