using System.Diagnostics;
using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Models;
using Microsoft.AspNetCore.Components;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>
/// The Analyze workspace. The page owns its state — the held-out workspace, the thresholds, the figures at them, the
/// genre in depth, the profile they came from — and hands it to panels that each own one section. A threshold change
/// recomputes the figures once here (sorted scores and binary search: well under a millisecond); each panel redraws
/// only what depends on what changed.
/// </summary>
public sealed partial class AnalyzePage : IDisposable
{
    [Inject] private GenreModelHost Models { get; set; } = default!;
    [Inject] private ThresholdProfileStore Profiles { get; set; } = default!;

    private float[] thresholds = [];
    private WorkspaceFigures figures = default!;
    private WorkspaceFigures tunedFigures = default!;
    private int selected;
    private double computeMilliseconds;
    private double targetPrecision = 0.7;
    private double targetRecall = 0.7;
    private string? loadedProfile;
    private string? moveMessage;

    /// <summary>The scored held-out movies every panel works on.</summary>
    private ThresholdWorkspace Workspace => Models.Workspace;

    private BundleManifest Manifest => Models.Bundle.Manifest;

    /// <summary>The model's tuned thresholds for <see cref="Workspace"/>.</summary>
    private float[] Tuned => Models.Bundle.TextThresholds.ToArray();

    /// <summary>A genre to open, e.g. from the Classify page (?genre=Western).</summary>
    [SupplyParameterFromQuery(Name = "genre")]
    public string? GenreFromQuery { get; set; }

    protected override void OnInitialized()
    {
        tunedFigures = Workspace.Figures(Tuned);
        var active = Profiles.Active;
        thresholds = active?.ToArray() ?? Tuned;
        loadedProfile = active?.Name;
        selected = GenreFromQuery is { } genre && GenreCatalog.IndexOf(genre) is >= 0 and var label ? label : GenreCatalog.IndexOf("Drama");
        Recompute();
        Profiles.ActiveChanged += OnActiveChanged;
    }

    public void Dispose() => Profiles.ActiveChanged -= OnActiveChanged;

    // Another circuit (or this one) changed the server-wide active profile: the badge follows.
    private void OnActiveChanged(ThresholdProfile? profile) => _ = InvokeAsync(StateHasChanged);

    private void Recompute()
    {
        var clock = Stopwatch.StartNew();
        figures = Workspace.Figures(thresholds);
        computeMilliseconds = clock.Elapsed.TotalMilliseconds;
    }

    private void SetThreshold(float value)
    {
        thresholds[selected] = Math.Clamp(value, 0f, 1f);
        moveMessage = null;
        Recompute();
    }

    private void Apply(ThresholdMove move)
    {
        thresholds = move.Thresholds;
        moveMessage = move.Message;
        Recompute();
    }

    private void ResetToTuned()
    {
        thresholds = Tuned;
        loadedProfile = null;
        moveMessage = "Back to the model's tuned thresholds.";
        Recompute();
    }

    private void OnProfileLoaded(ThresholdProfile profile)
    {
        thresholds = profile.ToArray();
        loadedProfile = profile.Name;
        moveMessage = null;
        Recompute();
    }

    private void OnProfileSaved(string name) => loadedProfile = name;

    private void OnProfileDeleted(string name)
    {
        if (loadedProfile == name)
        {
            loadedProfile = null;
        }
    }
}
