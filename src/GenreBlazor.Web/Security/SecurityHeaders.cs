namespace GenreBlazor.Web.Security;

/// <summary>
/// The headers every response carries. The policy allows what Blazor Server and MudBlazor need and nothing more:
/// scripts only from the app's own files (no inline script, no eval; Blazor's circuit is a same-origin WebSocket),
/// inline styles (MudBlazor sets style attributes), images from the app and from data:/blob: URLs (the poster
/// preview), no plugins, no framing by other sites, forms posting only to the app.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy of every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Features no page of the app uses, off for every page and any frame.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>
    /// The policy when a form's answer may also lead to <paramref name="origin"/>: the operators' identity provider,
    /// where signing out ends the provider's session (browsers check <c>form-action</c> on a form's redirects too).
    /// </summary>
    public static string ContentSecurityPolicyAlsoPostingTo(string? origin) => origin is null
        ? ContentSecurityPolicy
        : ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal);

    internal static void Apply(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
