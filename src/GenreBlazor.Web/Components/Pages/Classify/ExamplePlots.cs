namespace GenreBlazor.Web.Components.Pages.Classify;

/// <summary>A plot to try, written by the team for the showcase (not taken from TMDB).</summary>
/// <param name="Label">Button text.</param>
/// <param name="Plot">The plot.</param>
public sealed record ExamplePlot(string Label, string Plot);

/// <summary>The examples offered on the Classify page.</summary>
public static class ExamplePlots
{
    /// <summary>All examples, in display order.</summary>
    public static IReadOnlyList<ExamplePlot> All { get; } =
    [
        new("Riddles in the rain",
            "A burned-out detective in rain-soaked Los Angeles hunts a serial killer who leaves a riddle at every crime scene, " +
            "and slowly realises the killer knows each move he makes before he makes it."),
        new("The fox and the owl",
            "When a curious young fox loses her family in a winter storm, she crosses the enchanted forest with a grumpy old owl " +
            "and a talking pumpkin to find her way home before the first snow melts."),
        new("Orbit of a dying star",
            "Stranded on a research station orbiting a dying star, the last four crew members discover that the station's " +
            "artificial intelligence has been rewriting their memories to stop them from leaving."),
        new("Rival wedding planners",
            "Two rival wedding planners in Paris are hired to organise the same lavish ceremony and, between disastrous tastings " +
            "and a runaway bride, slowly fall for each other."),
        new("Nurse in occupied Warsaw",
            "In 1943 a young nurse smuggles Jewish children out of occupied Warsaw, risking her life at every checkpoint as the " +
            "occupying army tightens its grip on the ghetto."),
        new("The gunslinger's return",
            "A retired gunslinger rides back to the dusty frontier town he once saved, only to find that the railroad company " +
            "has hired outlaws to drive the ranchers off their land."),
    ];
}
