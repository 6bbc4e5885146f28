using System.CommandLine;
using Spectre.Console;

namespace GenreBlazor.Cli.Commands;

/// <summary>Options and helpers shared by the commands.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> Model() => new("--model")
    {
        Description = "Model bundle folder (default: the committed bundle, models/default).",
        DefaultValueFactory = _ => new DirectoryInfo(RepositoryPaths.DefaultModel),
    };

    public static Option<FileInfo> Data(bool required = false) => new("--data")
    {
        Description = "Movies CSV in the schema of ../shared/data/movies.csv (default: that file).",
        DefaultValueFactory = _ => new FileInfo(RepositoryPaths.DefaultMovies),
        Required = required,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on standard output instead of a table." };

    public static Option<bool> Strict() => new("--strict") { Description = "Stop at the first malformed CSV row instead of skipping it." };

    /// <summary>Where people-facing output goes: standard error when standard output carries JSON.</summary>
    public static IAnsiConsole ConsoleFor(bool json) => Create(json ? Console.Error : Console.Out, json ? Console.IsErrorRedirected : Console.IsOutputRedirected);

    /// <summary>
    /// A console on a writer; when the writer is a file or a pipe, no escape codes and no wrapping at 80 columns,
    /// so scripts and logs get plain lines.
    /// </summary>
    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = 240;
        }
        return console;
    }

    /// <summary>Runs a command body, turning expected failures into one line on standard error and exit code 1.</summary>
    public static int Guard(IAnsiConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is GenreBlazor.Core.Bundles.ModelBundleException or GenreBlazor.Core.Data.MovieCsvException
            or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            _ = console;
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
