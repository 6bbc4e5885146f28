using System.Diagnostics;
using System.Globalization;
using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Bundles;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>How the matrix grid is ordered.</summary>
public enum MatrixOrder
{
    /// <summary>Lowest F1 first: where the work is.</summary>
    F1,
    /// <summary>Most true movies first.</summary>
    Support,
    /// <summary>Alphabetical.</summary>
    Name,
}

/// <summary>
/// The Analyze workspace: per-genre thresholds over the bundle's held-out test movies, every genre's 2×2 matrix and the
/// global figures recomputed on each change (sorted scores and binary search: well under a millisecond), one genre in
/// depth with its precision–recall curve and errors, and threshold profiles.
/// </summary>
public sealed partial class AnalyzePage : IDisposable
{
    /// <summary>Largest profile file accepted for import.</summary>
    public const long MaxImportBytes = 64 * 1024;

    [Inject] private GenreModelHost Models { get; set; } = default!;
    [Inject] private ThresholdProfileStore Profiles { get; set; } = default!;

    private ThresholdWorkspace Workspace => Models.Workspace;
    private BundleManifest Manifest => Models.Bundle.Manifest;

    private float[] thresholds = [];
    private WorkspaceFigures figures = default!;
    private WorkspaceFigures tunedFigures = default!;
    private int selected;
    private MatrixOrder order = MatrixOrder.F1;
    private double computeMilliseconds;
    private float oneForAll = 0.5f;
    private double targetPrecision = 0.7;
    private double targetRecall = 0.7;
    private string? loadedProfile;
    private string profileName = "";
    private string? profileMessage;
    private bool profileMessageIsError;
    private string? moveMessage;
    private int errorsShown = 20;
    // The profiles folder is read when the page opens and after each profile operation, not on every slider tick.
    private IReadOnlyList<string> profileNames = [];
    private IReadOnlyList<string> profileProblems = [];

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
        RefreshProfiles();
        Profiles.ActiveChanged += OnActiveChanged;
    }

    public void Dispose() => Profiles.ActiveChanged -= OnActiveChanged;

    // Another circuit (or this one) changed the server-wide active profile: refresh the badge and the list.
    private void OnActiveChanged(ThresholdProfile? profile) => _ = InvokeAsync(() =>
    {
        RefreshProfiles();
        StateHasChanged();
    });

    private void RefreshProfiles()
    {
        profileNames = Profiles.Names();
        profileProblems = Profiles.Problems();
    }

    private void Recompute()
    {
        var clock = Stopwatch.StartNew();
        figures = Workspace.Figures(thresholds);
        computeMilliseconds = clock.Elapsed.TotalMilliseconds;
    }

    private IEnumerable<int> OrderedLabels() => order switch
    {
        MatrixOrder.Support => Enumerable.Range(0, GenreCatalog.Count).OrderByDescending(l => figures.PerGenre[l].Support).ThenBy(l => GenreCatalog.All[l]),
        MatrixOrder.Name => Enumerable.Range(0, GenreCatalog.Count).OrderBy(l => GenreCatalog.All[l], StringComparer.Ordinal),
        _ => Enumerable.Range(0, GenreCatalog.Count).OrderBy(l => figures.PerGenre[l].F1).ThenBy(l => GenreCatalog.All[l]),
    };

    private void SetThreshold(int label, float value)
    {
        thresholds[label] = Math.Clamp(value, 0f, 1f);
        moveMessage = null;
        Recompute();
    }

    private void Select(int label)
    {
        selected = label;
        errorsShown = 20;
    }

    private void ApplyOneForAll()
    {
        Array.Fill(thresholds, Math.Clamp(oneForAll, 0f, 1f));
        moveMessage = $"Every genre now decides at {oneForAll:0.00}.";
        Recompute();
    }

    private void ResetToTuned()
    {
        thresholds = Tuned;
        loadedProfile = null;
        moveMessage = "Back to the model's tuned thresholds.";
        Recompute();
    }

    private void AutoTuneBestF1(bool all)
    {
        foreach (var label in all ? Enumerable.Range(0, GenreCatalog.Count) : [selected])
        {
            thresholds[label] = Workspace.BestF1(label);
        }
        moveMessage = all ? "Each genre moved to its best F1 on these movies." : $"{GenreCatalog.All[selected]} moved to its best F1.";
        Recompute();
    }

    private void AutoTunePrecision(bool all)
    {
        var missed = new List<string>();
        foreach (var label in all ? Enumerable.Range(0, GenreCatalog.Count) : [selected])
        {
            if (Workspace.ForPrecision(label, targetPrecision) is { } threshold)
            {
                thresholds[label] = threshold;
            }
            else
            {
                missed.Add(GenreCatalog.All[label]);
            }
        }
        moveMessage = $"Lowest threshold with precision ≥ {targetPrecision:P0}" +
            (missed.Count > 0 ? $"; never reached by {string.Join(", ", missed)} (left as they were)." : ".");
        Recompute();
    }

    private void AutoTuneRecall(bool all)
    {
        foreach (var label in all ? Enumerable.Range(0, GenreCatalog.Count) : [selected])
        {
            thresholds[label] = Workspace.ForRecall(label, targetRecall);
        }
        moveMessage = $"Highest threshold with recall ≥ {targetRecall:P0}.";
        Recompute();
    }

    private void ProfileResult(string message, bool error = false)
    {
        profileMessage = message;
        profileMessageIsError = error;
        RefreshProfiles();
    }

    private void SaveProfile()
    {
        try
        {
            var profile = Profiles.Save(ThresholdProfile.FromArray(profileName.Trim(), thresholds, Manifest.Version,
                $"Saved from the Analyze page: micro-F1 {figures.MicroF1:F3}, macro-F1 {figures.MacroF1:F3} on the test part."));
            loadedProfile = profile.Name;
            ProfileResult($"Saved '{profile.Name}'.");
        }
        catch (Exception e) when (e is ThresholdProfileException or IOException)
        {
            ProfileResult(e.Message, error: true);
        }
    }

    private void LoadProfile(string name)
    {
        try
        {
            thresholds = Profiles.Load(name).ToArray();
            loadedProfile = name;
            profileName = name;
            Recompute();
            ProfileResult($"Loaded '{name}' into the workspace.");
        }
        catch (Exception e) when (e is ThresholdProfileException or IOException)
        {
            ProfileResult(e.Message, error: true);
        }
    }

    private void ActivateProfile(string? name)
    {
        try
        {
            Profiles.Activate(name);
            ProfileResult(name is null
                ? "The Classify page and the API now decide with the model's tuned thresholds."
                : $"'{name}' is now active: the Classify page and /api/predict decide with it, for everyone, also after a restart.");
        }
        catch (Exception e) when (e is ThresholdProfileException or IOException)
        {
            ProfileResult(e.Message, error: true);
        }
    }

    private void DeleteProfile(string name)
    {
        try
        {
            Profiles.Delete(name);
            if (loadedProfile == name)
            {
                loadedProfile = null;
            }
            ProfileResult($"Deleted '{name}'.");
        }
        catch (Exception e) when (e is ThresholdProfileException or IOException)
        {
            ProfileResult(e.Message, error: true);
        }
    }

    private async Task ImportProfile(InputFileChangeEventArgs e)
    {
        try
        {
            if (e.File.Size > MaxImportBytes)
            {
                ProfileResult($"{e.File.Name} is {e.File.Size:N0} bytes; a profile is at most {MaxImportBytes:N0}.", error: true);
                return;
            }
            using var reader = new StreamReader(e.File.OpenReadStream(MaxImportBytes));
            var profile = ThresholdProfile.Parse(await reader.ReadToEndAsync(), e.File.Name);
            profile = Profiles.Save(profile);
            thresholds = profile.ToArray();
            loadedProfile = profile.Name;
            profileName = profile.Name;
            Recompute();
            ProfileResult($"Imported '{profile.Name}'" + (profile.ModelVersion is { } v && v != Manifest.Version ? $" (tuned for model {v}, this is {Manifest.Version})." : "."));
        }
        catch (Exception ex) when (ex is ThresholdProfileException or IOException)
        {
            ProfileResult(ex.Message, error: true);
        }
    }

    private static string Fraction(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.000;−0.000;±0.000", CultureInfo.InvariantCulture);

    /// <summary>A colour class for an F1 value; the number is always printed beside it.</summary>
    private static string F1Class(double f1) => f1 >= 0.7 ? "good" : f1 >= 0.5 ? "fair" : f1 >= 0.3 ? "weak" : "poor";

}
