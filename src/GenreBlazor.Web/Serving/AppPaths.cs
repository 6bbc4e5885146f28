namespace GenreBlazor.Web.Serving;

/// <summary>Where relative paths in configuration point.</summary>
public static class AppPaths
{
    /// <summary>The repository root when the app runs from inside a clone (build output), else null.</summary>
    public static string? RepositoryRoot { get; } = FindRoot();

    /// <summary>An absolute path: relative ones are taken from the repository root, else from the app's folder.</summary>
    public static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(RepositoryRoot ?? AppContext.BaseDirectory, path));

    private static string? FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenreBlazor.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }
}
