using GenreBlazor.Vision.Backbone;

namespace GenreBlazor.Vision.Tests;

/// <summary>Paths of things outside the test's output folder: the repository root and its caches.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string NsfwjsModelFolder => Path.Combine(Root, BackboneNames.PackageCacheFolder, BackboneNames.ModelFolderInPackage);

    public static bool NsfwjsModelPresent => File.Exists(Path.Combine(NsfwjsModelFolder, "model.min.js"));

    /// <summary>Poster inputs and TF.js outputs that make-reference.sh --posters writes (never committed).</summary>
    public static string PosterReferenceFolder => Path.Combine(Root, ".cache", "tfjs-reference", "posters");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GenreBlazor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("GenreBlazor.sln was not found above the test folder.");
    }
}

/// <summary>A fact that is skipped, saying so, when nsfwjs's model is not in the npm cache (the build fetches it).</summary>
public sealed class NsfwjsModelFactAttribute : FactAttribute
{
    public NsfwjsModelFactAttribute()
    {
        if (!RepositoryFiles.NsfwjsModelPresent)
        {
            Skip = $"nsfwjs's model is missing at {RepositoryFiles.NsfwjsModelFolder}; run scripts/fetch-npm-package.sh nsfwjs 4.3.0.";
        }
    }
}

/// <summary>A theory skipped, saying so, when nsfwjs's model is not in the npm cache.</summary>
public sealed class NsfwjsModelTheoryAttribute : TheoryAttribute
{
    public NsfwjsModelTheoryAttribute()
    {
        if (!RepositoryFiles.NsfwjsModelPresent)
        {
            Skip = $"nsfwjs's model is missing at {RepositoryFiles.NsfwjsModelFolder}; run scripts/fetch-npm-package.sh nsfwjs 4.3.0.";
        }
    }
}

/// <summary>A fact that needs the poster references of make-reference.sh --posters (local only, never committed).</summary>
public sealed class PosterReferenceFactAttribute : FactAttribute
{
    public PosterReferenceFactAttribute()
    {
        if (!RepositoryFiles.NsfwjsModelPresent || !File.Exists(Path.Combine(RepositoryFiles.PosterReferenceFolder, "tfjs-reference.json")))
        {
            Skip = $"No poster references at {RepositoryFiles.PosterReferenceFolder}; run scripts/tfjs-reference/make-reference.sh --posters 3.";
        }
    }
}
