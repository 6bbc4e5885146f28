using SharedImages = GenreBlazor.Tests.TestImages;
using GenreBlazor.Imaging.Tests.TestImages;

namespace GenreBlazor.Imaging.Tests;

/// <summary>Decoding loads SkiaSharp's own native library and no codec or font library of the system (decision 0030).</summary>
public class NativeDependencyTests
{
    [Fact]
    public void Decoding_a_jpeg_and_a_png_maps_skiasharp_and_no_system_image_or_font_library()
    {
        ImageDecoder.Decode(JpegWriter.Solid(16, 16, 1, 2, 3));
        ImageDecoder.Decode(SharedImages.BlackPng(16, 16));

        var libraries = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].Contains(".so", StringComparison.Ordinal))
            .Select(fields => Path.GetFileName(fields[5]))
            .Distinct()
            .ToList();

        Assert.Contains("libSkiaSharp.so", libraries);
        Assert.DoesNotContain(libraries, name => name.Contains("jpeg", StringComparison.OrdinalIgnoreCase)
            || name.Contains("libpng", StringComparison.OrdinalIgnoreCase)
            || name.Contains("fontconfig", StringComparison.OrdinalIgnoreCase)
            || name.Contains("freetype", StringComparison.OrdinalIgnoreCase));
    }
}
