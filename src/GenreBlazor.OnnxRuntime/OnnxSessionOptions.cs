namespace GenreBlazor.OnnxRuntime;

/// <summary>How much ONNX Runtime rewrites the graph before running it (<c>GraphOptimizationLevel</c>).</summary>
public enum OnnxGraphOptimization
{
    /// <summary>No graph rewriting.</summary>
    Disabled = 0,
    /// <summary>Semantics-preserving rewrites such as constant folding.</summary>
    Basic = 1,
    /// <summary>Basic plus operator fusions.</summary>
    Extended = 2,
    /// <summary>Everything, including layout optimisations.</summary>
    All = 99,
}

/// <summary>Options of one <see cref="OnnxSession"/>.</summary>
/// <param name="IntraOpThreads">Threads used inside one operator (0 = ONNX Runtime's default: one per core).</param>
/// <param name="InterOpThreads">Threads used to run independent operators at once (only with <paramref name="ParallelExecution"/>).</param>
/// <param name="GraphOptimization">Graph optimisation level.</param>
/// <param name="ParallelExecution">Run independent branches of the graph in parallel (ORT_PARALLEL) instead of sequentially.</param>
public sealed record OnnxSessionOptions(
    int IntraOpThreads = 1,
    int InterOpThreads = 1,
    OnnxGraphOptimization GraphOptimization = OnnxGraphOptimization.All,
    bool ParallelExecution = false)
{
    /// <summary>One intra-op thread, full optimisation: the default.</summary>
    public static OnnxSessionOptions Default { get; } = new();
}
