namespace GenreBlazor.Imaging.Tests;

/// <summary>
/// A fact that runs only when the shared poster images exist (../shared/data/posters beside the repository,
/// or the folder in GENREBLAZOR_POSTERS), and otherwise is reported as skipped with the reason.
/// </summary>
public sealed class SharedPostersFactAttribute : FactAttribute
{
    public SharedPostersFactAttribute()
    {
        if (SharedPosters.Folder is null)
        {
            Skip = "Skipped: the shared posters folder (shared/data/posters beside the repository, or GENREBLAZOR_POSTERS) is absent.";
        }
    }
}

internal static class SharedPosters
{
    public static string? Folder { get; } = Locate();

    public static IReadOnlyList<string> Sample(int count) =>
        Directory.EnumerateFiles(Folder!, "*.jpg").Order(StringComparer.Ordinal).Take(count).ToList();

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("GENREBLAZOR_POSTERS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", "posters");
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.jpg").Any())
            {
                return candidate;
            }
        }

        return null;
    }
}
