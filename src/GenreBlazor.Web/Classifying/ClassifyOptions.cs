namespace GenreBlazor.Web.Classifying;

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
