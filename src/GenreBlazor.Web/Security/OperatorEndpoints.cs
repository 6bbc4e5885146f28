using GenreBlazor.Core.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Security;

/// <summary>The Operator page's sign-in and sign-out, and who the caller is.</summary>
public static class OperatorEndpoints
{
    /// <summary>Who the caller is, as an operator.</summary>
    /// <param name="Name">Display name.</param>
    /// <param name="Method">How they signed in: <c>key</c>, <c>password</c> or <c>openid</c>.</param>
    public sealed record OperatorIdentity(string Name, string Method);

    /// <summary>
    /// Maps <c>POST /operator/sign-in</c>, <c>POST /operator/sign-out</c> and <c>GET /api/operator</c>, and the
    /// OpenID Connect sign-in when it is configured.
    /// </summary>
    public static WebApplication MapOperatorAccess(this WebApplication app)
    {
        // A form post from the Operator page (antiforgery-checked by the framework for form-bound endpoints).
        app.MapPost("/operator/sign-in", async ([FromForm] string? password, [FromForm] string? returnUrl, HttpContext context, IOptions<OperatorOptions> operators) =>
        {
            var configured = operators.Value;
            if (string.IsNullOrWhiteSpace(configured.PasswordHash))
            {
                return Results.LocalRedirect("/operator?problem=no-password");
            }
            if (!OperatorSecrets.PasswordMatches(password ?? "", configured.PasswordHash))
            {
                // A wrong guess costs the guesser a second on top of the hash's own cost.
                await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
                return Results.LocalRedirect("/operator?problem=wrong-password");
            }
            await context.SignInAsync(OperatorAccess.CookieScheme, OperatorAccess.Principal("password", OperatorAccess.CookieScheme));
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/operator");
        }).ExcludeFromDescription();

        app.MapPost("/operator/sign-out", async ([FromForm] string? returnUrl, HttpContext context) =>
        {
            // The provider's sign-out first: it reads the id_token it needs from the cookie this request still carries.
            var atProvider = await OperatorSignOn.EndProviderSessionAsync(context);
            await context.SignOutAsync(OperatorAccess.CookieScheme);
            return atProvider ? Results.Empty : Results.LocalRedirect("/operator");
        }).ExcludeFromDescription();

        if (app.Services.GetRequiredService<IOptions<OperatorOptions>>().Value.OpenIdConnect.IsConfigured)
        {
            app.MapOperatorSignOn();
        }

        app.MapGet("/api/operator", (HttpContext context) => TypedResults.Ok(new OperatorIdentity(
                context.User.Identity?.Name ?? "operator",
                context.User.FindFirst(OperatorAccess.MethodClaim)?.Value ?? "unknown")))
            .RequireAuthorization(OperatorAccess.Policy)
            .WithTags("Operators").WithName("WhoAmI").WithSummary("The operator the credentials sign in (401 without, 403 for a wrong key)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
