using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenreBlazor.Web.Tests;

/// <summary>The app in-process with the committed bundle and a threshold-profile folder of its own.</summary>
public sealed class GenreBlazorFactory : WebApplicationFactory<Program>
{
    public string ProfilesFolder { get; } = Directory.CreateTempSubdirectory("genreblazor-web-profiles-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .UseSetting("Profiles:Directory", ProfilesFolder)
        .UseSetting("Store:ConnectionString", Path.Combine(ProfilesFolder, "store.db"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(ProfilesFolder, recursive: true);
    }
}
