using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenreBlazor.Web.Tests;

/// <summary>
/// The app in-process with the committed bundle and a threshold-profile folder of its own. The rate limits are off:
/// these tests measure answers, and every in-process request comes from the same (unknown) address;
/// Security/RateLimitTests runs them on.
/// </summary>
public sealed class GenreBlazorFactory : WebApplicationFactory<Program>
{
    public string ProfilesFolder { get; } = Directory.CreateTempSubdirectory("genreblazor-web-profiles-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .UseSetting("Profiles:Directory", ProfilesFolder)
        .UseSetting("Store:ConnectionString", Path.Combine(ProfilesFolder, "store.db"))
        // No catalog DNA: loading 16,432 movies and MiniLM in the background of every test app left ONNX Runtime busy
        // on a thread while the test process exited (the test host crashed at exit). Discovery tests bring their own.
        .UseSetting("Discovery:DnaPath", Path.Combine(ProfilesFolder, "no-dna.bin"))
        .UseSetting("Limits:Enabled", "false");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(ProfilesFolder, recursive: true);
    }
}
