using System.Runtime.InteropServices;

namespace GenreBlazor.OnnxRuntime.Native;

/// <summary>
/// Loads libonnxruntime once per process with <see cref="NativeLibrary"/> and resolves the C API function table.
/// Search order: <c>$GENREBLAZOR_ONNXRUNTIME_PATH</c> (a file or a folder), the folder of this assembly, the
/// application base folder, then the system loader's own search.
/// </summary>
internal static unsafe class OnnxRuntimeLibrary
{
    public const string PathVariable = "GENREBLAZOR_ONNXRUNTIME_PATH";

    private static readonly string[] FileNames = OperatingSystem.IsWindows()
        ? ["onnxruntime.dll"]
        : OperatingSystem.IsMacOS() ? ["libonnxruntime.dylib", "libonnxruntime.1.dylib"] : ["libonnxruntime.so.1", "libonnxruntime.so"];

    private static readonly Lazy<Api> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The OrtApi function table (an array of function pointers).</summary>
    public static void** ApiTable => (void**)Loaded.Value.Table;

    /// <summary>The runtime's own version string, e.g. "1.30.0".</summary>
    public static string Version => Loaded.Value.Version;

    /// <summary>The file the library was loaded from, or its bare name when the system loader found it.</summary>
    public static string LoadedFrom => Loaded.Value.Path;

    private sealed record Api(nint Library, nint Table, string Version, string Path);

    private static Api Load()
    {
        var tried = new List<string>();
        var assemblyFolders = new[] { Path.GetDirectoryName(typeof(OnnxRuntimeLibrary).Assembly.Location), AppContext.BaseDirectory };
        foreach (var candidate in CandidatePaths(Environment.GetEnvironmentVariable(PathVariable), assemblyFolders))
        {
            tried.Add(candidate);
            if (Path.IsPathRooted(candidate) && !File.Exists(candidate))
            {
                continue;
            }

            if (NativeLibrary.TryLoad(candidate, out var library))
            {
                return Bind(library, candidate);
            }
        }

        throw new DllNotFoundException(
            $"ONNX Runtime was not found. Tried: {string.Join(", ", tried)}. Build a project that references " +
            $"GenreBlazor.OnnxRuntime (it copies libonnxruntime.so.1 next to the output), or set {PathVariable}.");
    }

    /// <summary>Where to look, in order: the configured file or folder, then each folder, then bare names.</summary>
    internal static IEnumerable<string> CandidatePaths(string? fromEnvironment, IEnumerable<string?> assemblyFolders)
    {
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (Directory.Exists(fromEnvironment))
            {
                foreach (var name in FileNames)
                {
                    yield return Path.Combine(fromEnvironment, name);
                }
            }
            else
            {
                yield return Path.GetFullPath(fromEnvironment);
            }
        }

        var folders = assemblyFolders
            .Where(folder => !string.IsNullOrEmpty(folder))
            .Select(folder => Path.GetFullPath(folder!))
            .Distinct(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var name in FileNames)
            {
                yield return Path.Combine(folder, name);
            }
        }

        foreach (var name in FileNames)
        {
            yield return name;
        }
    }

    private static Api Bind(nint library, string path)
    {
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBaseAddress))
        {
            throw new EntryPointNotFoundException($"{path} does not export OrtGetApiBase; it is not an ONNX Runtime library.");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = ((delegate* unmanaged<void**>)getApiBaseAddress)();
        var getApi = (delegate* unmanaged<uint, void**>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";
        var table = getApi(OrtApi.RequestedApiVersion);
        if (table == null)
        {
            throw new NotSupportedException(
                $"ONNX Runtime {version} at {path} does not serve C API version {OrtApi.RequestedApiVersion}; version 1.{OrtApi.RequestedApiVersion} or later is needed.");
        }

        return new Api(library, (nint)table, version, path);
    }
}
