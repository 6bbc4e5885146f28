using GenreBlazor.Core.Genres;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace GenreBlazor.Benchmarks.MlNet;

/// <summary>
/// The ML.NET peer as it scores: one transformer chain (featurizer, then each genre's model with its probability
/// copied to a column of its own, then the 19 columns concatenated into <see cref="GenreProbabilities.Column"/>).
/// Single plots go through a <see cref="PredictionEngine{TSrc, TDst}"/> per thread, as ML.NET recommends (an engine
/// is not thread-safe); batches go through <see cref="ITransformer.Transform"/> over an <see cref="IDataView"/>.
/// </summary>
public sealed class MlNetGenreModel : IDisposable
{
    private readonly MLContext ml;
    private readonly ThreadLocal<Engine> engines;

    private MlNetGenreModel(MLContext ml, ITransformer chain)
    {
        this.ml = ml;
        Chain = chain;
        engines = new ThreadLocal<Engine>(() => new Engine(ml.Model.CreatePredictionEngine<PlotInput, GenreProbabilities>(chain)), trackAllValues: true);
    }

    /// <summary>The whole model as one ML.NET transformer: a <see cref="PlotInput"/> view in, probabilities out.</summary>
    public ITransformer Chain { get; }

    /// <summary>Chains a fitted featurizer and one fitted binary model per genre (label-index order).</summary>
    internal static MlNetGenreModel Compose(MLContext ml, ITransformer featurizer, IReadOnlyList<ITransformer> genreModels)
    {
        if (genreModels.Count != GenreCatalog.Count || GenreProbabilities.Genres != GenreCatalog.Count)
        {
            throw new ArgumentException($"One model per genre is needed ({GenreCatalog.Count}, rows typed for {GenreProbabilities.Genres}); " +
                $"got {genreModels.Count}.", nameof(genreModels));
        }
        // Fitting the column copies and the concatenation reads only the schema, so an empty view serves.
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<PlotInput>());
        var chain = new TransformerChain<ITransformer>(featurizer);
        var columns = new string[genreModels.Count];
        for (var label = 0; label < genreModels.Count; label++)
        {
            columns[label] = $"Probability{label:00}";
            chain = chain.Append<ITransformer>(genreModels[label]);
            chain = chain.Append<ITransformer>(ml.Transforms.CopyColumns(columns[label], "Probability").Fit(chain.Transform(empty)));
        }
        chain = chain.Append<ITransformer>(ml.Transforms.Concatenate(GenreProbabilities.Column, columns).Fit(chain.Transform(empty)));
        return new MlNetGenreModel(ml, chain);
    }

    /// <summary>Writes one probability per genre (19 values) for the plot, through this thread's engine.</summary>
    public void Probabilities(string plot, Span<float> destination)
    {
        var engine = engines.Value!;
        engine.Input.Plot = plot;
        engine.Predictor.Predict(engine.Input, ref engine.Output);
        engine.Output.Values.AsSpan(0, GenreCatalog.Count).CopyTo(destination);
    }

    /// <summary>Scores many plots as one <see cref="IDataView"/> through the chain; result i belongs to plot i.</summary>
    public float[][] ScoreBatch(IReadOnlyList<string> plots)
    {
        var view = Chain.Transform(ml.Data.LoadFromEnumerable(plots.Select(plot => new PlotInput { Plot = plot })));
        return [.. view.GetColumn<float[]>(GenreProbabilities.Column)];
    }

    /// <summary>Scores many plots in parallel, one engine per thread; result i belongs to plot i.</summary>
    public float[][] ScoreMany(IReadOnlyList<string> plots)
    {
        var result = new float[plots.Count][];
        Parallel.For(0, plots.Count, i =>
        {
            result[i] = new float[GenreCatalog.Count];
            Probabilities(plots[i], result[i]);
        });
        return result;
    }

    public void Dispose()
    {
        foreach (var engine in engines.Values)
        {
            engine.Predictor.Dispose();
        }
        engines.Dispose();
    }

    // An engine with its reused input and output rows, as PredictionEngine.Predict(example, ref prediction) allows.
    private sealed class Engine(PredictionEngine<PlotInput, GenreProbabilities> predictor)
    {
        public PredictionEngine<PlotInput, GenreProbabilities> Predictor { get; } = predictor;

        public PlotInput Input { get; } = new();

        public GenreProbabilities Output = new();
    }
}
