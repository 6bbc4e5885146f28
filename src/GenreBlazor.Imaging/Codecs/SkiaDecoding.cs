using System.Buffers;
using GenreBlazor.Imaging.Resampling;
using SkiaSharp;

namespace GenreBlazor.Imaging.Codecs;

/// <summary>
/// Pixels through Skia's codecs (libjpeg-turbo and libpng, linked into SkiaSharp's native library). A JPEG is read
/// by scanline at the smallest DCT scale that still covers the target size, a PNG in bands of rows (Skia decodes PNG
/// incrementally, not by scanline, but decodes a band of rows on request); every row is composited onto white and fed
/// to a <see cref="RowResampler"/>. So the full-size image never exists when the caller asked for a smaller one, and
/// at most <c>bandBytes</c> of decoded rows are held at once (decision 0031).
/// </summary>
internal static unsafe class SkiaDecoding
{
    /// <summary>Decoded RGBA rows held at once: one PNG band, or one batch of JPEG scanlines.</summary>
    public const int DefaultBandBytes = 16 << 20;

    private const int RgbaBytes = 4;

    // A pool of its own: the shared pool would keep a band in every request thread's cache, so resident memory would
    // follow the thread count; this one keeps at most four bands per size, whatever the threads.
    private static readonly ArrayPool<byte> Bands = ArrayPool<byte>.Create(DefaultBandBytes, maxArraysPerBucket: 4);

    public static ImageHeader ReadHeader(ReadOnlySpan<byte> encoded, EncodedFrame frame)
    {
        fixed (byte* bytes = encoded)
        {
            using var codec = Open(bytes, encoded.Length, frame);
            return UprightHeader(codec, frame);
        }
    }

    public static DecodePlan Plan(ReadOnlySpan<byte> encoded, EncodedFrame frame, int? targetMinSide)
    {
        fixed (byte* bytes = encoded)
        {
            using var codec = Open(bytes, encoded.Length, frame);
            return DecodePlan.For(codec, targetMinSide);
        }
    }

    public static RgbImage Decode(ReadOnlySpan<byte> encoded, EncodedFrame frame, ImageLimits limits, int? targetMinSide, int bandBytes)
    {
        fixed (byte* bytes = encoded)
        {
            using var codec = Open(bytes, encoded.Length, frame);
            limits.EnsureDimensionsAllowed(UprightHeader(codec, frame));
            var plan = DecodePlan.For(codec, targetMinSide);
            var rows = new RowTarget(plan);
            if (frame.Format == ImageFormat.Jpeg)
            {
                DecodeScanlines(codec, plan.Decoded, rows, bandBytes, frame, encoded);
            }
            else
            {
                DecodeBands(codec, rows, bandBytes, encoded.Length);
            }

            return new RgbImage(plan.Output.Width, plan.Output.Height, rows.Result()).Orient(Orientation(codec));
        }
    }

    // The bytes are wrapped, not copied: the codec is disposed before the caller's fixed block unpins them.
    private static SKCodec Open(byte* bytes, int length, EncodedFrame frame)
    {
        SKCodec? codec;
        SKCodecResult result;
        using (var data = SKData.Create((IntPtr)bytes, length))
        {
            // The codec takes ownership of the stream, and deletes it when it cannot be created.
            codec = SKCodec.Create(new SKMemoryStream(data), out result);
        }

        if (codec is null)
        {
            throw result switch
            {
                SKCodecResult.IncompleteInput => new ImageDecodeException(ImageErrorKind.Truncated,
                    $"The {frame.FormatName} is truncated: the file ends ({length:N0} bytes) inside its headers."),
                SKCodecResult.Unimplemented => new ImageDecodeException(ImageErrorKind.Unsupported,
                    $"The {frame.FormatName} uses a feature that is not supported (Skia: {result})."),
                _ => new ImageDecodeException(ImageErrorKind.Corrupt,
                    $"The {frame.FormatName} is corrupt: its headers cannot be read (Skia: {result})."),
            };
        }

        if (codec.Info.Width != frame.Width || codec.Info.Height != frame.Height)
        {
            codec.Dispose();
            throw new ImageDecodeException(ImageErrorKind.Corrupt,
                $"The {frame.FormatName} is corrupt: its header says {frame.Width} × {frame.Height} but the decoder read {codec.Info.Width} × {codec.Info.Height}.");
        }

        return codec;
    }

