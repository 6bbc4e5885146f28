using System.Text.Json;
using GenreBlazor.Core.Explanations;
using GenreBlazor.Web.Api;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;

namespace GenreBlazor.Web.Explanations;

/// <summary>
/// Runs the explanation path once in the background at start-up (evidence, local text, prompt, answer check, the API's
/// JSON), so the first person to ask does not pay for compiling it: with Bedrock stalled, that first answer would
/// otherwise arrive about 0.2 s after the timeout. No outside call is made.
/// </summary>
public sealed class ExplanationWarmUp(IServiceScopeFactory scopes, ILogger<ExplanationWarmUp> logger) : BackgroundService
{
    private const string Plot = "A family moves into a haunted house where a vengeful ghost terrorises their children at night.";

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            using var scope = scopes.CreateScope();
            var services = scope.ServiceProvider;
            var classification = services.GetRequiredService<PlotClassifier>().Classify(Plot);
            var explanations = services.GetRequiredService<ExplanationService>();
            var explanationCase = explanations.Case(explanations.Evidence(Plot), classification);
            var definitions = services.GetRequiredService<GenreDefinitions>();
            var text = LocalExplainer.Explain(explanationCase, definitions);
            AnswerCheck.Check(text, explanationCase, ExplanationPrompt.Build(explanationCase, definitions));
            var result = new ExplanationResult(text, ExplanationSource.Local, null, LocalReason.BedrockOff, "warm-up", false, 0, explanationCase);
            ExplainEndpoints.WithSeedFields(ExplainEndpoints.ToResponse(result, classification)).ToJsonString(JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a head start: the first real request simply compiles what this did not.
            logger.LogDebug(e, "Explanation warm-up skipped");
        }
    }, stoppingToken);
}
