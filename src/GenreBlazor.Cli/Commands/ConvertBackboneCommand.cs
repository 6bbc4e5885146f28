using System.CommandLine;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Conversion;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary><c>convert-backbone [--nsfwjs DIR] [--out FILE]</c>: the poster backbone from TF.js to ONNX with the project's converter.</summary>
internal static class ConvertBackboneCommand
{
    public static Command Create()
    {
        var source = new Option<DirectoryInfo?>("--nsfwjs") { Description = $"The TF.js model folder ({BackboneNames.ModelFolderInPackage} of {BackboneNames.NpmPackage}@{BackboneNames.NpmVersion}; default: fetched from npm)." };
        var output = new Option<FileInfo?>("--out") { Description = $"ONNX file to write (default: {BackboneNames.DefaultOnnxPath})." };
        var command = new Command("convert-backbone", "Convert nsfwjs's MobileNetV2 (TF.js graph model) to ONNX with the project's own converter.") { source, output };
        command.SetAction(result =>
        {
            var console = CommonOptions.ConsoleFor(json: false);
            return CommonOptions.Guard(console, () =>
            {
                var folder = result.GetValue(source)?.FullName
                    ?? Path.Combine(NpmPackages.Fetch(BackboneNames.NpmPackage, BackboneNames.NpmVersion, m => console.MarkupLine(Markup.Escape(m))), BackboneNames.ModelFolderInPackage);
                var target = result.GetValue(output)?.FullName ?? BackboneSource.CachePath;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var report = BackboneConverter.Convert(folder, target);
                console.WriteLine(report.ToString());
                return 0;
            });
        });
        return command;
    }
}
