using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Gateway.Devices;

namespace Zaitaku.Gateway;

/// <summary>
/// The gateway face: the pipeline telework PCs reach over closed routes. For now it serves only the
/// posture check-in; the portal and the proxy (issue 5) join this pipeline, never the console's.
/// </summary>
public static class GatewayApp
{
    public static IServiceCollection AddZaitakuGateway(this IServiceCollection services, GatewayOptions options)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        Data.Devices.DevicePolicyTypes.Register();
        services.AddSingleton<DeviceTrustStore>();
        services.AddSingleton<PostureRefusals>();
        services.AddSingleton<PostureWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<PostureWriter>());
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
        app.MapFallback(context => new GatewayRefusal(StatusCodes.Status404NotFound, "not_found",
            new("このアドレスはゲートウェイにありません。", "There is nothing at this address on the gateway.")).WriteAsync(context.Response));
        return app;
    }

    /// <summary>Loads the device trust picture before the first request (and fails start-up on a broken database).</summary>
    public static Task WarmUpAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<DeviceTrustStore>().RefreshAsync(cancellationToken);
}
