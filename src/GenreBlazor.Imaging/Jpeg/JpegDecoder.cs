using System.Runtime.InteropServices;
using GenreBlazor.Imaging.Native;

namespace GenreBlazor.Imaging.Jpeg;

/// <summary>Decodes a JPEG to RGB through TurboJPEG, with a decompressor instance of its own per call.</summary>
internal static unsafe class JpegDecoder
{
    public static RgbImage Decode(ReadOnlySpan<byte> data, JpegStructure structure, int? targetMinSide)
    {
        using var decompressor = TurboJpegNative.InitDecompress();
        if (decompressor.IsInvalid)
        {
            throw new InvalidOperationException("tjInitDecompress failed: TurboJPEG could not create a decompressor.");
        }

        fixed (byte* jpeg = data)
        {
            var size = new CULong((nuint)data.Length);
            var headerResult = TurboJpegNative.DecompressHeader3(decompressor, jpeg, size, out var width, out var height, out _, out var colorspace);
            if (headerResult != 0 && TurboJpegNative.GetErrorCode(decompressor) != TurboJpegNative.ErrorWarning)
            {
                throw Failure(TurboJpegNative.LastError(decompressor), data, structure);
            }

            if (width != structure.Width || height != structure.Height)
            {
                throw new ImageDecodeException(ImageErrorKind.Corrupt,
                    $"The JPEG is corrupt: its frame header says {structure.Width} × {structure.Height} but the decoder read {width} × {height}.");
            }

            var scale = JpegScale.Choose(width, height, targetMinSide);
            int scaledWidth = scale.Apply(width), scaledHeight = scale.Apply(height);
            var isCmyk = colorspace is TurboJpegNative.ColorspaceCmyk or TurboJpegNative.ColorspaceYcck;
            var samples = new byte[checked(scaledWidth * scaledHeight * (isCmyk ? 4 : 3))];
            int result;
            fixed (byte* target = samples)
            {
                result = TurboJpegNative.Decompress2(decompressor, jpeg, size, target, scaledWidth, 0, scaledHeight,
                    isCmyk ? TurboJpegNative.PixelFormatCmyk : TurboJpegNative.PixelFormatRgb, TurboJpegNative.FlagLimitScans);
            }

            if (result != 0)
            {
                // libjpeg reports a cut-off file only as a warning and fills the missing rows with grey; see
                // docs/decisions/0016: a missing end-of-image marker is refused, any other warning is accepted.
                var isWarning = TurboJpegNative.GetErrorCode(decompressor) == TurboJpegNative.ErrorWarning;
                var message = TurboJpegNative.LastError(decompressor);
                if (!isWarning || !structure.HasEndOfImage(data))
                {
                    throw Failure(message, data, structure);
                }
            }

            var pixels = isCmyk ? CmykConversion.ToRgb(samples, inverted: structure.HasAdobeMarker) : samples;
            return new RgbImage(scaledWidth, scaledHeight, pixels).Orient(structure.Orientation);
        }
    }

    private static ImageDecodeException Failure(string libjpegMessage, ReadOnlySpan<byte> data, JpegStructure structure)
    {
        if (!structure.HasEndOfImage(data))
        {
            return new(ImageErrorKind.Truncated,
                $"The JPEG is truncated: the file ends ({data.Length:N0} bytes) before its image data does (libjpeg: {libjpegMessage}).");
        }

        var kind = libjpegMessage.Contains("Unsupported", StringComparison.OrdinalIgnoreCase)
            || libjpegMessage.Contains("not supported", StringComparison.OrdinalIgnoreCase)
            ? ImageErrorKind.Unsupported
            : ImageErrorKind.Corrupt;
        var what = kind == ImageErrorKind.Unsupported ? "uses a JPEG feature that is not supported" : "is corrupt";
        return new(kind, $"The JPEG {what} (libjpeg: {libjpegMessage}).");
    }
}
