namespace GenreBlazor.Web.Serving;

/// <summary>Where the model bundle is and how its poster model runs (section <c>GenreModel</c> of appsettings.json).</summary>
public sealed class GenreModelOptions
{
    /// <summary>The bundle folder; a relative path is taken from the repository root, else from the app's folder.</summary>
    public string BundlePath { get; set; } = "models/default";

    /// <summary>How ONNX Runtime runs the poster backbone (section <c>GenreModel:Onnx</c>).</summary>
    public GenreBlazor.Vision.Backbone.OnnxRuntimeOptions Onnx { get; set; } = new();
}

/// <summary>Where threshold profiles are kept (section <c>Profiles</c>).</summary>
public sealed class ProfileOptions
{
    /// <summary>The folder; relative paths are taken from the repository root, else from the app's folder.</summary>
    public string Directory { get; set; } = "data/profiles";
}
