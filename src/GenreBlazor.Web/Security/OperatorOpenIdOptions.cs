namespace GenreBlazor.Web.Security;

/// <summary>
/// Operators signing in at an OpenID Connect provider (authorization code with PKCE). The client secret comes from the
/// environment (<c>Operators__OpenIdConnect__ClientSecret</c>), never from a file of the repository. Signing in at the
/// provider is not enough: the identity's token must carry <see cref="RequiredClaim"/> with one of
/// <see cref="RequiredValues"/> — a group of operators, or an allow-list of <c>email</c> or <c>sub</c> values.
/// </summary>
public sealed class OperatorOpenIdOptions
{
    /// <summary>The provider's issuer URL; its discovery document is read from <c>/.well-known/openid-configuration</c> below it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button ("Sign in with …").</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>
    /// Whether the authority must be https. Only a provider on this machine (localhost, 127.0.0.1, ::1) may be plain
    /// http, and only with this set to false on purpose.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Scopes asked for besides <c>openid profile email</c> (for example <c>groups</c> when the provider puts groups behind a scope).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// Whether the identity's claims are read from the provider's userinfo endpoint too, for providers that leave
    /// groups out of the id_token (many do, to keep it small). <see cref="RequiredClaim"/> is then looked for in both.
    /// </summary>
    public bool ClaimsFromUserInfo { get; set; }

    /// <summary>The claim that makes an identity an operator, as the provider names it (<c>groups</c>, <c>email</c>, <c>sub</c>).</summary>
    public string? RequiredClaim { get; set; }

    /// <summary>The values of <see cref="RequiredClaim"/> that make an operator; any one of them is enough (exact, case-sensitive).</summary>
    public List<string> RequiredValues { get; set; } = [];

    /// <summary>
    /// How long a sign-in through the provider lasts, shorter than a password's (<c>Operators:SessionLifetime</c>): the
    /// claim rule is checked only at sign-in, so this bounds how long someone removed from the operator group at the
    /// provider stays an operator here. Signing in again is one click while the provider's own session lasts.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Whether <paramref name="values"/> — the identity's values of <see cref="RequiredClaim"/> — let it in.</summary>
    public bool Admits(IEnumerable<string> values) => values.Any(value => RequiredValues.Contains(value, StringComparer.Ordinal));

    /// <summary>What is wrong with a configured provider, for the error at start; null when it is usable (or not configured).</summary>
    public string? Problem()
    {
        if (!IsConfigured)
        {
            return null;
        }
        const string Prefix = "Operators:OpenIdConnect: ";
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            return Prefix + $"Authority '{Authority}' is not an absolute http(s) URL.";
        }
        if (authority.Scheme == "http" && RequireHttpsMetadata)
        {
            return Prefix + $"Authority '{Authority}' is not https; the provider's keys would travel unprotected. Use https (or, for a provider on this machine only, set RequireHttpsMetadata=false).";
        }
        if (authority.Scheme == "http" && !authority.IsLoopback)
        {
            return Prefix + $"Authority '{Authority}' is plain http on another machine; only localhost or 127.0.0.1 may be http, even with RequireHttpsMetadata=false.";
        }
        if (SessionLifetime <= TimeSpan.Zero)
        {
            return Prefix + $"SessionLifetime '{SessionLifetime}' must be positive (for example 01:00:00).";
        }
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            return Prefix + "ClientId is missing (the app's client id at the provider).";
        }
        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            return Prefix + "ClientSecret is missing; set it in the environment (Operators__OpenIdConnect__ClientSecret), never in a file of the repository.";
        }
        if (string.IsNullOrWhiteSpace(RequiredClaim) || !RequiredValues.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            return Prefix + "RequiredClaim and at least one of RequiredValues are needed (for example groups = genreblazor-operators); without a rule every account at the provider would be an operator.";
        }
        return null;
    }
}