    private static ExifOrientation Orientation(SKCodec codec)
    {
        // SKEncodedOrigin numbers its values as the EXIF tag does.
        var origin = (int)codec.EncodedOrigin;
        return origin is >= 1 and <= 8 ? (ExifOrientation)origin : ExifOrientation.Normal;
    }

    private static ImageHeader UprightHeader(SKCodec codec, EncodedFrame frame) => Orientation(codec).SwapsAxes()
        ? new ImageHeader(frame.Format, frame.Height, frame.Width)
        : new ImageHeader(frame.Format, frame.Width, frame.Height);

    private static void DecodeScanlines(SKCodec codec, SKSizeI size, RowTarget rows, int bandBytes, EncodedFrame frame, ReadOnlySpan<byte> encoded)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var started = codec.StartScanlineDecode(info);
        if (started != SKCodecResult.Success)
        {
            throw JpegFailure(frame, encoded, 0, size.Height, started);
        }

        var batch = Math.Clamp(bandBytes / info.RowBytes, 1, size.Height);
        var buffer = Bands.Rent(batch * info.RowBytes);
        try
        {
            fixed (byte* pixels = buffer)
            {
                for (var top = 0; top < size.Height; top += batch)
                {
                    var count = Math.Min(batch, size.Height - top);
                    var decoded = codec.GetScanlines((IntPtr)pixels, count, info.RowBytes);
                    if (decoded < count)
                    {
                        throw JpegFailure(frame, encoded, top + Math.Max(decoded, 0), size.Height, null);
                    }

                    rows.AddRgba(buffer.AsSpan(0, count * info.RowBytes), info.RowBytes, hasAlpha: false);
                }
            }
        }
        finally
        {
            Bands.Return(buffer);
        }
    }

    private static void DecodeBands(SKCodec codec, RowTarget rows, int bandBytes, int encodedLength)
    {
        var hasAlpha = codec.Info.AlphaType != SKAlphaType.Opaque;
        // Unpremultiplied, so that compositing onto white is computed exactly as decision 0030 says.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, hasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        var bandRows = Math.Clamp(bandBytes / info.RowBytes, 1, info.Height);
        var buffer = Bands.Rent(bandRows * info.RowBytes);
        try
        {
            fixed (byte* pixels = buffer)
            {
                for (var top = 0; top < info.Height; top += bandRows)
                {
                    // Each band restarts the decoder, which inflates the rows above it again without writing them.
                    var count = Math.Min(bandRows, info.Height - top);
                    var options = count == info.Height ? SKCodecOptions.Default : new SKCodecOptions(new SKRectI(0, top, info.Width, top + count));
                    var result = codec.StartIncrementalDecode(info, (IntPtr)pixels, info.RowBytes, options);
                    var decoded = 0;
                    if (result == SKCodecResult.Success)
                    {
                        result = codec.IncrementalDecode(out decoded);
                    }

                    if (result != SKCodecResult.Success)
                    {
                        throw PngFailure(result, top + decoded, info.Height, encodedLength);
                    }

                    rows.AddRgba(buffer.AsSpan(0, count * info.RowBytes), info.RowBytes, hasAlpha);
                }
            }
        }
        finally
        {
            Bands.Return(buffer);
        }
    }

    private static ImageDecodeException JpegFailure(EncodedFrame frame, ReadOnlySpan<byte> encoded, int row, int height, SKCodecResult? result)
    {
        // Skia stops early both on a cut-off file and on a fatal libjpeg error; the end-of-image marker tells them apart.
        var skia = result is { } r ? $" (Skia: {r})" : "";
        return frame.HasEndOfImage(encoded)
            ? new(ImageErrorKind.Corrupt, $"The JPEG is corrupt: its image data cannot be decoded past row {row:N0} of {height:N0}{skia}.")
            : new(ImageErrorKind.Truncated,
                $"The JPEG is truncated: the file ends ({encoded.Length:N0} bytes) before its image data does ({row:N0} of {height:N0} rows decoded){skia}.");
    }

    private static ImageDecodeException PngFailure(SKCodecResult result, int row, int height, int encodedLength) => result switch
    {
        SKCodecResult.IncompleteInput => new(ImageErrorKind.Truncated,
            $"The PNG is truncated: the file ends ({encodedLength:N0} bytes) before its image data does ({row:N0} of {height:N0} rows decoded)."),
        SKCodecResult.Unimplemented or SKCodecResult.InvalidConversion => new(ImageErrorKind.Unsupported,
            $"The PNG uses a feature that is not supported (Skia: {result})."),
        _ => new(ImageErrorKind.Corrupt, $"The PNG is corrupt: its image data is damaged (decoding stopped at row {row:N0} of {height:N0}; Skia: {result})."),
    };

    /// <summary>
    /// Where RGB rows go: straight into the output when the decoded size is the output size, else through a
    /// <see cref="RowResampler"/> one row at a time.
    /// </summary>
    private sealed class RowTarget
    {
        private readonly int width;
        private readonly RowResampler? resampler;
        private readonly byte[] pixels;
        private int row;

        public RowTarget(DecodePlan plan)
        {
            width = plan.Decoded.Width;
            if (plan.Decoded == plan.Output)
            {
                pixels = new byte[checked(plan.Output.Width * plan.Output.Height * 3)];
            }
            else
            {
                resampler = new RowResampler(plan.Decoded.Width, plan.Decoded.Height, plan.Output.Width, plan.Output.Height);
                pixels = new byte[width * 3];
            }
        }

        public void AddRgba(ReadOnlySpan<byte> rgbaRows, int rowBytes, bool hasAlpha)
        {
            for (var offset = 0; offset < rgbaRows.Length; offset += rowBytes, row++)
            {
                var rgba = rgbaRows.Slice(offset, width * RgbaBytes);
                if (resampler is null)
                {
                    ToRgb(rgba, pixels.AsSpan(row * width * 3, width * 3), hasAlpha);
                }
                else if (hasAlpha)
                {
                    ToRgb(rgba, pixels, hasAlpha);
                    resampler.Add(pixels);
                }
                else
                {
                    resampler.Add(rgba, RgbaBytes); // the resampler skips the opaque alpha byte itself
                }
            }
        }

        public byte[] Result() => resampler?.Result() ?? pixels;

        // Transparency is flattened onto white in sRGB space, out = c·a + 255·(1 − a): what a browser shows for the
        // poster on a white page (decision 0030).
        private static void ToRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb, bool hasAlpha)
        {
            for (int source = 0, target = 0; source < rgba.Length; source += RgbaBytes, target += 3)
            {
                if (!hasAlpha)
                {
                    rgb[target] = rgba[source];
                    rgb[target + 1] = rgba[source + 1];
                    rgb[target + 2] = rgba[source + 2];
                    continue;
                }

                int alpha = rgba[source + 3], background = 255 * (255 - alpha);
                rgb[target] = Blend(rgba[source], alpha, background);
                rgb[target + 1] = Blend(rgba[source + 1], alpha, background);
                rgb[target + 2] = Blend(rgba[source + 2], alpha, background);
            }
        }

        private static byte Blend(int colour, int alpha, int background) => (byte)(((colour * alpha) + background + 127) / 255);
    }
}

