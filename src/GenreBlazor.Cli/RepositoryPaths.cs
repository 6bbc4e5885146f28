namespace GenreBlazor.Cli;

/// <summary>Where the defaults live: the repository's root (the folder holding GenreBlazor.sln) and paths below it.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root, found by walking up from the working folder, then from the program's folder.</summary>
    public static string Root { get; } = Find(Environment.CurrentDirectory) ?? Find(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;

    /// <summary>The committed model bundle.</summary>
    public static string DefaultModel => Path.Combine(Root, "models", "default");

    /// <summary>The catalog DNA the app's discovery serves (docs/decisions/0070).</summary>
    public static string DefaultDna => Path.Combine(Root, "models", "discovery", "dna.bin");

    /// <summary>The shared movies CSV beside the repository.</summary>
    public static string DefaultMovies => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "movies.csv"));

    /// <summary>MovieLens ml-latest-small beside the repository (decision 0072).</summary>
    public static string DefaultMovieLens => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "movielens"));

    /// <summary>The ignored cache folder.</summary>
    public static string Cache => Path.Combine(Root, ".cache");

    private static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenreBlazor.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
