using GenreBlazor.Imaging.Native;

namespace GenreBlazor.Imaging.Tests;

public class NativeLibrariesTests
{
    [Fact]
    public void A_missing_turbojpeg_names_the_debian_package_to_install()
    {
        var missing = NativeLibraries.TurboJpeg with { FileNames = ["libturbojpeg-absent.so.0"] };

        var error = Assert.Throws<DllNotFoundException>(() => NativeLibraries.Load(missing));

        Assert.Contains("install the Debian package libturbojpeg0", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("libturbojpeg-absent.so.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_debian_sonames_load_on_this_machine()
    {
        Assert.NotEqual(IntPtr.Zero, NativeLibraries.Load(NativeLibraries.TurboJpeg));
        Assert.NotEqual(IntPtr.Zero, NativeLibraries.Load(NativeLibraries.Png));
    }
}