/// <param name="Decoded">Full size, or for a JPEG the DCT-scaled size (n/8) the codec produces directly.</param>
/// <param name="Output">The returned size, before orientation: shorter side equal to the target when the image is larger.</param>
internal readonly record struct DecodePlan(SKSizeI Decoded, SKSizeI Output)
{
    public static DecodePlan For(SKCodec codec, int? targetMinSide)
    {
        var full = codec.Info.Size;
        if (targetMinSide is not { } target || target <= 0 || Math.Min(full.Width, full.Height) <= target)
        {
            return new DecodePlan(full, full);
        }

        var decoded = full;
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
        {
            // libjpeg-turbo scales by n/8 inside the inverse DCT: 1/8 of a block is its exact mean, and much faster.
            for (var eighths = 1; eighths < 8; eighths++)
            {
                var scaled = codec.GetScaledDimensions(eighths / 8f);
                if (Math.Min(scaled.Width, scaled.Height) >= target)
                {
                    decoded = scaled;
                    break;
                }
            }
        }

        return new DecodePlan(decoded, ShorterSideTo(decoded, target));
    }

    private static SKSizeI ShorterSideTo(SKSizeI size, int side)
    {
        var shorter = Math.Min(size.Width, size.Height);
        var longer = (int)Math.Round((double)Math.Max(size.Width, size.Height) * side / shorter, MidpointRounding.AwayFromZero);
        return size.Width <= size.Height ? new SKSizeI(side, longer) : new SKSizeI(longer, side);
    }
}
