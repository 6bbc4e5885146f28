namespace GenreBlazor.Web.Components.Layout;

/// <summary>
/// The light or dark theme a visitor picked with the app bar's switch. Kept in a cookie so that the server already
/// prerenders the page in that theme; without one the browser's <c>prefers-color-scheme</c> decides.
/// </summary>
public enum ThemeChoice
{
    Light,
    Dark,
}

/// <summary>Reading and writing the theme cookie's value.</summary>
public static class ThemeChoices
{
    /// <summary>Name of the cookie the switch writes (see wwwroot-assets/js/app.js).</summary>
    public const string CookieName = "genreblazor-theme";

    /// <summary>The choice a cookie value holds, or null for none or a value this build does not know.</summary>
    public static ThemeChoice? FromCookie(string? value) => value switch
    {
        "dark" => ThemeChoice.Dark,
        "light" => ThemeChoice.Light,
        _ => null,
    };

    public static string CookieValue(this ThemeChoice choice) => choice == ThemeChoice.Dark ? "dark" : "light";
}
