namespace GenreBlazor.Tests;

/// <summary>Where the tests find the repository and the shared data beside it (../shared/data).</summary>
internal static class SharedData
{
    /// <summary>The repository root: the folder holding GenreBlazor.sln above the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// Starts the reason of every skip for absent shared data. `.ci/run` counts a skip whose reason lacks it as a
    /// failure: the shared data is the one optional resource; a missing download or tool must fail, not skip.
    /// </summary>
    public const string OptionalResourceMarker = "[optional: ../shared/data absent]";

    /// <summary>The shared data folder (GENREBLAZOR_SHARED_DATA overrides it).</summary>
    public static string Folder => Environment.GetEnvironmentVariable("GENREBLAZOR_SHARED_DATA")
        ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    /// <summary>The shared movies CSV.</summary>
    public static string Movies => Path.Combine(Folder, "movies.csv");

    /// <summary>The shared posters CSV.</summary>
    public static string Posters => Path.Combine(Folder, "posters.csv");

    /// <summary>The committed model bundle.</summary>
    public static string CommittedBundle => Path.Combine(RepositoryRoot, "models", "default");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenreBlazor.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("GenreBlazor.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that runs only when the shared movies CSV is present, and says so when it skips.</summary>
internal sealed class SharedMoviesFactAttribute : FactAttribute
{
    public SharedMoviesFactAttribute()
    {
        if (!File.Exists(SharedData.Movies))
        {
            Skip = $"{SharedData.OptionalResourceMarker} {SharedData.Movies} not found; set GENREBLAZOR_SHARED_DATA to its folder.";
        }
    }
}
