namespace GenreBlazor.Imaging;

/// <summary>
/// The EXIF orientation tag (0x0112): how the stored pixels must be turned to stand upright. Phones store
/// portrait photos sideways and set this tag; browsers honour it, so the server does too.
/// </summary>
public enum ExifOrientation
{
    Normal = 1,

    FlipHorizontal = 2,

    Rotate180 = 3,

    FlipVertical = 4,

    /// <summary>Mirrored across the top-left to bottom-right diagonal.</summary>
    Transpose = 5,

    /// <summary>Must be turned 90° clockwise.</summary>
    Rotate90Clockwise = 6,

    /// <summary>Mirrored across the top-right to bottom-left diagonal.</summary>
    Transverse = 7,

    /// <summary>Must be turned 90° anticlockwise.</summary>
    Rotate90Anticlockwise = 8,
}

internal static class ExifOrientationExtensions
{
    /// <summary>Whether the upright image has width and height exchanged relative to the stored one.</summary>
    public static bool SwapsAxes(this ExifOrientation orientation) => orientation >= ExifOrientation.Transpose;
}
