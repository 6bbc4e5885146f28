#:project ../src/GenreBlazor.Vision/GenreBlazor.Vision.csproj
#:property PublishAot=false
// Trains the production poster head (PosterHeadTrainer) on many feature recipes and head settings over the same
// split, reading every crop's backbone activations from the crop cache that `train --posters` fills (computing and
// adding the missing ones), and prints one markdown row per variant: held-out test figures and out-of-fold ones.
//   dotnet run -c Release scripts/compare-poster-recipes.cs [-- --posters ../shared/data/posters.csv --cache .cache/features --only "name;name"]
using GenreBlazor.Core.Data;
using GenreBlazor.Core.Genres;
using GenreBlazor.Core.Metrics;
using GenreBlazor.Core.TextModel;
using GenreBlazor.Imaging;
using GenreBlazor.Vision.Backbone;
using GenreBlazor.Vision.Posters;
using GenreBlazor.Vision.Posters.Head;

var root = FindRoot();
var postersCsv = Option("--posters") ?? Path.Combine(root, "..", "shared", "data", "posters.csv");
var cacheFolder = Option("--cache") ?? Path.Combine(root, ".cache", "features");
var posters = PosterCsvReader.Read(postersCsv).Posters;
using var backbone = ResNet18Backbone.Open(OnnxRuntimeOptions.Batch);
var cropVersion = new PosterFeatureExtractor(backbone).CropVersion;
var cache = PosterFeatureCache.Open(PosterFeatureCache.DefaultPath(cacheFolder, cropVersion), cropVersion, backbone.Width);
PosterCrop[] crops = [PosterCrop.Full, PosterCrop.FullMirrored];

// Every poster once: its crops' activations and its colour statistics.
var activations = new Dictionary<PosterCrop, float[]>?[posters.Count];
var colour = new float[posters.Count][];
Parallel.For(0, posters.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
{
    var bytes = File.ReadAllBytes(posters[i].File);
    RgbImage image;
    try
    {
        image = ImageDecoder.Decode(bytes, targetMinSide: PosterBackbone.ImageSize);
    }
    catch (ImageDecodeException)
    {
        return;
    }
    var key = PosterFeatureCache.KeyOf(bytes);
    activations[i] = crops.ToDictionary(crop => crop, crop => cache.FindByKey(PosterFeatureCache.KeyOf(key, crop)) ?? backbone.Run(PosterCrops.Make(image, crop)));
    colour[i] = PosterColourStatistics.Compute(PosterCrops.Make(image, PosterCrop.Full));
});
var usable = Enumerable.Range(0, posters.Count).Where(i => activations[i] is not null).ToList();
var training = usable.Where(i => DatasetSplit.PartOf(posters[i].ImdbId) != SplitPart.Test).ToList();
var testing = usable.Where(i => DatasetSplit.PartOf(posters[i].ImdbId) == SplitPart.Test).ToList();
Console.Error.WriteLine($"{usable.Count} posters: {training.Count} train + validation, {testing.Count} test");

var network = new PosterMlpOptions();
// Each variant changes one or two settings of the default (Full + FullMirrored, input dropout 0.4; decision 0038).
(string Name, PosterFeatureRecipe Recipe, PosterHeadOptions Head)[] variants =
[
    ("default", PosterFeatureRecipe.Default, new()),
    ("Full only", PosterFeatureRecipe.Default with { Crops = [PosterCrop.Full] }, new()),
    ("Full only, input dropout 0.2", PosterFeatureRecipe.Default with { Crops = [PosterCrop.Full] }, new(network with { InputDropout = 0.2f })),
    ("input dropout 0.2", PosterFeatureRecipe.Default, new(network with { InputDropout = 0.2f })),
    ("no signed √", PosterFeatureRecipe.Default with { SignedSquareRoot = false }, new()),
    ("no colour statistics", PosterFeatureRecipe.Default with { ColourStatistics = false }, new()),
    ("5 members", PosterFeatureRecipe.Default, new(Members: 5)),
    ("hidden 512", PosterFeatureRecipe.Default, new(network with { Hidden = 512 })),
    ("30 epochs", PosterFeatureRecipe.Default, new(network with { Epochs = 30 })),
    ("dropout 0.1 / 0.3", PosterFeatureRecipe.Default, new(network with { InputDropout = 0.1f, HiddenDropout = 0.3f })),
    ("hidden 128", PosterFeatureRecipe.Default, new(network with { Hidden = 128 })),
    ("weight decay 0.05", PosterFeatureRecipe.Default, new(network with { WeightDecay = 0.05f })),
    ("learning rate 5e-4, 30 epochs", PosterFeatureRecipe.Default, new(network with { LearningRate = 5e-4f, Epochs = 30 })),
    ("hidden dropout 0.6", PosterFeatureRecipe.Default, new(network with { HiddenDropout = 0.6f })),
    ("batch 32", PosterFeatureRecipe.Default, new(network with { BatchSize = 32 })),
    ("15 epochs", PosterFeatureRecipe.Default, new(network with { Epochs = 15 })),
];
var only = Option("--only");
Console.WriteLine("| variant | recipe | head | test micro | test macro | test top-3 | OOF micro | OOF macro | OOF top-3 |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var (name, recipe, head) in variants.Where(v => only is null || only.Split(';').Contains(v.Name)))
{
    using var extractor = new PosterFeatureExtractor(backbone, recipe);
    float[] Features(int i) => extractor.Combine(recipe.Crops.Select(crop => activations[i]![crop]).ToList(), recipe.ColourStatistics ? colour[i] : null).Values;
    var trained = PosterHeadTrainer.Train(training.Select(Features).ToList(), training.Select(i => TextModelTrainer.Targets(posters[i].Genres)).ToList(),
        GenreCatalog.Count, extractor.FeatureVersion, head);
    var test = MultiLabelMetrics.Compute(testing.Select(i => posters[i].Genres).ToList(), testing.Select(i => trained.Head.Probabilities(Features(i))).ToList(), trained.Head.Thresholds);
    var oof = MultiLabelMetrics.Compute(training.Select(i => posters[i].Genres).ToList(), trained.OutOfFoldProbabilities, trained.Head.Thresholds);
    var net = head.NetworkOrDefault;
    Console.WriteLine($"| {name} | `{recipe.Describe()}` | {net.Hidden} units, {net.Epochs} epochs, dropout {net.InputDropout}/{net.HiddenDropout}, {head.Members} members " +
        $"| {test.MicroF1:F4} | {test.MacroF1:F4} | {test.Top3HitRate:F4} | {oof.MicroF1:F4} | {oof.MacroF1:F4} | {oof.Top3HitRate:F4} |");
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string FindRoot()
{
    for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "GenreBlazor.sln")))
        {
            return folder.FullName;
        }
    }
    throw new DirectoryNotFoundException("Run from inside the repository.");
}
