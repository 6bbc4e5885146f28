using System.Runtime.InteropServices;

namespace GenreBlazor.Imaging.Tests.TestImages;

/// <summary>TurboJPEG pixel formats and subsampling modes used to build test JPEGs.</summary>
internal enum JpegPixels
{
    Rgb = 0,
    Gray = 6,
    Cmyk = 11,
}

public enum JpegSubsampling
{
    Full444 = 0,
    Half420 = 2,
    Gray = 3,
}

/// <summary>Builds test JPEGs in memory with TurboJPEG's own compressor (tjCompress2).</summary>
internal static unsafe partial class JpegEncoder
{
    private const string Library = "libturbojpeg.so.0";
    private const int FlagProgressive = 16384;

    public static byte[] Encode(byte[] samples, int width, int height, JpegPixels pixels = JpegPixels.Rgb,
        JpegSubsampling subsampling = JpegSubsampling.Full444, int quality = 95, bool progressive = false)
    {
        var compressor = InitCompress();
        Assert.NotEqual(IntPtr.Zero, compressor);
        try
        {
            byte* jpeg = null;
            CULong size = default;
            fixed (byte* source = samples)
            {
                var result = Compress2(compressor, source, width, 0, height, (int)pixels, &jpeg, &size,
                    (int)subsampling, quality, progressive ? FlagProgressive : 0);
                Assert.True(result == 0, "tjCompress2 failed");
            }

            try
            {
                return new ReadOnlySpan<byte>(jpeg, checked((int)size.Value)).ToArray();
            }
            finally
            {
                Free(jpeg);
            }
        }
        finally
        {
            _ = Destroy(compressor);
        }
    }

    /// <summary>Encodes an image whose every pixel is the same colour.</summary>
    public static byte[] Solid(int width, int height, byte r, byte g, byte b, JpegSubsampling subsampling = JpegSubsampling.Full444, int quality = 95) =>
        Encode(Samples.Solid(width, height, r, g, b), width, height, JpegPixels.Rgb, subsampling, quality);

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    private static partial IntPtr InitCompress();

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    private static partial int Compress2(IntPtr handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat,
        byte** jpegBuf, CULong* jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [LibraryImport(Library, EntryPoint = "tjFree")]
    private static partial void Free(byte* buffer);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    private static partial int Destroy(IntPtr handle);
}
