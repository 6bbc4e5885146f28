namespace GenreBlazor.Discovery.Intent;

/// <summary>
/// What a visitor's request asks for, whoever read it (the local parser or Bedrock): seed titles to be like, genres
/// wanted (all of them) and not wanted, a year range, mood words, and the text left to search plots with.
/// </summary>
public sealed record DiscoveryIntent(
    IReadOnlyList<string> SeedTitles,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> ExcludedGenres,
    int? YearFrom,
    int? YearTo,
    IReadOnlyList<string> Mood,
    string Query)
{
    public static DiscoveryIntent Empty(string query) => new([], [], [], null, null, [], query);
}
