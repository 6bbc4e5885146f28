using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GenreBlazor.Web.Tests;

/// <summary>
/// The app in-process with the committed bundle and a folder of its own for its store and threshold profiles. No
/// catalog DNA: loading 16,432 movies and MiniLM in the background of every test app left ONNX Runtime busy on a
/// thread while the test process exited (the test host crashed at exit); discovery tests bring their own. The rate
/// limits are off: every in-process request comes from the same (unknown) address, and the limits have tests of
/// their own (Security/). Derived apps add their settings after these, so theirs win.
/// </summary>
public abstract class IsolatedApp : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder;

    /// <param name="prefix">Name prefix of the temporary folder made for this app.</param>
    /// <param name="folder">A folder that outlives the app instead (a restart is a second app on it); not deleted.</param>
    protected IsolatedApp(string prefix, string? folder = null)
    {
        Folder = folder ?? Directory.CreateTempSubdirectory(prefix).FullName;
        _ownsFolder = folder is null;
    }

    public string Folder { get; }

    /// <summary>The app's store.</summary>
    public virtual string StorePath => Path.Combine(Folder, "store.db");

    protected virtual string ProfilesPath => Folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .UseSetting("Profiles:Directory", ProfilesPath)
        .UseSetting("Store:ConnectionString", StorePath)
        .UseSetting("Discovery:DnaPath", Path.Combine(Folder, "no-dna.bin"))
        .UseSetting("Limits:Enabled", "false");

    /// <summary>A client of <paramref name="app"/> (this one, or one derived from it with <c>WithWebHostBuilder</c>) that sends <paramref name="key"/> as its bearer key.</summary>
    public static HttpClient KeyedClient(WebApplicationFactory<Program> app, string key)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
