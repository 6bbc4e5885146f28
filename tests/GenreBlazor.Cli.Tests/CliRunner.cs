using System.Diagnostics;

namespace GenreBlazor.Cli.Tests;

/// <summary>Runs the built command-line tool as a separate process, the way a user runs it.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("genreblazor " + string.Join(' ', arguments) + " did not finish in 5 minutes.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts the tool without waiting for it (its output redirected), for tests that stop it part-way.</summary>
    public static Process Start(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "genreblazor.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = GenreBlazor.Tests.SharedData.RepositoryRoot };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }
}
