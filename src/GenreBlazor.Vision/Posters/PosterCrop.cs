using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Posters;

/// <summary>One view of a poster that the backbone looks at.</summary>
public enum PosterCrop
{
    /// <summary>The whole poster squashed to 224 × 224 (aspect ratio not kept).</summary>
    Full,

    /// <summary>The largest square at the top (a portrait poster's title and faces are often there).</summary>
    Top,

    /// <summary>The largest square in the middle.</summary>
    Centre,

    /// <summary>The largest square at the bottom (credits block, tagline).</summary>
    Bottom,

    /// <summary>The whole poster squashed to 224 × 224, mirrored left to right.</summary>
    FullMirrored,
}

/// <summary>Makes the backbone-sized views of a poster.</summary>
public static class PosterCrops
{
    /// <summary>The view <paramref name="crop"/> of <paramref name="poster"/>, 224 × 224.</summary>
    public static RgbImage Make(RgbImage poster, PosterCrop crop)
    {
        ArgumentNullException.ThrowIfNull(poster);
        const int side = PosterBackbone.ImageSize;
        return crop switch
        {
            PosterCrop.Full => poster.Resize(side, side),
            PosterCrop.Top => poster.CropSquare(SquareAnchor.Start).Resize(side, side),
            PosterCrop.Centre => poster.CropSquare(SquareAnchor.Centre).Resize(side, side),
            PosterCrop.Bottom => poster.CropSquare(SquareAnchor.End).Resize(side, side),
            PosterCrop.FullMirrored => Mirror(poster.Resize(side, side)),
            _ => throw new ArgumentOutOfRangeException(nameof(crop), crop, null),
        };
    }

    public static RgbImage Mirror(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var source = image.Pixels;
        var pixels = new byte[source.Length];
        var rowLength = image.Width * 3;
        for (var y = 0; y < image.Height; y++)
        {
            var row = y * rowLength;
            for (var x = 0; x < image.Width; x++)
            {
                var from = row + ((image.Width - 1 - x) * 3);
                var to = row + (x * 3);
                pixels[to] = source[from];
                pixels[to + 1] = source[from + 1];
                pixels[to + 2] = source[from + 2];
            }
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }
}
