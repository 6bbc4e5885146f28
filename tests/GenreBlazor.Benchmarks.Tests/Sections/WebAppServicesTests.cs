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
    [Fact]
    public async Task The_services_the_web_and_explain_sections_time_resolve_and_answer()
    {
        // The bundle the sections measure by default: the committed one.
        var arguments = BenchmarkArguments.Parse(["web"], out var problem) ?? throw new InvalidOperationException(problem);
        using var app = new WebAppServices(arguments.BundleFolder);
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
