using GenreBlazor.Web.Extensions;
using GenreBlazor.Web.Security;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = FrontEndRegistration.AssetsFolder,
});

builder.AddStore();
builder.AddSharedState();
builder.AddGenreModels();
builder.AddClassification();
builder.AddExplanations();
builder.AddOperatorAccess();
builder.AddPublicHosting();
builder.AddWebFrontEnd();
builder.AddHttpApi();
builder.AddRuntimeFigures();
builder.AddDiscovery();
builder.AddModelLifecycle();
builder.AddRetraining();
builder.AddMonitoring();
builder.AddPicks();
builder.AddDataProfiles();

var app = builder.Build();

if (!await app.MigrateStoreOrExplain() || !await app.LoadModelsOrExplain())
{
    return 1;
}

app.UsePublicHosting();
app.UseWebFrontEnd();
app.MapHttpApi();
app.MapDiscovery();
app.MapModelLifecycle();
app.MapRetraining();
app.MapMonitoring();
app.MapPicks();
app.MapDataProfiles();
app.MapOperatorAccess();
app.MapRuntimeFigures();
app.MapWebFrontEnd();

await app.RunAsync();
return 0;

/// <summary>The app's entry point (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program;
