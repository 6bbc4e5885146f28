using System.Globalization;

namespace GenreBlazor.Storage;

/// <summary>
/// Instants as the store keeps them: UTC text of fixed width (<c>2026-12-01T19:23:50.123Z</c>), readable in either
/// database and ordered as text the way they are ordered in time.
/// </summary>
public static class StoreTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The stored text of an instant.</summary>
    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The instant a stored text holds.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
