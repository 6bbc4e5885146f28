using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Vision.Tests.Posters;

public sealed class PosterFeatureCacheTests : IDisposable
{
    private const string Version = "poster-features/test;v1";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("genreblazor-cache-");

    private string CachePath => Path.Combine(_folder.FullName, "sub", "posters.features");

    private static byte[] Image(int seed) => [.. Enumerable.Range(0, 50).Select(i => (byte)(i * seed))];

    private static float[] Vector(float start) => [start, start + 0.5f, -start, float.Epsilon];

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Returns_what_was_stored_after_a_save_and_reopen()
    {
        var cache = PosterFeatureCache.Open(CachePath, Version, 4);
        cache.Add(Image(1), Vector(1));
        cache.Add(Image(2), Vector(2));
        cache.Save();

        var reopened = PosterFeatureCache.Open(CachePath, Version, 4);

        Assert.Equal(2, reopened.Count);
        Assert.Equal(Vector(1), reopened.Find(Image(1)));
        Assert.Equal(Vector(2), reopened.Find(Image(2)));
        Assert.Null(reopened.Find(Image(3)));
    }

    [Fact]
    public void The_key_is_the_sha256_of_the_bytes()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PosterFeatureCache.KeyOf("abc"u8));
    }

    [Fact]
    public void A_different_feature_version_or_width_misses()
    {
        var cache = PosterFeatureCache.Open(CachePath, Version, 4);
        cache.Add(Image(1), Vector(1));
        cache.Save();

        Assert.Null(PosterFeatureCache.Open(CachePath, Version + "-other", 4).Find(Image(1)));
        Assert.Equal(0, PosterFeatureCache.Open(CachePath, Version, 5).Count);
    }

    [Fact]
    public void A_truncated_file_keeps_its_complete_records_and_misses_the_cut_one()
    {
        var cache = PosterFeatureCache.Open(CachePath, Version, 4);
        cache.Add(Image(1), Vector(1));
        cache.Add(Image(2), Vector(2));
        cache.Save();
        var bytes = File.ReadAllBytes(CachePath);
        // Records are 32 + 4 × 4 = 48 bytes; cut the second one in half.
        File.WriteAllBytes(CachePath, bytes[..^24]);

        var reopened = PosterFeatureCache.Open(CachePath, Version, 4);

        Assert.Equal(1, reopened.Count);
        var kept = reopened.Find(Image(1)) is not null ? 1 : 2;
        Assert.Equal(Vector(kept), reopened.Find(Image(kept)));
        Assert.Null(reopened.Find(Image(3 - kept)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(13)]
    public void A_file_cut_inside_its_header_is_an_empty_cache(int length)
    {
        var cache = PosterFeatureCache.Open(CachePath, Version, 4);
        cache.Add(Image(1), Vector(1));
        cache.Save();
        File.WriteAllBytes(CachePath, File.ReadAllBytes(CachePath)[..length]);

        Assert.Equal(0, PosterFeatureCache.Open(CachePath, Version, 4).Count);
    }

    [Fact]
    public void Garbage_is_an_empty_cache_and_the_next_save_replaces_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllBytes(CachePath, [.. Enumerable.Repeat((byte)0xFF, 1000)]);

        var cache = PosterFeatureCache.Open(CachePath, Version, 4);
        Assert.Equal(0, cache.Count);
        cache.Add(Image(7), Vector(7));
        cache.Save();

        Assert.Equal(Vector(7), PosterFeatureCache.Open(CachePath, Version, 4).Find(Image(7)));
        Assert.Equal(["posters.features"], Directory.GetFiles(Path.GetDirectoryName(CachePath)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Found_vectors_are_copies()
    {
        var cache = PosterFeatureCache.Open(CachePath, Version, 4);
        cache.Add(Image(1), Vector(1));

        cache.Find(Image(1))![0] = 99;

        Assert.Equal(Vector(1), cache.Find(Image(1)));
    }

    [Fact]
    public void A_vector_of_the_wrong_width_is_refused()
    {
        var cache = PosterFeatureCache.Open(CachePath, Version, 4);

        Assert.Throws<ArgumentException>(() => cache.Add(Image(1), new float[3]));
    }
}
