using GenreBlazor.Web.Extensions;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = FrontEndRegistration.AssetsFolder,
});

builder.AddGenreModels();
builder.AddClassification();
builder.AddExplanations();
builder.AddWebFrontEnd();
builder.AddHttpApi();

var app = builder.Build();

if (!app.LoadModelsOrExplain())
{
    return 1;
}

app.UseWebFrontEnd();
app.MapHttpApi();
app.MapWebFrontEnd();

app.Run();
return 0;

/// <summary>The app's entry point (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program;
