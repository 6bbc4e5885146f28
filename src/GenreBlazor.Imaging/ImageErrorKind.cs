namespace GenreBlazor.Imaging;

/// <summary>Why an upload could not be turned into pixels; lets an HTTP API pick 400/413/415 without parsing text.</summary>
public enum ImageErrorKind
{
    Empty,

    /// <summary>Not an image at all (HTML, text, JSON, PDF, unknown binary data).</summary>
    NotAnImage,

    /// <summary>An image format other than JPEG or PNG (GIF, WebP, BMP, TIFF, HEIC, AVIF, SVG…).</summary>
    Unsupported,

    Truncated,

    /// <summary>More encoded bytes, or more pixels, than <see cref="ImageLimits"/> allows.</summary>
    TooLarge,

    /// <summary>A JPEG or PNG whose contents the decoder rejects.</summary>
    Corrupt,

    /// <summary>
    /// Not a fault of the image: every decode slot stayed busy for longer than the caller was willing to wait
    /// (<see cref="ImageDecodeLimiter"/>). Sending the same file again later may succeed.
    /// </summary>
    Busy,
}

/// <summary>An encoded image that was refused, with a message meant for the person who uploaded it.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(ImageErrorKind kind, string message)
        : base(message) => Kind = kind;

    public ImageDecodeException(ImageErrorKind kind, string message, Exception? innerException)
        : base(message, innerException) => Kind = kind;

    public ImageErrorKind Kind { get; }
}
