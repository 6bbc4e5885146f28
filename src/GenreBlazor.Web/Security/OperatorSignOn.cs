using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace GenreBlazor.Web.Security;

/// <summary>
/// Operator sign-in at an OpenID Connect provider, when <c>Operators:OpenIdConnect:Authority</c> is set: ASP.NET Core's
/// own handler runs the authorization-code flow with PKCE and signs into the same cookie as the password, so the
/// <see cref="OperatorAccess.Policy"/> and every operator page and API work unchanged. Without an authority the scheme
/// is not registered at all: no discovery request, no callback path.
/// </summary>
internal static class OperatorSignOn
{
    public const string Scheme = "OperatorOidc";

    /// <summary>The value of <see cref="OperatorAccess.MethodClaim"/> for an operator signed in at the provider.</summary>
    public const string Method = "openid";

    /// <summary>The Operator page's problem codes of this sign-in (the page words them).</summary>
    public const string NotAnOperator = "not-an-operator";
    public const string Failed = "sign-on-failed";
    public const string Unreachable = "provider-unreachable";

    private static readonly string[] BaseScopes = ["openid", "profile", "email"];

    private const string CallbackPath = "/signin-oidc";
    private const string SignedOutCallbackPath = "/signout-callback-oidc";
    private const string RemoteSignOutPath = "/signout-oidc";

    /// <summary>Whether the handler answers this path itself (the provider's redirects back), through the authentication middleware.</summary>
    public static bool IsHandlerPath(PathString path) =>
        path.StartsWithSegments(CallbackPath) || path.StartsWithSegments(SignedOutCallbackPath) || path.StartsWithSegments(RemoteSignOutPath);

    public static AuthenticationBuilder AddOperatorSignOn(this AuthenticationBuilder authentication, OperatorOpenIdOptions openId) =>
        authentication.AddOpenIdConnect(Scheme, openId.DisplayName, o =>
        {
            o.Authority = openId.Authority;
            o.ClientId = openId.ClientId;
            o.ClientSecret = openId.ClientSecret;
            o.RequireHttpsMetadata = openId.RequireHttpsMetadata;
            o.SignInScheme = OperatorAccess.CookieScheme;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in the query of a top-level GET: the correlation and nonce cookies can then be
            // SameSite=Lax, where form_post (a cross-site POST) needs SameSite=None and so https even on a test port.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CallbackPath = CallbackPath;
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.RemoteSignOutPath = RemoteSignOutPath;
            o.SignedOutRedirectUri = "/operator";
            // Claims keep the provider's names, so RequiredClaim is written as the provider documents it.
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = openId.ClaimsFromUserInfo;
            // The handler copies from the userinfo answer only the claims it has an action for: the standard ones,
            // and so the rule's too (an array becomes one claim per value).
            if (openId.ClaimsFromUserInfo && !o.ClaimActions.Any(action => action.ClaimType == openId.RequiredClaim))
            {
                o.ClaimActions.MapJsonKey(openId.RequiredClaim!, openId.RequiredClaim!);
            }
            o.SaveTokens = false;
            o.Scope.Clear();
            foreach (var scope in BaseScopes.Concat(openId.Scopes).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct())
            {
                o.Scope.Add(scope);
            }
            o.Events.OnTokenValidated = KeepIdTokenAsync;
            // After the userinfo answer has been merged (when asked for), before the cookie is written.
            o.Events.OnTicketReceived = context => AdmitAsync(context, openId);
            o.Events.OnRemoteFailure = context =>
            {
                Log(context.HttpContext).LogWarning("Operator sign-in at {Provider} failed: {Reason}", openId.DisplayName, context.Failure?.Message);
                context.HandleResponse();
                context.Response.Redirect("/operator?problem=" + Failed);
                return Task.CompletedTask;
            };
        });

    // Ending the provider's session later needs the id_token as its hint: it goes into the cookie's properties.
    private static Task KeepIdTokenAsync(TokenValidatedContext context)
    {
        if ((context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken) is { } idToken)
        {
            context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }
        return Task.CompletedTask;
    }

