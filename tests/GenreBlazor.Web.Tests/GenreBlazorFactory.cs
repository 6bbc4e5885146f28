namespace GenreBlazor.Web.Tests;

/// <summary>The app in-process with the committed bundle and a threshold-profile folder of its own (see <see cref="IsolatedApp"/>); Security/RateLimitTests runs the limits on.</summary>
public sealed class GenreBlazorFactory() : IsolatedApp("genreblazor-web-profiles-")
{
    public string ProfilesFolder => Folder;
}
