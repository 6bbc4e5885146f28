namespace GenreBlazor.Web.Security;

/// <summary>
/// Who may make server-wide changes (section <c>Operators</c>), given only as hashes, from configuration or the
/// environment — never a secret in a file of the repository. <c>genreblazor operator-key</c> and
/// <c>genreblazor operator-password</c> make them. <see cref="OpenIdConnect"/> adds sign-in at an identity provider.
/// With none set, server-wide changes are off.
/// </summary>
public sealed class OperatorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Operators";

    /// <summary>SHA-256 hashes (<c>sha256:…</c>) of the API keys that act as an operator (<c>Authorization: Bearer KEY</c>).</summary>
    public List<string> ApiKeyHashes { get; set; } = [];

    /// <summary>The PBKDF2 hash (<c>pbkdf2-sha256$…</c>) of the password that signs an operator in on the Operator page.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>How long an operator's sign-in lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in at an OpenID Connect provider (section <c>Operators:OpenIdConnect</c>); off without an authority.</summary>
    public OperatorOpenIdOptions OpenIdConnect { get; set; } = new();

    /// <summary>Whether any operator credential is configured.</summary>
    public bool IsConfigured => ApiKeyHashes.Any(h => !string.IsNullOrWhiteSpace(h)) || !string.IsNullOrWhiteSpace(PasswordHash) || OpenIdConnect.IsConfigured;
}
