using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data.Work;
using Zaitaku.Gateway.Decisions;
using Zaitaku.Gateway.Devices;
using Zaitaku.Gateway.Policy;
using Zaitaku.Gateway.Portal;
using Zaitaku.Gateway.Proxy;

namespace Zaitaku.Gateway;

/// <summary>
/// The gateway face: the pipeline telework PCs reach over closed routes — the portal, the proxy to
/// the internal systems and the posture check-in. Never the console's pipeline. The host supplies the
/// database, accounts (Identity) and Data Protection with keys shared by every node.
/// </summary>
public static class GatewayApp
{
    public static IServiceCollection AddZaitakuGateway(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        Data.Devices.DevicePolicyTypes.Register();
        // The portal starts and ends workdays here; approvals and rules are read by the policy.
        Data.Changes.PolicyChanges.Register(typeof(TeleworkRequest), typeof(OvertimeRequest), typeof(Workday), typeof(WorkRuleSet));
        services.AddSingleton<DeviceTrustStore>();
        services.AddSingleton<PostureRefusals>();
        services.AddSingleton<PostureWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<PostureWriter>());
        services.AddSingleton<PolicyStore>();
        services.AddHostedService(provider => provider.GetRequiredService<PolicyStore>());
        services.AddSingleton<PortalSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<PortalSessions>());
        services.AddSingleton<DecisionLogWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<DecisionLogWriter>());
        services.AddSingleton<GatewayProxy>();
        services.AddHttpForwarder();
        services.AddScoped<WorkdayService>();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-zaitaku-gw-af";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // A __Host- cookie must be Secure with Path=/ (the gateway is HTTPS only).
            antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
            antiforgery.Cookie.Path = "/";
            antiforgery.FormFieldName = "__af";
        });
        return services;
    }

    public static WebApplication MapZaitakuGateway(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/device"), device => device.UseMiddleware<DeviceCertificateMiddleware>());
        app.MapPost("/device/posture", PostureEndpoint.HandleAsync);
        app.MapGet("/__zaitaku/{file}", ServeAsset);
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/device") && !context.Request.Path.StartsWithSegments("/__zaitaku"),
            portal => portal.UseMiddleware<GatewayRequestMiddleware>());
        app.MapPortal();
        var proxy = app.Services.GetRequiredService<GatewayProxy>();
        app.Map("/s/{**rest}", proxy.InvokeAsync);
        app.MapFallback(proxy.NotFoundAsync);
        return app;
    }

    /// <summary>The portal's stylesheets, embedded (the municipal network reaches no CDN).</summary>
    private static async Task ServeAsset(HttpContext context, string file)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + file);
        if (stream is null || !file.EndsWith(".css", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "text/css; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Loads the device trust and every tenant's policy before the first request (and fails start-up on a broken database).</summary>
    public static async Task WarmUpAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<DeviceTrustStore>().RefreshAsync(cancellationToken);
        await services.GetRequiredService<PolicyStore>().RefreshAllAsync(cancellationToken);
    }
}
