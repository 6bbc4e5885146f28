namespace GenreBlazor.Web.Serving;

/// <summary>Where the model bundle is and how its poster model runs (section <c>GenreModel</c> of appsettings.json).</summary>
public sealed class GenreModelOptions
{
    /// <summary>The bundle folder; a relative path is taken from the repository root, else from the app's folder.</summary>
    public string BundlePath { get; set; } = "models/default";

    /// <summary>How ONNX Runtime runs the poster backbone (section <c>GenreModel:Onnx</c>).</summary>
    public GenreBlazor.Vision.Backbone.OnnxRuntimeOptions Onnx { get; set; } = new();
}

/// <summary>Threshold profiles (section <c>Profiles</c>): kept in the store; these are the limits and the refresh.</summary>
public sealed class ProfileOptions
{
    /// <summary>
    /// A folder of profile files from an earlier release (<c>*.profile.json</c>, <c>active.json</c>), imported once into an
    /// empty store; relative paths are taken from the repository root, else from the app's folder.
    /// </summary>
    public string Directory { get; set; } = "data/profiles";

    /// <summary>How many profiles the server keeps at most.</summary>
    public int MaxProfiles { get; set; } = 200;

    /// <summary>The largest profile accepted, as JSON, in bytes.</summary>
    public int MaxProfileBytes { get; set; } = 16 * 1024;

    /// <summary>How often a replica checks whether another changed the active profile.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
