using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>A line of the profiles list: a saved profile, or the model's tuned thresholds (no name).</summary>
public sealed record ProfileRow(string? Name, bool Active);

public sealed partial class ProfilesPanel : IDisposable
{
    /// <summary>Largest profile file accepted for import.</summary>
    public const long MaxImportBytes = 64 * 1024;

    // The profiles folder is read when the panel opens and after each profile operation, not on every slider tick.
    private IReadOnlyList<ProfileRow> rows = [];
    private IReadOnlyList<string> names = [];
    private IReadOnlyList<string> problems = [];

    [Inject] private ServerProfiles Profiles { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The thresholds Save stores, per deciding model.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyDictionary<DecidingModel, IReadOnlyList<float>> Thresholds { get; set; } = new Dictionary<DecidingModel, IReadOnlyList<float>>();

    /// <summary>The model being tuned, whose figures a saved profile's description notes.</summary>
    [Parameter, EditorRequired]
    public DecidingModel Model { get; set; }

    /// <summary>The figures of <see cref="Model"/> at its thresholds, noted in a saved profile's description.</summary>
    [Parameter, EditorRequired]
    public WorkspaceFigures Figures { get; set; } = default!;

    /// <summary>The loaded bundle's version, stored with a saved profile.</summary>
    [Parameter, EditorRequired]
    public string ModelVersion { get; set; } = "";

    /// <summary>The profile the workspace was loaded from or last saved as.</summary>
    [Parameter]
    public string? LoadedProfile { get; set; }

    /// <summary>Raised with a profile loaded or imported into the workspace.</summary>
    [Parameter]
    public EventCallback<ThresholdProfile> Loaded { get; set; }

    /// <summary>Raised with the name the workspace was saved under.</summary>
    [Parameter]
    public EventCallback<string> Saved { get; set; }

    /// <summary>Raised with the name of a deleted profile.</summary>
    [Parameter]
    public EventCallback<string> Deleted { get; set; }

    /// <summary>Raised by Load on the tuned thresholds' line.</summary>
    [Parameter]
    public EventCallback ResetToTuned { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Profiles.ActiveChanged += OnActiveChanged;
        await RefreshAsync();
    }

    public void Dispose() => Profiles.ActiveChanged -= OnActiveChanged;

    // Another circuit (or this one) changed the server-wide active profile.
    private void OnActiveChanged(ThresholdProfile? profile) => _ = InvokeAsync(async () =>
    {
        await RefreshAsync();
        StateHasChanged();
    });

    private async Task RefreshAsync()
    {
        var active = Profiles.Active?.Name;
        names = await Profiles.NamesAsync();
        rows = [new ProfileRow(null, active is null), .. names.Select(name => new ProfileRow(name, name == active))];
        problems = [.. (await Profiles.ProblemsAsync()).Select(p => p.Reason)];
    }

    private async Task Report(string message, Severity severity = Severity.Success)
    {
        await RefreshAsync();
        Snackbar.Add(message, severity);
    }

    private async Task SaveAsync()
    {
        var parameters = new DialogParameters<SaveProfileDialog>
        {
            { d => d.Suggested, LoadedProfile },
            { d => d.Existing, names },
            { d => d.Summary, $"The workspace's thresholds for {Models()}: the {Model.Key()} model scores micro-F1 {Figures.MicroF1:F3}, macro-F1 {Figures.MacroF1:F3} on its test part (bundle {ModelVersion}). Models not saved decide at their tuned thresholds." },
        };
        var dialog = await Dialogs.ShowAsync<SaveProfileDialog>("Save the workspace", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: string name })
        {
            return;
        }
        await Run(async () =>
        {
            var profile = await Profiles.SaveAsync(ThresholdProfile.FromArrays(name, Thresholds, ModelVersion,
                $"Saved from the Analyze page with thresholds for {Models()}: the {Model.Key()} model scored micro-F1 {Figures.MicroF1:F3}, macro-F1 {Figures.MacroF1:F3} on its test part."));
            await Saved.InvokeAsync(profile.Name);
            await Report($"Saved '{profile.Name}'.");
        });
    }

    private Task LoadAsync(string? name) => Run(async () =>
    {
        if (name is null)
        {
            await ResetToTuned.InvokeAsync();
            await Report("The workspace holds the model's tuned thresholds again.", Severity.Info);
            return;
        }
        await Loaded.InvokeAsync(await Profiles.LoadAsync(name));
        await Report($"Loaded '{name}' into the workspace.", Severity.Info);
    });

    private Task ActivateAsync(string? name) => Run(async () =>
    {
        await Profiles.ActivateAsync(name);
        await Report(name is null
            ? "The Classify page and the API now decide with the model's tuned thresholds."
            : $"'{name}' is now active: the Classify page and /api/predict decide with it, for everyone, also after a restart.");
    });

    private async Task DeleteAsync(string name)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete the profile?",
            $"'{name}' is removed from the profiles folder{(Profiles.Active?.Name == name ? "; it is active, so the Classify page and the API go back to the tuned thresholds" : "")}. This cannot be undone.",
            yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }
        await Run(async () =>
        {
            await Profiles.DeleteAsync(name);
            await Deleted.InvokeAsync(name);
            await Report($"Deleted '{name}'.");
        });
    }

    private Task ImportAsync(InputFileChangeEventArgs e) => Run(async () =>
    {
        if (e.File.Size > MaxImportBytes)
        {
            await Report($"{e.File.Name} is {e.File.Size:N0} bytes; a profile is at most {MaxImportBytes:N0}.", Severity.Error);
            return;
        }
        using var reader = new StreamReader(e.File.OpenReadStream(MaxImportBytes));
        var profile = ThresholdProfile.Parse(await reader.ReadToEndAsync(), e.File.Name);
        if (names.Contains(profile.Name) &&
            await Dialogs.ShowMessageBoxAsync("Replace the profile?", $"A profile named '{profile.Name}' exists; importing {e.File.Name} replaces its thresholds.",
                yesText: "Replace", cancelText: "Cancel") != true)
        {
            return;
        }
        profile = await Profiles.SaveAsync(profile);
        await Loaded.InvokeAsync(profile);
        await Report($"Imported '{profile.Name}'" + (profile.ModelVersion is { } v && v != ModelVersion ? $" (tuned for model {v}, this is {ModelVersion})." : "."));
    });

    private string Models() => string.Join(", ", Thresholds.Keys.Order().Select(m => m.Key()));

    // A refused file or name is said in the snackbar; the workspace and the folder stay as they were.
    private async Task Run(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is ThresholdProfileException or IOException or System.Data.Common.DbException or GenreBlazor.Storage.StoreException)
        {
            await Report(e.Message, Severity.Error);
        }
    }
}
