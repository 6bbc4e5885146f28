using System.Runtime.InteropServices;

namespace GenreBlazor.Imaging.Native;

/// <summary>The parts of the TurboJPEG 2.x C API (turbojpeg.h) that decoding needs.</summary>
internal static unsafe partial class TurboJpegNative
{
    // TJPF: pixel formats.
    internal const int PixelFormatRgb = 0;
    internal const int PixelFormatCmyk = 11;

    // TJCS: JPEG colour spaces.
    internal const int ColorspaceCmyk = 3;
    internal const int ColorspaceYcck = 4;

    // TJFLAG: refuse progressive files with an absurd number of scans (a known CPU-exhaustion trick).
    internal const int FlagLimitScans = 32768;

    // TJERR: tjGetErrorCode results.
    internal const int ErrorWarning = 0;

    static TurboJpegNative() => NativeLibraries.EnsureResolverRegistered();

    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct ScalingFactor
    {
        public readonly int Numerator;
        public readonly int Denominator;
    }

    [LibraryImport(NativeLibraries.TurboJpegImport, EntryPoint = "tjInitDecompress")]
    internal static partial TurboJpegHandle InitDecompress();

    [LibraryImport(NativeLibraries.TurboJpegImport, EntryPoint = "tjDestroy")]
    internal static partial int Destroy(IntPtr handle);

    [LibraryImport(NativeLibraries.TurboJpegImport, EntryPoint = "tjDecompressHeader3")]
    internal static partial int DecompressHeader3(
        TurboJpegHandle handle, byte* jpegBuf, CULong jpegSize,
        out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

    [LibraryImport(NativeLibraries.TurboJpegImport, EntryPoint = "tjDecompress2")]
    internal static partial int Decompress2(
        TurboJpegHandle handle, byte* jpegBuf, CULong jpegSize, byte* dstBuf,
        int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(NativeLibraries.TurboJpegImport, EntryPoint = "tjGetScalingFactors")]
    internal static partial ScalingFactor* GetScalingFactors(out int numScalingFactors);

    [LibraryImport(NativeLibraries.TurboJpegImport, EntryPoint = "tjGetErrorStr2")]
    internal static partial IntPtr GetErrorStr2(TurboJpegHandle handle);

    [LibraryImport(NativeLibraries.TurboJpegImport, EntryPoint = "tjGetErrorCode")]
    internal static partial int GetErrorCode(TurboJpegHandle handle);

    /// <summary>The last error or first warning of this handle (the text lives in the library, copy it at once).</summary>
    internal static string LastError(TurboJpegHandle handle) =>
        Marshal.PtrToStringUTF8(GetErrorStr2(handle)) ?? "unknown TurboJPEG error";
}

/// <summary>A TurboJPEG decompressor instance; one per decode call, so concurrent requests never share one.</summary>
internal sealed class TurboJpegHandle : SafeHandle
{
    public TurboJpegHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => TurboJpegNative.Destroy(handle) == 0;
}
