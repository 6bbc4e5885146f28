using System.Text.Json.Nodes;
using GenreBlazor.Core.Operators;
using GenreBlazor.Tests;
using Microsoft.AspNetCore.Hosting;

namespace GenreBlazor.Web.Tests.Lifecycle;

/// <summary>
/// The app with an operator key, its own store, a fast champion refresh, and a second bundle beside the committed one:
/// a copy of <c>models/default</c> under another version (same held-out rows, so the registry's comparison finds no
/// regression and promotes it).
/// </summary>
public sealed class ModelApp : IsolatedApp
{
    public const string Key = "gbo_test-key-for-the-model-lifecycle-tests-0123";

    // Unique per app: the apps of one test process share the process's meters, so a version label tells their predictions apart.
    public string SecondVersion { get; } = "swap-test-" + Guid.NewGuid().ToString("N")[..8];

    public ModelApp() : base("ops-models-")
    {
        SecondBundle = Path.Combine(Folder, SecondVersion);
        Directory.CreateDirectory(SecondBundle);
        foreach (var file in Directory.EnumerateFiles(SharedData.CommittedBundle))
        {
            File.Copy(file, Path.Combine(SecondBundle, Path.GetFileName(file)));
        }
        // The version is the manifest's own field, outside the checksummed files.
        var manifestPath = Path.Combine(SecondBundle, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["version"] = SecondVersion;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    public string SecondBundle { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder
            .UseSetting("ModelLifecycle:RefreshInterval", "00:00:00.200")
            // A short drift window, so a test fills it with a few dozen predictions.
            .UseSetting("Monitoring:DriftWindow", "60")
            .UseSetting("Monitoring:DriftMinObservations", "40")
            .UseSetting("Monitoring:DriftSampleInterval", "00:00:00.250")
            .UseSetting("Operators:ApiKeyHashes:0", OperatorSecrets.HashKey(Key));
    }

    public HttpClient Operator() => KeyedClient(this, Key);
}
