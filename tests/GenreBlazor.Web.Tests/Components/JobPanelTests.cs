using Bunit;
using GenreBlazor.Lifecycle.Jobs;
using GenreBlazor.Tests;
using GenreBlazor.Web.Components.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Components;

/// <summary>A retraining app of its own (its store, its jobs) for the panel tests.</summary>
public sealed class JobPanelApp : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("retrain-panel-").FullName;

    public RetrainingApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new RetrainingApp(Folder);
        _ = App.Services; // start it
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class JobPanelTests : ComponentContext, IClassFixture<JobPanelApp>
{
    private readonly JobPanelApp fixture;

    public JobPanelTests(JobPanelApp fixture)
    {
        this.fixture = fixture;
        UseAppServices(fixture.App.Services);
    }

    [SharedMoviesFact]
    public async Task An_operator_starts_a_retraining_follows_it_and_cancels_it_and_the_log_is_text_not_markup()
    {
        ActAsOperator();
        var panel = Render<JobPanel>(p => p.Add(c => c.Kind, JobKinds.Retrain).Add(c => c.RefreshInterval, TimeSpan.FromMilliseconds(200)));
        Assert.NotNull(panel.Find("[data-testid=job-none]"));

        await panel.Find("[data-testid=job-start]").ClickAsync();
        panel.WaitForAssertion(() => Assert.Contains(panel.Find("[data-testid=job-state]").GetAttribute("data-state"), new[] { "queued", "running" }));
        var job = (await fixture.App.Services.GetRequiredService<JobStore>().ListAsync(JobKinds.Retrain, 1)).Single();
        await fixture.App.Services.GetRequiredService<JobStore>().AppendLogAsync(job.Id, "<b>not bold</b>");
        panel.WaitForAssertion(() => Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", panel.Find("[data-testid=job-log]").InnerHtml));
        Assert.True(panel.Find("[data-testid=job-start]").HasAttribute("disabled"));
        await panel.Find("[data-testid=job-cancel]").ClickAsync();

        panel.WaitForAssertion(() => Assert.Equal("cancelled", panel.Find("[data-testid=job-state]").GetAttribute("data-state")), TimeSpan.FromMinutes(2));
        Assert.Contains("Cancelled", panel.Find("[data-testid=job-log]").TextContent);
        Assert.Empty(panel.FindAll("b"));
        Assert.False(panel.Find("[data-testid=job-start]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_visitor_is_told_jobs_are_for_operators_and_gets_no_button()
    {
        var panel = Render<JobPanel>(p => p.Add(c => c.Kind, JobKinds.Ingest));

        Assert.Contains("for operators", panel.Find("[data-testid=job-visitor]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=job-start]"));
        Assert.Equal("ingest", panel.Find("[data-testid=job-panel]").GetAttribute("data-kind"));
    }
}
