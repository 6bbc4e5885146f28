using GenreBlazor.Core.Explanations;
using GenreBlazor.Web.Explanations;
using GenreBlazor.Web.Classifying;
using GenreBlazor.Web.Serving;
using Microsoft.AspNetCore.Components;

namespace GenreBlazor.Web.Components.Pages.Classify;

/// <summary>
/// Explains the text model's decision for the classified plot. The evidence (highlights, lists) is computed at once;
/// the written explanation is asked for only on the interactive circuit (never twice for one page load), again when a
/// new plot arrives, and — after the slider rests — when the predicted genres change.
/// </summary>
public sealed partial class ExplanationPanel : IDisposable
{
    private string? _plot;
    private PlotEvidence? _evidence;
    private string? _asked;
    private CancellationTokenSource? _pending;

    /// <summary>The plot that was classified; nothing is shown while it is empty.</summary>
    [Parameter]
    public string? Plot { get; set; }

    /// <summary>The text model's decision for <see cref="Plot"/>; nothing is shown while it is null.</summary>
    [Parameter]
    public Classification? Result { get; set; }

    /// <summary>How long the predicted genres must stay put before they are explained again (the slider may still be moving).</summary>
    [Parameter]
    public TimeSpan Settle { get; set; } = TimeSpan.FromMilliseconds(400);

    [Inject]
    private ExplanationService Explanations { get; set; } = default!;

    [Inject]
    private GenreBlazor.Web.Security.CircuitQuota Quota { get; set; } = default!;

    /// <summary>Why no explanation was asked for: this page's quota is spent for the moment.</summary>
    private string? Wait { get; set; }

    private ExplanationCase? Case { get; set; }

    private ExplanationResult? Explanation { get; set; }

    private int Genre { get; set; }

    private bool Explaining { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (Result is null || string.IsNullOrWhiteSpace(Plot))
        {
            Forget();
            return;
        }

        var newPlot = Plot != _plot;
        if (newPlot)
        {
            _plot = Plot;
            _evidence = Explanations.Evidence(Plot);
            Explanation = null;
        }
        Case = Explanations.Case(_evidence!, Result);
        if (newPlot)
        {
            Genre = Case.Closest.Label;
        }

        var question = $"{Result.Predicted.Bits}:{Plot}";
        if (question == _asked || !RendererInfo.IsInteractive)
        {
            return;
        }
        _asked = question;
        await ExplainAsync(Plot, Result, _evidence!, question, settle: !newPlot);
    }

    private async Task ExplainAsync(string plot, Classification result, PlotEvidence evidence, string question, bool settle)
    {
        await CancelPendingAsync();
        var pending = _pending = new CancellationTokenSource();
        // Taken now: a newer question or the page going away disposes the source, possibly between two awaits here.
        var token = pending.Token;
        Explaining = true;
        try
        {
            if (settle)
            {
                await Task.Delay(Settle, token);
            }
            Wait = Quota.TakeExplanation();
            if (Wait is not null)
            {
                Explanation = null;
                Explaining = false;
                // Asked again on the next change; the evidence below stays.
                _asked = null;
                return;
            }
            var explanation = await Explanations.ExplainAsync(plot, result, evidence, token);
            if (_asked == question)
            {
                Explanation = explanation;
                Explaining = false;
            }
        }
        catch (OperationCanceledException)
        {
            // A newer plot or decision replaced this question; its own call shows the result.
        }
    }

    private void OnGenreChanged(int genre) => Genre = genre;

    private void Forget()
    {
        _pending?.Cancel();
        _plot = null;
        _evidence = null;
        _asked = null;
        Case = null;
        Explanation = null;
        Explaining = false;
    }

    private async Task CancelPendingAsync()
    {
        if (_pending is { } previous)
        {
            await previous.CancelAsync();
            previous.Dispose();
        }
    }

    /// <summary>Stops a pending explanation when the page goes away.</summary>
    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
    }
}
