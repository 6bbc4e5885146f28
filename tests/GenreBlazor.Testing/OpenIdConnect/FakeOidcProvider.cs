using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GenreBlazor.Testing.OpenIdConnect;

/// <summary>
/// A minimal OpenID Connect provider on 127.0.0.1: discovery, a JWKS with an RSA key made per run, an authorize
/// endpoint that approves at once, a token endpoint that checks the code, the client secret and the PKCE verifier
/// (S256) and answers an RS256 id_token, a userinfo endpoint for the access tokens it issued, and an end-session
/// endpoint. The identity it vouches for is <see cref="Claims"/> (and <see cref="UserInfoClaims"/>), set by each test.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "genreblazor-test";
    public const string ClientSecret = "a client secret only the tests know";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-" + Guid.NewGuid().ToString("N")[..8] };
    private readonly ConcurrentDictionary<string, Grant> _grants = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentDictionary<string, byte> _accessTokens = new();

    private sealed record Grant(string ClientId, string RedirectUri, string Challenge, string? Nonce);

    private FakeOidcProvider(WebApplication app) => _app = app;

    public Uri Authority { get; private set; } = null!;

    /// <summary>The claims of the next id_token besides iss, aud, exp, iat and nonce (a string[] becomes a JSON array).</summary>
    public Dictionary<string, object> Claims { get; set; } = new() { ["sub"] = "someone" };

    /// <summary>
    /// What the userinfo endpoint answers besides the id_token's <c>sub</c> (its own <c>sub</c>, when given, replaces
    /// it); null: the same claims as the id_token.
    /// </summary>
    public Dictionary<string, object>? UserInfoClaims { get; set; }

    /// <summary>How many userinfo requests came with an access token this provider issued.</summary>
    public int UserInfoAnswers => _userInfoAnswers;

    private int _userInfoAnswers;

    /// <summary>Whether the next id_tokens get a signature that is not the key's (one byte of it changed).</summary>
    public bool TamperSignature { get; set; }

    /// <summary>Why the token endpoint refused, in order (the OAuth error and what was wrong).</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    /// <summary>The end-session requests seen, as their query strings.</summary>
    public ConcurrentQueue<string> EndSessions { get; } = new();

    /// <summary>
    /// Starts the provider on a free port of 127.0.0.1. <paramref name="host"/> is the name its URLs use: "localhost"
    /// makes it another site than an app on 127.0.0.1 to a browser, as a real provider is (SameSite cookies then behave
    /// as they would in production).
    /// </summary>
    public static async Task<FakeOidcProvider> StartAsync(string host = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new FakeOidcProvider(app);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Keys);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/endsession", provider.EndSession);
        app.MapGet("/userinfo", provider.UserInfo);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        provider.Authority = new UriBuilder(address) { Host = host }.Uri;
        return provider;
    }

    private string Issuer => Authority.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// The app's settings (configuration keys) for a provider at <paramref name="authority"/> as this fake's client, on
    /// plain http, with members of <paramref name="operatorGroup"/> (the <c>groups</c> claim) as its operators.
    /// </summary>
    public static Dictionary<string, string> ClientSettings(string authority, string operatorGroup) => new()
    {
        ["Operators:OpenIdConnect:Authority"] = authority,
        ["Operators:OpenIdConnect:ClientId"] = ClientId,
        ["Operators:OpenIdConnect:ClientSecret"] = ClientSecret,
        ["Operators:OpenIdConnect:DisplayName"] = "Fake IdP",
        ["Operators:OpenIdConnect:RequireHttpsMetadata"] = "false",
        ["Operators:OpenIdConnect:RequiredClaim"] = "groups",
        ["Operators:OpenIdConnect:RequiredValues:0"] = operatorGroup,
    };

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["end_session_endpoint"] = Issuer + "/endsession",
        ["userinfo_endpoint"] = Issuer + "/userinfo",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
    });

    private IResult Keys()
    {
        var rsa = _key.Rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(rsa.Modulus), e = Base64UrlEncoder.Encode(rsa.Exponent) },
            },
        });
    }

    // Approves whoever asks: redirects back with a code bound to the client, the redirect URI, the PKCE challenge and the nonce.
    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["response_type"] != "code" || query["client_id"] != ClientId || query["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return Results.BadRequest("authorize: expected response_type=code, the test client id and an S256 code_challenge");
        }
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _grants[code] = new Grant(query["client_id"]!, query["redirect_uri"]!, query["code_challenge"]!, query["nonce"]);
        return Results.Redirect($"{query["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            return Refuse("invalid_client", "wrong client id or secret");
        }
        if (form["grant_type"] != "authorization_code" || !_grants.TryRemove(form["code"].ToString(), out var grant))
        {
            return Refuse("invalid_grant", "unknown or used code");
        }
        if (grant.RedirectUri != form["redirect_uri"])
        {
            return Refuse("invalid_grant", "redirect_uri differs from the authorize request's");
        }
        var verifier = form["code_verifier"].ToString();
        if (Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
        {
            return Refuse("invalid_grant", "PKCE code_verifier does not match the code_challenge");
        }
        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = 0;
        return Results.Json(new
        {
            access_token = accessToken,
            token_type = "Bearer",
            expires_in = 300,
            id_token = IdToken(grant, accessToken),
        });
    }

    private string IdToken(Grant grant, string accessToken)
    {
        var claims = new Dictionary<string, object>(Claims)
        {
            // The left half of the access token's SHA-256, as the core spec defines at_hash for RS256.
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        if (grant.Nonce is not null)
        {
            claims["nonce"] = grant.Nonce;
        }
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = grant.ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        if (!TamperSignature)
        {
            return token;
        }
        var dot = token.LastIndexOf('.');
        var signature = Base64UrlEncoder.DecodeBytes(token[(dot + 1)..]);
        signature[signature.Length / 2] ^= 0x01;
        return token[..(dot + 1)] + Base64UrlEncoder.Encode(signature);
    }

    // Only for a bearer token it issued, as a provider's resource endpoint would.
    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.ContainsKey(header[7..].Trim()))
        {
            return Results.Json(new { error = "invalid_token" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        Interlocked.Increment(ref _userInfoAnswers);
        var claims = new Dictionary<string, object> { ["sub"] = Claims["sub"] };
        foreach (var (name, value) in UserInfoClaims ?? Claims)
        {
            claims[name] = value;
        }
        return Results.Json(claims);
    }

    private IResult EndSession(HttpRequest request)
    {
        EndSessions.Enqueue(request.QueryString.Value ?? "");
        var back = request.Query["post_logout_redirect_uri"].ToString();
        return string.IsNullOrEmpty(back)
            ? Results.Text("Signed out at the provider.")
            : Results.Redirect($"{back}?state={Uri.EscapeDataString(request.Query["state"].ToString())}");
    }

    private IResult Refuse(string error, string why)
    {
        _refusals.Enqueue($"{error}: {why}");
        return Results.Json(new { error, error_description = why }, statusCode: StatusCodes.Status400BadRequest);
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
            return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : (null, null);
        }
        return (form["client_id"], form["client_secret"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
