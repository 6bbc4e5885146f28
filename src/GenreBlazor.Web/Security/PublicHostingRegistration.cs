using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace GenreBlazor.Web.Security;

/// <summary>What a public page needs in front of everything else: the client's real address, TLS, headers, API errors, rate limits.</summary>
public static class PublicHostingRegistration
{
    /// <summary>Binds <see cref="HostingOptions"/> and <see cref="LimitOptions"/> and registers the rate limiter.</summary>
    public static WebApplicationBuilder AddPublicHosting(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingOptions>>((forwarded, hosting) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named; the framework's default (loopback) is dropped so that nothing is believed unasked.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in hosting.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in hosting.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = false;
        });
        services.AddExceptionHandler<ApiErrors.Handler>();
        services.AddAbuseLimits();
        return builder;
    }

    /// <summary>The middleware, outermost first: forwarded headers, HTTPS, security headers, API errors, rate limits.</summary>
    public static WebApplication UsePublicHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.BehindTls)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        var contentSecurityPolicy = SecurityHeaders.ContentSecurityPolicyAlsoPostingTo(
            OperatorSignOn.FormOrigin(app.Services.GetRequiredService<IOptions<OperatorOptions>>().Value));
        app.Use((context, next) =>
        {
            // At the start of the response, so error handlers that clear the headers do not drop them.
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context.Response.Headers, contentSecurityPolicy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.Use(ApiErrors.GuardAsync);
        app.UseWhen(ApiErrors.IsApi, api => api.UseStatusCodePages(ApiErrors.StatusAsync));
        app.UseRateLimiter();
        return app;
    }
}
