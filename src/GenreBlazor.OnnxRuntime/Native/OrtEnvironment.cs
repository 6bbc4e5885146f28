namespace GenreBlazor.OnnxRuntime.Native;

/// <summary>
/// The process-wide OrtEnv and the CPU memory description used for every input tensor. Both are created lazily on
/// first use and live until the process exits: ONNX Runtime requires the environment to outlive every session, and
/// a process never needs a second one.
/// </summary>
internal static unsafe class OrtEnvironment
{
    // ORT_LOGGING_LEVEL_ERROR: warnings (e.g. unused initializers) would otherwise go to stderr of the CLI and app.
    private const int LoggingLevelError = 3;
    private const int OrtDeviceAllocator = 0;
    private const int OrtMemTypeDefault = 0;

    private static readonly Lazy<nint> Env = new(CreateEnv, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<nint> CpuMemory = new(CreateCpuMemoryInfo, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<nint> Allocator = new(GetDefaultAllocator, LazyThreadSafetyMode.ExecutionAndPublication);

    public static nint Handle => Env.Value;

    public static nint CpuMemoryInfo => CpuMemory.Value;

    /// <summary>ONNX Runtime's default CPU allocator (not owned: never released).</summary>
    public static nint DefaultAllocator => Allocator.Value;

    private static nint CreateEnv()
    {
        nint env;
        fixed (byte* logId = "GenreBlazor\0"u8)
        {
            OrtApi.Check(OrtApi.CreateEnv(LoggingLevelError, logId, &env));
        }

        return env;
    }

    private static nint CreateCpuMemoryInfo()
    {
        nint info;
        OrtApi.Check(OrtApi.CreateCpuMemoryInfo(OrtDeviceAllocator, OrtMemTypeDefault, &info));
        return info;
    }

    private static nint GetDefaultAllocator()
    {
        nint allocator;
        OrtApi.Check(OrtApi.GetAllocatorWithDefaultOptions(&allocator));
        return allocator;
    }
}