    // The provider vouched for an identity; the claim rule decides whether it is an operator here. The cookie then
    // holds the operator principal only, not the provider's claims.
    private static Task AdmitAsync(TicketReceivedContext context, OperatorOpenIdOptions openId)
    {
        var identity = context.Principal!;
        var who = identity.FindFirst("name")?.Value ?? identity.FindFirst("email")?.Value ?? identity.FindFirst("sub")?.Value ?? "unknown";
        if (!openId.Admits(identity.FindAll(openId.RequiredClaim!).Select(c => c.Value)))
        {
            Log(context.HttpContext).LogWarning("{Who} signed in at {Provider} but is not an operator: no '{Claim}' claim with an operator value",
                who, openId.DisplayName, openId.RequiredClaim);
            context.HandleResponse();
            context.Response.Redirect("/operator?problem=" + NotAnOperator);
            return Task.CompletedTask;
        }
        context.Principal = OperatorAccess.Principal(Method, OperatorAccess.CookieScheme, who);
        // The cookie handler keeps an expiry it is given (it does not slide) instead of Operators:SessionLifetime.
        context.Properties!.ExpiresUtc = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow() + openId.SessionLifetime;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Maps <c>GET /operator/sign-in/oidc</c> (a link on the Operator page: a link, since the page's CSP lets forms post
    /// only to the app) and <c>GET /operator/signed-in</c>, where the provider's round trip lands.
    /// </summary>
    public static void MapOperatorSignOn(this WebApplication app)
    {
        app.MapGet("/operator/sign-in/oidc", async ([FromQuery] string? returnUrl, HttpContext context) =>
        {
            var landing = "/operator/signed-in?returnUrl=" + Uri.EscapeDataString(OperatorEndpoints.IsLocal(returnUrl) ? returnUrl! : "/operator");
            try
            {
                await context.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = landing });
                return Results.Empty;
            }
            catch (InvalidOperationException e)
            {
                // The discovery document could not be read: the provider is down or the authority is wrong.
                Log(context).LogWarning("Operator sign-in: the provider's configuration could not be read: {Reason}", e.Message);
                return Results.LocalRedirect("/operator?problem=" + Unreachable);
            }
        }).ExcludeFromDescription();

        // The provider's redirect chain is cross-site, and browsers do not send the SameSite=Strict operator cookie
        // on any request of such a chain: a page that navigates on by itself starts a same-site one that carries it.
        app.MapGet("/operator/signed-in", ([FromQuery] string? returnUrl) =>
        {
            var target = WebUtility.HtmlEncode(OperatorEndpoints.IsLocal(returnUrl) ? returnUrl! : "/operator");
            return Results.Content($"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}"><title>Signed in — GenreBlazor</title></head>
                <body><p>Signed in. <a href="{target}">Continue</a>.</p></body></html>
                """, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// Signs the caller out at the provider too when it signed in there and the provider's discovery document has an
    /// <c>end_session_endpoint</c> (the answer is then the redirect there); false when there is nothing to end.
    /// </summary>
    public static async Task<bool> EndProviderSessionAsync(HttpContext context)
    {
        if (context.User.FindFirst(OperatorAccess.MethodClaim)?.Value != Method
            || context.RequestServices.GetService<IOptionsMonitor<OpenIdConnectOptions>>()?.Get(Scheme) is not { ConfigurationManager: { } configuration })
        {
            return false;
        }
        try
        {
            if (string.IsNullOrEmpty((await configuration.GetConfigurationAsync(context.RequestAborted)).EndSessionEndpoint))
            {
                return false;
            }
        }
        catch (InvalidOperationException e)
        {
            Log(context).LogWarning("Operator sign-out: the provider's configuration could not be read, so its session stays: {Reason}", e.Message);
            return false;
        }
        await context.SignOutAsync(Scheme, new AuthenticationProperties { RedirectUri = "/operator" });
        return true;
    }

    /// <summary>The provider's origin, where the sign-out form's redirect goes (the CSP's <c>form-action</c> must allow it).</summary>
    public static string? FormOrigin(OperatorOptions operators) =>
        operators.OpenIdConnect.IsConfigured && Uri.TryCreate(operators.OpenIdConnect.Authority, UriKind.Absolute, out var authority)
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;

    private static ILogger Log(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorSignOn).FullName!);
}
