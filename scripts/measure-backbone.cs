#:project ../src/GenreBlazor.Vision/GenreBlazor.Vision.csproj
#:property PublishAot=false
// Converts nsfwjs's MobileNetV2 to ONNX when the model is missing, then times it on ONNX Runtime.
//   dotnet run scripts/measure-backbone.cs [-- --threads 2 --runs 50 --reconvert]
// Prints the conversion report, then p50/p90 latency for one image and for a batch of 8.
using System.Diagnostics;
using GenreBlazor.OnnxRuntime;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Conversion;

var threads = Option("--threads", 2);
var runs = Option("--runs", 50);
var root = FindRoot();
var modelPath = Path.Combine(root, BackboneNames.DefaultOnnxPath);
if (!File.Exists(modelPath) || args.Contains("--reconvert"))
{
    var tfjsFolder = Path.Combine(root, BackboneNames.PackageCacheFolder, BackboneNames.ModelFolderInPackage);
    if (!File.Exists(Path.Combine(tfjsFolder, "model.min.js")))
    {
        Process.Start("bash", [Path.Combine(root, "scripts", "fetch-npm-package.sh"), BackboneNames.NpmPackage, BackboneNames.NpmVersion]).WaitForExit();
    }

    var watch = Stopwatch.StartNew();
    Console.WriteLine(BackboneConverter.Convert(tfjsFolder, modelPath));
    Console.WriteLine($"Converted in {watch.ElapsedMilliseconds} ms");
}

Console.WriteLine($"ONNX Runtime {OnnxSession.RuntimeVersion}, model {modelPath} ({new FileInfo(modelPath).Length:N0} bytes), intra-op threads {threads}, {runs} timed runs each");
using var backbone = PosterBackbone.Open(modelPath, new OnnxSessionOptions(IntraOpThreads: threads));
var random = new Random(1);
foreach (var batch in new[] { 1, 8 })
{
    var images = Enumerable.Range(0, batch * PosterBackbone.ImageValues).Select(_ => random.Next(256) / 255f).ToArray();
    for (var i = 0; i < 3; i++)
    {
        backbone.Run(images, batch);
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        backbone.Run(images, batch);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"batch {batch}: p50 {times[times.Count / 2]:F1} ms, p90 {times[(int)(times.Count * 0.9)]:F1} ms, min {times[0]:F1} ms ({times[times.Count / 2] / batch:F1} ms per image at p50)");
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

static string FindRoot()
{
    for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "GenreBlazor.sln")))
        {
            return folder.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run this from inside the GenreBlazor repository.");
}
