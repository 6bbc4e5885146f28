using GenreBlazor.Tests;

namespace GenreBlazor.Imaging.Tests;

/// <summary>A fact that runs only when the shared poster images exist, and otherwise is reported as skipped with the reason.</summary>
public sealed class SharedPostersFactAttribute : FactAttribute
{
    public SharedPostersFactAttribute()
    {
        if (SharedPosters.Folder is null)
        {
            Skip = $"{SharedData.OptionalResourceMarker} the shared posters folder {SharedPosters.Expected} is absent; set GENREBLAZOR_SHARED_DATA to the shared data folder.";
        }
    }
}

internal static class SharedPosters
{
    public static string Expected => Path.Combine(SharedData.Folder, "posters");

    public static string? Folder { get; } = Directory.Exists(Expected) && Directory.EnumerateFiles(Expected, "*.jpg").Any() ? Expected : null;

    public static IReadOnlyList<string> Sample(int count) =>
        Directory.EnumerateFiles(Folder!, "*.jpg").Order(StringComparer.Ordinal).Take(count).ToList();
}
