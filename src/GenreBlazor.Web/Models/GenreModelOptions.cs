namespace GenreBlazor.Web.Models;

/// <summary>Where the model bundle is and how its poster model runs (section <c>GenreModel</c> of appsettings.json).</summary>
public sealed class GenreModelOptions
{
    /// <summary>The bundle folder; a relative path is taken from the repository root, else from the app's folder.</summary>
    public string BundlePath { get; set; } = "models/default";

    /// <summary>How ONNX Runtime runs the poster backbone (section <c>GenreModel:Onnx</c>).</summary>
    public GenreBlazor.Vision.Backbone.OnnxRuntimeOptions Onnx { get; set; } = new();
}

/// <summary>Input limits of the Classify page and the API (section <c>Classify</c>).</summary>
public sealed class ClassifyOptions
{
    /// <summary>Longest plot accepted, in characters.</summary>
    public int MaxPlotCharacters { get; set; } = 5000;

    /// <summary>Largest JSON request body of <c>POST /api/predict</c>, in bytes; larger gets 413.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Largest poster file accepted (API uploads and the page's file chooser), in bytes.</summary>
    public int MaxPosterBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest poster, in pixels (width × height), checked before decoding.</summary>
    public long MaxPosterPixels { get; set; } = 40_000_000;

    /// <summary>Longest poster side, in pixels, checked before decoding.</summary>
    public int MaxPosterSide { get; set; } = 12_000;

    /// <summary>
    /// Largest progressive JPEG or interlaced PNG poster, in pixels: such files are decoded through a whole-image
    /// buffer, not row by row (docs/decisions/0031).
    /// </summary>
    public long MaxMultiPassPosterPixels { get; set; } = 16_000_000;

    /// <summary>
    /// Posters decoded and scored at once on the server; further uploads wait for a slot (docs/decisions/0032).
    /// </summary>
    public int MaxConcurrentPosterDecodes { get; set; } = 2;

    /// <summary>How long an upload waits for a decode slot before it is refused with 503 and asked to retry.</summary>
    public TimeSpan PosterDecodeWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The image limits these options describe.</summary>
    public GenreBlazor.Imaging.ImageLimits PosterLimits => new(MaxPosterBytes, MaxPosterSide, MaxPosterSide, MaxPosterPixels, MaxMultiPassPosterPixels);
}

/// <summary>Where threshold profiles are kept (section <c>Profiles</c>).</summary>
public sealed class ProfileOptions
{
    /// <summary>The folder; relative paths are taken from the repository root, else from the app's folder.</summary>
    public string Directory { get; set; } = "data/profiles";
}
