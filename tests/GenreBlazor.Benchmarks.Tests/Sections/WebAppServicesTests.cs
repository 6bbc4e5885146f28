using GenreBlazor.Benchmarks.Sections;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Explanations;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Benchmarks.Tests.Sections;

// The web and explain sections measure what the app's own registrations build. When the app gained a store, those
// sections stopped with "No service for type AppStore" and reported a skip instead of a figure; this resolves and
// runs everything they time, so a registration the app adds and the benchmark lacks fails here.
public class WebAppServicesTests
{
    private static string CommittedBundle()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GenreBlazor.sln")))
            {
                return Path.Combine(folder.FullName, "models", "default");
            }
        }
        throw new DirectoryNotFoundException("GenreBlazor.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task The_services_the_web_and_explain_sections_time_resolve_and_answer()
    {
        using var app = new WebAppServices(CommittedBundle());
        const string plot = "A retired hitman is pulled back for one last job by the gang that betrayed him.";

        var movie = app.Services.GetRequiredService<MovieClassifier>().Classify(plot, null);
        Assert.Equal(19, movie.Primary.Lines().Count);
        var classification = app.Services.GetRequiredService<PlotClassifier>().Classify(plot);
        using var scope = app.Services.CreateScope();
        var explanations = scope.ServiceProvider.GetRequiredService<ExplanationService>();
        Assert.False(explanations.BedrockEnabled);
        var explanation = await explanations.ExplainAsync(plot, classification);
        Assert.Equal(ExplanationSource.Local, explanation.Source);
        Assert.False(string.IsNullOrWhiteSpace(explanation.Text));
    }
}
