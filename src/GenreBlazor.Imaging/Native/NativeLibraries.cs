using System.Reflection;
using System.Runtime.InteropServices;

namespace GenreBlazor.Imaging.Native;

/// <summary>A native library by its logical import name, the file names to try and the Debian package that ships it.</summary>
internal sealed record NativeLibraryInfo(string ImportName, string Description, string DebianPackage, IReadOnlyList<string> FileNames);

/// <summary>
/// Maps the logical import names used by the P/Invoke declarations to Debian's sonames, and turns a missing
/// library into a message that says which package to install.
/// </summary>
internal static class NativeLibraries
{
    internal const string TurboJpegImport = "turbojpeg";
    internal const string PngImport = "png16";

    internal static readonly NativeLibraryInfo TurboJpeg = new(
        TurboJpegImport, "libturbojpeg (the TurboJPEG API of libjpeg-turbo)", "libturbojpeg0",
        ["libturbojpeg.so.0", "libturbojpeg.so", "turbojpeg"]);

    internal static readonly NativeLibraryInfo Png = new(
        PngImport, "libpng 1.6", "libpng16-16",
        ["libpng16.so.16", "libpng16.so", "png16"]);

    // A static constructor runs exactly once, before any other thread can see the type: the resolver is
    // registered before the first P/Invoke of either binding, without a lock of our own.
    static NativeLibraries() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    /// <summary>Touch the type so that its static constructor has registered the resolver.</summary>
    internal static void EnsureResolverRegistered()
    {
    }

    private static IntPtr Resolve(string importName, Assembly assembly, DllImportSearchPath? searchPath) => importName switch
    {
        TurboJpegImport => Load(TurboJpeg),
        PngImport => Load(Png),
        _ => IntPtr.Zero,
    };

    /// <summary>Loads the first file name that the system loader finds, or throws a message naming the Debian package.</summary>
    internal static IntPtr Load(NativeLibraryInfo library)
    {
        foreach (var fileName in library.FileNames)
        {
            if (NativeLibrary.TryLoad(fileName, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"{library.Description} could not be loaded (tried {string.Join(", ", library.FileNames)}). " +
            $"Install the Debian package {library.DebianPackage}: apt-get install -y {library.DebianPackage}");
    }
}
