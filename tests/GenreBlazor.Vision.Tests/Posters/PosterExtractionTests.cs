using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Conversion;
using GenreBlazor.Vision.Posters;

namespace GenreBlazor.Vision.Tests.Posters;

/// <summary>The shared poster data beside the repository (../shared/data), read-only.</summary>
internal static class SharedPosters
{
    public static string Folder => Path.GetFullPath(Path.Combine(RepositoryFiles.Root, "..", "shared", "data", "posters"));

    public static IReadOnlyList<string> First(int count) =>
        Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.jpg").Order(StringComparer.Ordinal).Take(count).ToList() : [];
}

/// <summary>A fact skipped, saying what is missing, when nsfwjs's model or the shared posters are absent.</summary>
public sealed class PosterDataFactAttribute : FactAttribute
{
    public PosterDataFactAttribute()
    {
        if (!RepositoryFiles.NsfwjsModelPresent)
        {
            Skip = $"nsfwjs's model is missing at {RepositoryFiles.NsfwjsModelFolder}; run scripts/fetch-npm-package.sh nsfwjs 4.3.0.";
        }
        else if (SharedPosters.First(3).Count < 3)
        {
            Skip = $"The shared posters are missing at {SharedPosters.Folder} (../shared/data/posters beside the repository).";
        }
    }
}

/// <summary>Converts the backbone once into a temporary folder and opens a feature extractor on it.</summary>
public sealed class ExtractorFixture : IDisposable
{
    private readonly Lazy<PosterFeatureExtractor> _extractor;

    public ExtractorFixture()
    {
        Folder = Directory.CreateTempSubdirectory("genreblazor-posters-").FullName;
        _extractor = new(() =>
        {
            var report = BackboneConverter.Convert(RepositoryFiles.NsfwjsModelFolder, Path.Combine(Folder, "mobilenet_v2_mid.onnx"));
            return PosterFeatureExtractor.Open(report.OnnxPath);
        });
    }

    public string Folder { get; }

    public PosterFeatureExtractor Extractor => _extractor.Value;

    public void Dispose()
    {
        if (_extractor.IsValueCreated)
        {
            _extractor.Value.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class PosterExtractionTests(ExtractorFixture fixture) : IClassFixture<ExtractorFixture>
{
    [PosterDataFact]
    public void A_real_poster_gives_a_finite_vector_of_the_declared_layout()
    {
        var extractor = fixture.Extractor;
        var bytes = File.ReadAllBytes(SharedPosters.First(1)[0]);

        var features = extractor.Extract(bytes);

        Assert.Equal(2469, extractor.Layout.Width);
        Assert.Equal(extractor.Layout.Width, features.Values.Length);
        Assert.All(features.Values, value => Assert.True(float.IsFinite(value)));
        // The penultimate layer averages ReLU6 outputs: its signed square roots are in [0, √6].
        Assert.All(features.Block(BackboneNames.Features).ToArray(), value => Assert.InRange(value, 0f, MathF.Sqrt(6f)));
        // Square roots of averaged softmax outputs: their squares sum to 1.
        var probabilities = features.Block(BackboneNames.Probabilities).ToArray();
        Assert.Equal(1.0, probabilities.Sum(value => (double)value * value), 4);
        var full = PosterCrops.Make(ImageDecoder.Decode(bytes), PosterCrop.Full);
        Assert.Equal(PosterColourStatistics.Compute(full), features.Block(PosterFeatureRecipe.ColourBlock).ToArray());
    }

    [PosterDataFact]
    public void Bytes_and_decoded_pixels_give_the_same_vector()
    {
        var bytes = File.ReadAllBytes(SharedPosters.First(2)[1]);

        var fromBytes = fixture.Extractor.Extract(bytes);
        var fromPixels = fixture.Extractor.Extract(ImageDecoder.Decode(bytes));

        Assert.Equal(fromBytes.Values, fromPixels.Values);
    }

    [PosterDataFact]
    public void The_feature_version_names_the_backbone_file_and_the_recipe()
    {
        var version = fixture.Extractor.FeatureVersion;

        Assert.StartsWith($"poster-features/{PosterFeatureExtractor.CodeVersion};backbone=nsfwjs@4.3.0/mobilenet_v2_mid#", version);
        Assert.EndsWith(PosterFeatureRecipe.Default.Describe(), version);
    }

    [PosterDataFact]
    public void A_batch_fills_the_cache_and_a_second_batch_reads_it_back()
    {
        var extractor = fixture.Extractor;
        var broken = Path.Combine(fixture.Folder, "broken.jpg");
        File.WriteAllBytes(broken, [0xFF, 0xD8, 0xFF, 0x00, 0x01]);
        var paths = SharedPosters.First(3).Append(broken).ToList();
        var cachePath = Path.Combine(fixture.Folder, "cache", "posters.features");
        var reported = new List<int>();

        var first = new PosterBatchExtraction(extractor, PosterFeatureCache.Open(cachePath, extractor.FeatureVersion, extractor.Layout.Width))
            .Run(paths, new SynchronousProgress(reported));
        var second = new PosterBatchExtraction(extractor, PosterFeatureCache.Open(cachePath, extractor.FeatureVersion, extractor.Layout.Width))
            .Run(paths);

        Assert.Equal((3, 0, 1), (first.Computed, first.CacheHits, first.Failed));
        Assert.Equal((0, 3, 1), (second.Computed, second.CacheHits, second.Failed));
        Assert.Equal([1, 2, 3, 4], reported.Order());
        Assert.NotNull(first.Results[3].Error);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(paths[i], second.Results[i].Path);
            Assert.True(second.Results[i].FromCache);
            Assert.Equal(first.Results[i].Features!.Values, second.Results[i].Features!.Values);
        }
    }

    private sealed class SynchronousProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reported)
            {
                reported.Add(value);
            }
        }
    }
}
