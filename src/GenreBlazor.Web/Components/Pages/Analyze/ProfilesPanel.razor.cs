using GenreBlazor.Core.Analysis;
using GenreBlazor.Core.Thresholds;
using GenreBlazor.Web.Security;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace GenreBlazor.Web.Components.Pages.Analyze;

/// <summary>A line of the server profiles list: a saved profile, or the model's tuned thresholds (no name).</summary>
public sealed record ProfileRow(string? Name, bool Active);

public sealed partial class ProfilesPanel : IDisposable
{
    /// <summary>Largest profile file accepted for import.</summary>
    public const long MaxImportBytes = 64 * 1024;

    // The store and the browser are read when the panel opens and after each profile operation, not on every slider tick.
    private IReadOnlyList<ProfileRow> rows = [];
    private IReadOnlyList<string> names = [];
    private IReadOnlyList<string> problems = [];
    private IReadOnlyList<ThresholdProfile> mine = [];
    private VisitorChoice? choice;

    [Inject] private ServerProfiles Profiles { get; set; } = default!;
    [Inject] private VisitorProfiles Own { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private IOptions<OperatorOptions> Operators { get; set; } = default!;
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

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool OperatorsConfigured => Operators.Value.IsConfigured;

    protected override async Task OnInitializedAsync()
    {
        Profiles.ActiveChanged += OnActiveChanged;
        await RefreshAsync();
    }

    // Browser storage is reachable once the circuit runs JavaScript, after the first interactive render.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            await RefreshOwnAsync();
            StateHasChanged();
        }
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

    private async Task RefreshOwnAsync()
    {
        mine = await Own.ListAsync();
        choice = await Own.ChoiceAsync();
    }

    // The buttons are shown to operators only; the change itself is checked again here, where it is made.
    private async Task<bool> IsOperatorAsync()
    {
        if (AuthenticationState is null)
        {
            return false;
        }
        var user = (await AuthenticationState).User;
        if ((await Authorization.AuthorizeAsync(user, OperatorAccess.Policy)).Succeeded)
        {
            return true;
        }
        Snackbar.Add("Server-wide changes need an operator: sign in on the Operator page.", Severity.Warning);
        return false;
    }

    private async Task Report(string message, Severity severity = Severity.Success)
    {
        await RefreshAsync();
        await RefreshOwnAsync();
        Snackbar.Add(message, severity);
    }

    private async Task SaveAsync()
    {
        if (await AskNameAsync(mine.Select(p => p.Name).ToList(), "Save the workspace to my profiles") is not { } name)
        {
            return;
        }
        await Run(async () =>
        {
            var profile = await Own.SaveAsync(Workspace(name));
            await Saved.InvokeAsync(profile.Name);
            await Report($"Saved '{profile.Name}' to my profiles (this browser).");
        });
    }

    private async Task SaveToServerAsync()
    {
        if (!await IsOperatorAsync() || await AskNameAsync(names, "Save the workspace to the server") is not { } name)
        {
            return;
        }
        await Run(async () =>
        {
            var profile = await Profiles.SaveAsync(Workspace(name));
            await Saved.InvokeAsync(profile.Name);
            await Report($"Saved '{profile.Name}' to the server.");
        });
    }

    private ThresholdProfile Workspace(string name) => ThresholdProfile.FromArrays(name, Thresholds, ModelVersion,
        $"Saved from the Analyze page with thresholds for {Models()}: the {Model.Key()} model scored micro-F1 {Figures.MicroF1:F3}, macro-F1 {Figures.MacroF1:F3} on its test part.");

    private async Task<string?> AskNameAsync(IReadOnlyList<string> existing, string title)
    {
        var parameters = new DialogParameters<SaveProfileDialog>
        {
            { d => d.Suggested, LoadedProfile },
            { d => d.Existing, existing },
            { d => d.Summary, $"The workspace's thresholds for {Models()}: the {Model.Key()} model scores micro-F1 {Figures.MicroF1:F3}, macro-F1 {Figures.MacroF1:F3} on its test part (bundle {ModelVersion}). Models not saved decide at their tuned thresholds." },
        };
        var dialog = await Dialogs.ShowAsync<SaveProfileDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: string name } ? name : null;
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

    private Task LoadOwnAsync(ThresholdProfile profile) => Run(async () =>
    {
        await Loaded.InvokeAsync(profile);
        await Report($"Loaded my profile '{profile.Name}' into the workspace.", Severity.Info);
    });

    private Task CopyAsync(string name) => Run(async () =>
    {
        var copied = await Own.SaveAsync(await Profiles.LoadAsync(name));
        await Report($"Copied '{copied.Name}' to my profiles (this browser).");
    });

    private Task ChooseAsync(VisitorChoice? chosen) => Run(async () =>
    {
        await Own.ChooseAsync(chosen);
        await Report(chosen is null
            ? "My Classify page decides with the server's active profile again."
            : $"My Classify page now decides with '{chosen.Name}' — in this browser only; nobody else is affected.");
    });

    private async Task DeleteOwnAsync(string name)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete the profile?",
            $"'{name}' is removed from my profiles in this browser. This cannot be undone.", yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }
        await Run(async () =>
        {
            await Own.DeleteAsync(name);
            await Deleted.InvokeAsync(name);
            await Report($"Deleted '{name}'.");
        });
    }

    private static string DataUrl(ThresholdProfile profile) => "data:application/json;charset=utf-8," + Uri.EscapeDataString(profile.ToJson());

    private async Task ActivateAsync(string? name)
    {
        if (!await IsOperatorAsync())
        {
            return;
        }
        await Activate(name);
    }

    private Task Activate(string? name) => Run(async () =>
    {
        await Profiles.ActivateAsync(name);
        await Report(name is null
            ? "The Classify page and the API now decide with the model's tuned thresholds."
            : $"'{name}' is now active: the Classify page and /api/predict decide with it, for everyone, also after a restart.");
    });

    private async Task DeleteAsync(string name)
    {
        if (!await IsOperatorAsync())
        {
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete the server profile?",
            $"'{name}' is removed from the server for everyone{(Profiles.Active?.Name == name ? "; it is active, so the Classify page and the API go back to the tuned thresholds" : "")}. This cannot be undone.",
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
        if (mine.Any(p => p.Name == profile.Name) &&
            await Dialogs.ShowMessageBoxAsync("Replace the profile?", $"My profile '{profile.Name}' exists; importing {e.File.Name} replaces its thresholds.",
                yesText: "Replace", cancelText: "Cancel") != true)
        {
            return;
        }
        profile = await Own.SaveAsync(profile);
        await Loaded.InvokeAsync(profile);
        await Report($"Imported '{profile.Name}' into my profiles" + (profile.ModelVersion is { } v && v != ModelVersion ? $" (tuned for model {v}, this is {ModelVersion})." : "."));
    });

    private string Models() => string.Join(", ", Thresholds.Keys.Order().Select(m => m.Key()));

    // A refused file or name is said in the snackbar; the workspace, the browser's and the server's profiles stay as they were.
    private async Task Run(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is ThresholdProfileException or IOException or System.Data.Common.DbException or GenreBlazor.Storage.StoreException
            or Microsoft.JSInterop.JSException)
        {
            await Report(e.Message, Severity.Error);
        }
    }
}
