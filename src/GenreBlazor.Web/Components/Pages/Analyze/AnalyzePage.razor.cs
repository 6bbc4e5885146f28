using System.Diagnostics;
using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Components;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>
/// The Analyze workspace. The page owns its state — which deciding model is tuned, each model's thresholds, the figures
/// at them, the genre in depth, the profile they came from — and hands the chosen model's part to panels that each own
/// one section. A threshold change recomputes the figures once here (sorted scores and binary search: well under a
/// millisecond); each panel redraws only what depends on what changed. Switching models keeps every model's edits.
/// </summary>
public sealed partial class AnalyzePage : IDisposable
{
    private readonly Dictionary<DecidingModel, float[]> thresholds = [];
    private DecidingModel model = DecidingModel.Text;
    private WorkspaceFigures figures = default!;
    private WorkspaceFigures tunedFigures = default!;
    private int selected;
    private double computeMilliseconds;
    private double targetPrecision = 0.7;
    private double targetRecall = 0.7;
    private string? loadedProfile;
    private string? moveMessage;

    [Inject] private GenreModelHost Host { get; set; } = default!;

    // Taken once: the page tunes thresholds against one model's held-out part; after a swap a new visit gets the new one.
    private ServingModel Models { get; set; } = default!;
    [Inject] private ServerProfiles Profiles { get; set; } = default!;

    /// <summary>A genre to open, e.g. from the Classify page (?genre=Western).</summary>
    [SupplyParameterFromQuery(Name = "genre")]
    public string? GenreFromQuery { get; set; }

    /// <summary>A model to open: text, poster or fused (?model=fused).</summary>
    [SupplyParameterFromQuery(Name = "model")]
    public string? ModelFromQuery { get; set; }

    private HeldOutModel Current => Models.HeldOutOf(model)!;

    /// <summary>The scored held-out part every panel works on.</summary>
    private ThresholdWorkspace Workspace => Current.Workspace;

    /// <summary>The chosen model's thresholds in the workspace.</summary>
    private float[] Thresholds => thresholds[model];

    /// <summary>The chosen model's tuned thresholds.</summary>
    private float[] Tuned => [.. Current.Tuned];

    private BundleManifest Manifest => Models.Bundle.Manifest;

    protected override void OnInitialized()
    {
        Models = Host.Current;
        model = DecidingModels.Parse(ModelFromQuery) is { } asked && Models.HeldOutOf(asked) is not null ? asked : DecidingModel.Text;
        Load(Profiles.Active);
        selected = GenreFromQuery is { } genre && GenreCatalog.IndexOf(genre) is >= 0 and var label ? label : GenreCatalog.IndexOf("Drama");
        Recompute(tunedToo: true);
        Profiles.ActiveChanged += OnActiveChanged;
    }

    public void Dispose() => Profiles.ActiveChanged -= OnActiveChanged;

    // Another circuit (or this one) changed the server-wide active profile: the badge follows.
    private void OnActiveChanged(ThresholdProfile? profile) => _ = InvokeAsync(StateHasChanged);

    // Every model starts from the profile's thresholds where it sets them, else from its tuned ones.
    private void Load(ThresholdProfile? profile)
    {
        foreach (var heldOut in Models.HeldOut)
        {
            thresholds[heldOut.Model] = profile?.ThresholdsFor(heldOut.Model) ?? [.. heldOut.Tuned];
        }
        loadedProfile = profile?.Name;
    }

    private void Recompute(bool tunedToo = false)
    {
        if (tunedToo)
        {
            tunedFigures = Workspace.Figures(Tuned);
        }
        var clock = Stopwatch.StartNew();
        figures = Workspace.Figures(Thresholds);
        computeMilliseconds = clock.Elapsed.TotalMilliseconds;
    }

    private void SelectModel(DecidingModel chosen)
    {
        model = chosen;
        moveMessage = null;
        Recompute(tunedToo: true);
    }

    /// <summary>What Save stores: every model whose thresholds were moved from its tuned ones, and the one being tuned.</summary>
    private Dictionary<DecidingModel, IReadOnlyList<float>> ToSave() => Models.HeldOut
        .Where(h => h.Model == model || !thresholds[h.Model].SequenceEqual(h.Tuned))
        .ToDictionary(h => h.Model, h => (IReadOnlyList<float>)thresholds[h.Model]);

    private void SetThreshold(float value)
    {
        Thresholds[selected] = Math.Clamp(value, 0f, 1f);
        moveMessage = null;
        Recompute();
    }

    private void Apply(ThresholdMove move)
    {
        thresholds[model] = move.Thresholds;
        moveMessage = move.Message;
        Recompute();
    }

    private void ResetToTuned()
    {
        Load(null);
        moveMessage = "Every model is back at its tuned thresholds.";
        Recompute();
    }

    private void OnProfileLoaded(ThresholdProfile profile)
    {
        Load(profile);
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
