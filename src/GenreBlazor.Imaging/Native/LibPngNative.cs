using System.Runtime.InteropServices;
using System.Text;

namespace GenreBlazor.Imaging.Native;

/// <summary>libpng 1.6's simplified read API (png.h, section 5).</summary>
internal static unsafe partial class LibPngNative
{
    internal const uint ImageVersion = 1; // PNG_IMAGE_VERSION

    internal const uint FormatFlagAlpha = 0x01; // PNG_FORMAT_FLAG_ALPHA
    internal const uint FormatRgb = 0x02;       // PNG_FORMAT_RGB
    internal const uint FormatRgba = 0x03;      // PNG_FORMAT_RGBA

    // Without it libpng takes untagged 16-bit samples as linear light, which brightens ordinary 16-bit files.
    internal const uint ImageFlag16BitSrgb = 0x04; // PNG_IMAGE_FLAG_16BIT_sRGB

    static LibPngNative() => NativeLibraries.EnsureResolverRegistered();

    [LibraryImport(NativeLibraries.PngImport, EntryPoint = "png_image_begin_read_from_memory")]
    internal static partial int ImageBeginReadFromMemory(PngImage* image, byte* memory, nuint size);

    [LibraryImport(NativeLibraries.PngImport, EntryPoint = "png_image_finish_read")]
    internal static partial int ImageFinishRead(PngImage* image, void* background, byte* buffer, int rowStride, void* colormap);

    [LibraryImport(NativeLibraries.PngImport, EntryPoint = "png_image_free")]
    internal static partial void ImageFree(PngImage* image);
}

/// <summary>
/// png.h's <c>png_image</c>: a pointer, seven 32-bit fields and a 64-byte message, 104 bytes on 64-bit Linux
/// (checked against the header with offsetof: version@8, width@12, format@20, flags@24, warning_or_error@32, message@36).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PngImage
{
    public IntPtr Opaque;
    public uint Version;
    public uint Width;
    public uint Height;
    public uint Format;
    public uint Flags;
    public uint ColormapEntries;
    public uint WarningOrError;
    public fixed byte Message[64];

    public readonly bool Failed => (WarningOrError & 0x03) > 1;

    public readonly string MessageText()
    {
        fixed (byte* text = Message)
        {
            var span = new ReadOnlySpan<byte>(text, 64);
            var end = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }
    }
}
