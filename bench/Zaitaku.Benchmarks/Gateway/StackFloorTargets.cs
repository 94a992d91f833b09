using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Zaitaku.Devices.Pki;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>
/// The .NET stack's floor in the gateway-vs-nginx run: the twins of nginx's two rows on Kestrel, each in its own
/// process with the zaitaku executable's GC settings. "kestrel page over mTLS (no proxy)" serves the upstream's page
/// itself; "yarp alone (mTLS)" forwards <c>/s/docs/</c> to the same upstream with YARP's forwarder and the gateway's
/// HttpClient settings. Both take the gateway's TLS settings exactly (<see cref="GatewayHost"/>: the same ECDSA
/// certificate, TLS 1.2/1.3 with the generator offering 1.3 only, a client certificate asked for and its chain built
/// against no root) and check the presented certificate against the tenant's device CA once per connection, as the
/// gateway's request middleware does with <see cref="DeviceCertificateValidator"/>; a request without a valid one gets
/// 403. No Zaitaku decision, no decision log, no session, no response headers of the gateway's own.
/// </summary>
internal static class StackFloorTargets
{
    /// <summary>Starts the page twin; the child answers every path with the upstream's page.</summary>
    public static BenchChild StartKestrelPage(GatewayBenchSetup setup, int port) =>
        BenchChild.Start("kestrel-page", "--port", port.ToString(CultureInfo.InvariantCulture), "--cert", setup.ServerCertificatePath, "--key", setup.ServerKeyPath,
            "--ca", setup.DeviceCaPath);

    /// <summary>Starts the forwarder twin in front of <paramref name="upstream"/>.</summary>
    public static BenchChild StartYarpAlone(GatewayBenchSetup setup, int port, Uri upstream) =>
        BenchChild.Start("yarp-alone", "--port", port.ToString(CultureInfo.InvariantCulture), "--cert", setup.ServerCertificatePath, "--key", setup.ServerKeyPath,
            "--ca", setup.DeviceCaPath, "--upstream", upstream.ToString());

    /// <summary>Child mode <c>kestrel-page</c>.</summary>
    public static async Task KestrelPageAsync(int port, string certificate, string key, string deviceCa)
    {
        var page = Encoding.UTF8.GetBytes(NginxServer.Page);
        await using var app = Build(port, certificate, key, deviceCa, _ => { });
        var validator = app.Services.GetRequiredService<DeviceCertificateValidator>();
        app.Run(async context =>
        {
            if (!Presented(context, validator))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            context.Response.ContentType = "text/html";
            context.Response.ContentLength = page.Length;
            await context.Response.Body.WriteAsync(page, context.RequestAborted);
        });
        await RunAsync(app);
    }

    /// <summary>Child mode <c>yarp-alone</c>.</summary>
    public static async Task YarpAloneAsync(int port, string certificate, string key, string deviceCa, string upstream)
    {
        await using var app = Build(port, certificate, key, deviceCa, services => services.AddHttpForwarder());
        var validator = app.Services.GetRequiredService<DeviceCertificateValidator>();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        // The gateway's upstream client (GatewayProxy), setting for setting.
        using var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        var config = new ForwarderRequestConfig { ActivityTimeout = new Zaitaku.Gateway.GatewayOptions().UpstreamTimeout };
        var transformer = new StripPrefix("/s/docs");
        app.Run(async context =>
        {
            if (!context.Request.Path.StartsWithSegments("/s/docs"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!Presented(context, validator))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            var error = await forwarder.SendAsync(context, upstream, client, config, transformer);
            if (error != ForwarderError.None && !context.Response.HasStarted) context.Response.StatusCode = StatusCodes.Status502BadGateway;
        });
        await RunAsync(app);
    }

    /// <summary>Kestrel exactly as <see cref="GatewayHost.Build"/> sets it up for TLS, with logging off and nothing else.</summary>
    private static WebApplication Build(int port, string certificate, string key, string deviceCa, Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var serverCertificate = GatewayHost.LoadCertificate(certificate, key);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 32L * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.CheckCertificateRevocation = false;
                https.ClientCertificateValidation = static (_, _, _) => true;
                https.OnAuthenticate = static (_, ssl) => ssl.CertificateChainPolicy = GatewayHost.PresentedChainPolicy;
            }));
        });
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(deviceCa));
        builder.Services.AddSingleton(new DeviceCertificateValidator(authority, RevokedSerialSet.Empty));
        services(builder.Services);
        return builder.Build();
    }

    private static readonly object CertificateKey = new();

    /// <summary>Whether the connection's certificate is a current one of the device CA: checked once per connection, as the gateway does.</summary>
    private static bool Presented(HttpContext context, DeviceCertificateValidator validator)
    {
        var certificate = context.Connection.ClientCertificate;
        if (certificate is null) return false;
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items?.TryGetValue(CertificateKey, out var cached) == true && cached is bool known) return known;
        var valid = validator.Validate(certificate, DateTimeOffset.UtcNow).IsOk;
        if (items is not null) items[CertificateKey] = valid;
        return valid;
    }

    private static async Task RunAsync(WebApplication app)
    {
        await app.StartAsync();
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync();
    }

    /// <summary>As nginx's <c>proxy_pass http://docs/</c> in <c>location /s/docs/</c>: the prefix goes, the rest and the query stay.</summary>
    private sealed class StripPrefix(string prefix) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            var path = httpContext.Request.Path.StartsWithSegments(prefix, out var rest) ? rest : httpContext.Request.Path;
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path, httpContext.Request.QueryString);
            proxyRequest.Headers.Host = null;
        }
    }
}
