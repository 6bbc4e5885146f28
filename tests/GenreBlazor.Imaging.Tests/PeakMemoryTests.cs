using SharedImages = GenreBlazor.Tests.TestImages;

namespace GenreBlazor.Imaging.Tests;

/// <summary>The resident memory a decode adds at its peak, measured by the kernel in a child process (decision 0031).</summary>
public sealed class PeakMemoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("genreblazor-memory-").FullName;

    [Fact]
    public void A_6000_by_6000_png_decoded_for_a_224_pixel_model_stays_within_a_small_bound()
    {
        var path = Write("bomb.png", SharedImages.BlackPng(6000, 6000));

        var scaled = DecodeMemoryProbe.Run(path, targetMinSide: 224);
        // The same file decoded at full size holds 6000 × 6000 × 3 bytes of output alone: the probe must see that.
        var full = DecodeMemoryProbe.Run(path, targetMinSide: null);

        Assert.Equal((224, 224), (scaled.Width, scaled.Height));
        Assert.Equal((6000, 6000), (full.Width, full.Height));
        Assert.InRange(full.GrowthMegabytes, 6000.0 * 6000 * 3 / (1 << 20), double.MaxValue);
        Assert.InRange(scaled.GrowthMegabytes, double.MinValue, 32);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
