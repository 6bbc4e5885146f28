using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace GenreBlazor.Benchmarks.Harness;

/// <summary>The conditions figures were taken under; a figure is worth little without them.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="Runtime">.NET version.</param>
/// <param name="OperatingSystem">OS description.</param>
/// <param name="TieredCompilation">Whether tiered compilation is on in this process.</param>
/// <param name="ServerGc">Whether the server garbage collector is in use.</param>
/// <param name="Optimized">Whether GenreBlazor's assemblies were built optimised (Release).</param>
/// <param name="Started">When the run started.</param>
/// <param name="LoadAtStart">1, 5 and 15-minute load averages at the start, when readable.</param>
public sealed record MachineState(
    int Cores,
    string Runtime,
    string OperatingSystem,
    bool TieredCompilation,
    bool ServerGc,
    bool Optimized,
    DateTimeOffset Started,
    IReadOnlyList<double>? LoadAtStart)
{
    /// <summary>The state of this process and machine now.</summary>
    public static MachineState Now() => new(
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        IsTieredCompilationOn(),
        GCSettings.IsServerGC,
        IsOptimized(typeof(GenreBlazor.Core.TextModel.TextGenreModel).Assembly),
        DateTimeOffset.UtcNow,
        LoadAverages());

    /// <summary>The 1, 5 and 15-minute load averages from /proc/loadavg, or null where there is none.</summary>
    public static IReadOnlyList<double>? LoadAverages()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return [.. fields.Take(3).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average, or null.</summary>
    public static double? LoadNow() => LoadAverages()?[0];

    // The environment variable wins over runtimeconfig.json, as in the runtime itself.
    private static bool IsTieredCompilationOn()
    {
        var variable = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? Environment.GetEnvironmentVariable("COMPlus_TieredCompilation");
        if (variable is not null)
        {
            return variable.Trim() != "0";
        }
        return AppContext.GetData("System.Runtime.TieredCompilation") is not { } setting
            || !string.Equals(setting.ToString(), "false", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };
}
