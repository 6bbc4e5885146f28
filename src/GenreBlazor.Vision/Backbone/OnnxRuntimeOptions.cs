using Microsoft.ML.OnnxRuntime;

namespace GenreBlazor.Vision.Backbone;

/// <summary>
/// How ONNX Runtime runs the poster backbone (section <c>GenreModel:Onnx</c> of appsettings.json in the web app).
/// The defaults run the two crops of a poster at once, one thread each, without spinning (decision 0038); batch
/// extraction uses <see cref="Batch"/> (decision 0022).
/// </summary>
public sealed record OnnxRuntimeOptions
{
    /// <summary>Threads inside one operator (0: one per core).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads that run independent operators at once; used only with <see cref="ExecutionMode.ORT_PARALLEL"/>.</summary>
    public int InterOpThreads { get; init; } = 1;

    public GraphOptimizationLevel GraphOptimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    public ExecutionMode ExecutionMode { get; init; } = ExecutionMode.ORT_SEQUENTIAL;

    /// <summary>
    /// Whether idle intra-op threads spin waiting for work. Spinning wins for one run at a time; off, crops and
    /// occlusion cells that run at once on the shared session do not steal each other's cores.
    /// </summary>
    public bool AllowSpinning { get; init; }

    /// <summary>Images a poster model runs at once (crops, occlusion cells); 0: cores ÷ intra-op threads, at least 1.</summary>
    public int ParallelImages { get; init; }

    /// <summary>Training-time extraction: one intra-op thread, whole posters two at a time (decision 0022).</summary>
    public static OnnxRuntimeOptions Batch { get; } = new() { IntraOpThreads = 1, ParallelImages = 1 };

    public int EffectiveParallelImages => ParallelImages > 0 ? ParallelImages : Math.Max(1, Environment.ProcessorCount / Math.Max(1, IntraOpThreads));

    /// <summary>ONNX Runtime's session options for these settings; the caller disposes them.</summary>
    public SessionOptions CreateSessionOptions()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(InterOpThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(ParallelImages);
        var options = new SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = InterOpThreads,
            GraphOptimizationLevel = GraphOptimization,
            ExecutionMode = ExecutionMode,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", AllowSpinning ? "1" : "0");
        return options;
    }
}
