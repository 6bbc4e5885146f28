using GenreBlazor.OnnxRuntime;
using GenreBlazor.Vision.Conversion;

namespace GenreBlazor.Vision.Tests;

/// <summary>Converts nsfwjs's model once for the test class and opens it on ONNX Runtime.</summary>
public sealed class ConvertedBackbone : IDisposable
{
    private readonly Lazy<(BackboneConversionReport Report, OnnxSession Session)> _converted;

    public ConvertedBackbone()
    {
        Folder = Directory.CreateTempSubdirectory("genreblazor-backbone-").FullName;
        _converted = new(() =>
        {
            var report = BackboneConverter.Convert(RepositoryFiles.NsfwjsModelFolder, Path.Combine(Folder, "mobilenet_v2_mid.onnx"));
            return (report, OnnxSession.Open(report.OnnxPath, new OnnxSessionOptions(IntraOpThreads: 2)));
        });
    }

    public string Folder { get; }

    public BackboneConversionReport Report => _converted.Value.Report;

    public OnnxSession Session => _converted.Value.Session;

    public void Dispose()
    {
        if (_converted.IsValueCreated)
        {
            _converted.Value.Session.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
