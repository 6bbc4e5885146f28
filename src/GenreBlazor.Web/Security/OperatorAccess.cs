using System.Security.Claims;
using System.Text.Encodings.Web;
using GenreBlazor.Core.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Security;

/// <summary>
/// The names of operator access: visitors use the app without an account; what changes the app for everyone
/// (the active threshold profile, server profiles, ingest, retraining, promotion) needs the <see cref="Policy"/>.
/// </summary>
public static class OperatorAccess
{
    /// <summary>The authorization policy of server-wide changes.</summary>
    public const string Policy = "Operator";

    /// <summary>The role an authenticated operator has.</summary>
    public const string Role = "operator";

    /// <summary>The scheme that picks the key scheme for a bearer header and the cookie scheme otherwise.</summary>
    public const string Scheme = "Operator";

    /// <summary>API keys in <c>Authorization: Bearer</c>.</summary>
    public const string KeyScheme = "OperatorKey";

    /// <summary>The sign-in cookie of the Operator page.</summary>
    public const string CookieScheme = "OperatorCookie";

    /// <summary>The claim that says how the operator signed in: <c>key</c>, <c>password</c> or <c>openid</c>.</summary>
    public const string MethodClaim = "genreblazor:signin";

    /// <summary>
    /// Whether the request can carry an operator's credentials — a cookie, an <c>Authorization</c> header — or is the
    /// identity provider's redirect back, which the sign-on handler answers; every other request is anonymous.
    /// </summary>
    public static bool MayCarryCredentials(HttpContext context) =>
        context.Request.Headers.Cookie.Count > 0 || context.Request.Headers.Authorization.Count > 0 || OperatorSignOn.IsHandlerPath(context.Request.Path);

    /// <summary>A signed-in operator; <paramref name="name"/> is who the identity provider says it is.</summary>
    public static ClaimsPrincipal Principal(string method, string scheme, string? name = null) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, name ?? (method == "key" ? "operator (API key)" : "operator")),
        new Claim(ClaimTypes.Role, Role),
        new Claim(MethodClaim, method),
    ], scheme));
}

/// <summary>
/// Authenticates <c>Authorization: Bearer KEY</c> against the configured key hashes. No header: no result (a visitor).
/// A key that is not an operator key fails, and its challenge is <b>403</b> — the caller showed credentials and they are
/// not allowed — while a request with none gets 401 with <c>WWW-Authenticate: Bearer</c>. Both as problem details.
/// </summary>
internal sealed class OperatorKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<OperatorOptions> operators)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerKey(Request) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var known = operators.CurrentValue.ApiKeyHashes.Any(hash => OperatorSecrets.KeyMatches(key, hash));
        return Task.FromResult(known
            ? AuthenticateResult.Success(new AuthenticationTicket(OperatorAccess.Principal("key", Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail("The key is not an operator key."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        OperatorChallenge.WriteAsync(Context, BearerKey(Request) is not null ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        OperatorChallenge.WriteAsync(Context, StatusCodes.Status403Forbidden);

    internal static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}

/// <summary>The answer to a request that needs an operator: 401 with <c>WWW-Authenticate: Bearer</c>, or 403, as problem details.</summary>
internal static class OperatorChallenge
{
    public static async Task WriteAsync(HttpContext context, int status)
    {
        var operators = context.RequestServices.GetRequiredService<IOptions<OperatorOptions>>().Value;
        var (title, detail) = status == StatusCodes.Status403Forbidden
            ? ("Forbidden", OperatorKeyHandler.BearerKey(context.Request) is not null
                ? "The key given is not an operator key of this server."
                : "These credentials may not make this change.")
            : ("Operator credentials needed", operators.IsConfigured
                ? "This changes the server for everyone: send an operator key as 'Authorization: Bearer KEY', or sign in on the Operator page."
                : "This changes the server for everyone, and no operator is configured on this server, so server-wide changes are off.");
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"GenreBlazor operator\"";
        }
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>Registers operator access: the key and cookie schemes, the policy, and the authentication state for pages.</summary>
public static class OperatorAccessRegistration
{
    /// <summary>Binds <see cref="OperatorOptions"/> and registers the schemes and the <see cref="OperatorAccess.Policy"/>.</summary>
    public static WebApplicationBuilder AddOperatorAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidation>();
        var authentication = services.AddAuthentication(OperatorAccess.Scheme)
            .AddPolicyScheme(OperatorAccess.Scheme, "Operator", o => o.ForwardDefaultSelector = context =>
                OperatorKeyHandler.BearerKey(context.Request) is not null ? OperatorAccess.KeyScheme : OperatorAccess.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, OperatorKeyHandler>(OperatorAccess.KeyScheme, null)
            .AddCookie(OperatorAccess.CookieScheme, o =>
            {
                o.Cookie.Name = "genreblazor-operator";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = false;
                o.LoginPath = "/operator";
                o.AccessDeniedPath = "/operator";
                // The API answers with a status, never with a redirect to a page.
                o.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            });
        var openId = builder.Configuration.GetSection($"{OperatorOptions.SectionName}:{nameof(OperatorOptions.OpenIdConnect)}").Get<OperatorOpenIdOptions>();
        if (openId is { IsConfigured: true })
        {
            authentication.AddOperatorSignOn(openId);
        }
        services.AddOptions<CookieAuthenticationOptions>(OperatorAccess.CookieScheme)
            .Configure<IOptions<OperatorOptions>>((cookie, operators) => cookie.ExpireTimeSpan = operators.Value.SessionLifetime);
        services.AddAuthorizationBuilder().AddPolicy(OperatorAccess.Policy, policy => policy
            .AddAuthenticationSchemes(OperatorAccess.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(OperatorAccess.Role));
        services.AddCascadingAuthenticationState();
        return builder;
    }

    private sealed class OperatorOptionsValidation : IValidateOptions<OperatorOptions>
    {
        public ValidateOptionsResult Validate(string? name, OperatorOptions options) =>
            options.OpenIdConnect.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return OperatorChallenge.WriteAsync(context.HttpContext, status);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
