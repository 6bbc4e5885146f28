using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace GenreBlazor.Vision.Backbone;

/// <summary>
/// Starts ONNX Runtime's process-wide environment with its telemetry off. ONNX Runtime 1.31's Linux and macOS
/// builds start a telemetry client when the environment is created — before <c>DisableTelemetryEvents</c> can be
/// called — which writes a device id and an event database under the user's cache folder and a session file in the
/// temp folder. Only <c>ORT_DISABLE_TELEMETRY=1</c>, present in the native environment when the environment is
/// created, stops that; .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach the
/// native environment on Unix, so it is set with libc's <c>setenv</c> (docs/decisions/0035).
/// </summary>
public static partial class OnnxEnvironment
{
    private const string TelemetryVariable = "ORT_DISABLE_TELEMETRY";
    private static readonly Lazy<OrtEnv> Environment = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The environment, created once with telemetry off. Call before creating any session.</summary>
    public static OrtEnv Instance => Environment.Value;

    private static OrtEnv Create()
    {
        if (!OperatingSystem.IsWindows() && SetEnv(TelemetryVariable, "1", overwrite: 1) != 0)
        {
            throw new InvalidOperationException($"setenv({TelemetryVariable}) failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        System.Environment.SetEnvironmentVariable(TelemetryVariable, "1");
        var environment = OrtEnv.Instance();
        // Windows builds report through ETW instead, which this switches off.
        environment.DisableTelemetryEvents();
        return environment;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
