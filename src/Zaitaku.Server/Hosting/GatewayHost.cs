using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Zaitaku.Gateway;
using Zaitaku.Web.Operations;

namespace Zaitaku.Server.Hosting;

/// <summary>Where and how the gateway face listens.</summary>
public sealed record GatewayHostOptions
{
    /// <summary>The HTTPS address, e.g. <c>https://0.0.0.0:443</c>; port 0 picks a free one (tests).</summary>
    public required string Url { get; init; }

    /// <summary>The gateway's TLS certificate, PEM.</summary>
    public required string CertificatePath { get; init; }

    /// <summary>Its private key, PEM (unencrypted).</summary>
    public required string KeyPath { get; init; }

    /// <summary>What the gateway trusts and serves.</summary>
    public GatewayOptions Gateway { get; init; } = new();
}

/// <summary>
/// Builds the gateway face: its own Kestrel server on HTTPS with the gateway's certificate, asking
/// every client for a certificate (AllowCertificate) and leaving the decision to Zaitaku (tenant CA,
/// revocation, usage), with its own pipeline. Nothing of the console is mapped here.
/// </summary>
public static class GatewayHost
{
    public static WebApplication Build(ServerOptions server, GatewayHostOptions gateway)
    {
        var (address, port) = ParseUrl(gateway.Url);
        var certificate = LoadCertificate(gateway.CertificatePath, gateway.KeyPath);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The executable's own name: hosting loads startup code from the assembly the application is named after.
            ApplicationName = typeof(GatewayHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddEnvironmentVariables("ZAITAKU_");
        builder.Configuration.AddInMemoryCollection(server.Settings);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Forms and the systems' own uploads (where a system allows them); posture reports are far smaller.
            kestrel.Limits.MaxRequestBodySize = 32L * 1024 * 1024;
            kestrel.Listen(address, port, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.CheckCertificateRevocation = false;
                // Zaitaku decides (DeviceCertificateMiddleware): the tenant CA, the revoked set and the usage, answered in JSON.
                https.ClientCertificateValidation = static (_, _, _) => true;
                https.OnAuthenticate = static (_, ssl) => ssl.CertificateChainPolicy = PresentedChainPolicy;
            }));
        });
        ConsoleHost.ConfigureLogging(builder.Logging, server);

        builder.Services.AddZaitakuDatabase(server.ResolveDatabase(), server.Time, server.Changes, server.Presence);
        // Portal cookies are protected with the keys every node shares through the database.
        builder.Services.AddDataProtection().SetApplicationName("Zaitaku").PersistKeysToDbContext<Zaitaku.Data.ZaitakuDb>();
        Zaitaku.Data.Accounts.AccountsSetup.AddZaitakuAccounts(builder.Services);
        builder.Services.AddZaitakuGateway(gateway.Gateway);
        var database = server.ResolveDatabase();
        if (database.Provider == Zaitaku.Data.DatabaseProvider.Postgres)
        {
            // Changes committed on any node arrive as notifications; SQLite (one node) raises them in-process.
            builder.Services.AddHostedService(provider => new Zaitaku.Data.Postgres.PostgresPolicyListener(database.ConnectionString,
                provider.GetRequiredService<Zaitaku.Data.Changes.PolicyChanges>(), provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Zaitaku.Data.Postgres.PostgresPolicyListener>>()));
        }
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            // The request, connection and error meters; not the memory-pool and routing meters that
            // AddAspNetCoreInstrumentation also enables (≈ 4.5 % of the gateway's CPU in the 26 November profile).
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics")
            .AddRuntimeInstrumentation()
            .AddMeter("Zaitaku")
            .AddPrometheusExporter());
        server.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        var networks = server.MetricsNetworks;
        // Metrics for the operator, from loopback or the configured networks only; a telework route never reads them.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (context, next) =>
        {
            if (!OperationsEndpoints.MetricsAllowed(context.Connection.RemoteIpAddress, networks))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        }));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapZaitakuGateway();
        return app;
    }

    /// <summary>
    /// How TLS builds the chain of a presented certificate before Zaitaku looks at it: against no root at
    /// all, with no download and no revocation check. The outcome is ignored (Zaitaku checks the tenant CA
    /// itself); this only keeps the handshake from walking the operating system's trust store each time.
    /// </summary>
    public static readonly X509ChainPolicy PresentedChainPolicy = new()
    {
        TrustMode = X509ChainTrustMode.CustomRootTrust,
        RevocationMode = X509RevocationMode.NoCheck,
        DisableCertificateDownloads = true,
    };

    /// <summary>The certificate and key of the gateway, usable by TLS on every OS.</summary>
    public static X509Certificate2 LoadCertificate(string certificatePath, string keyPath)
    {
        if (!File.Exists(certificatePath)) throw new FileNotFoundException($"The gateway certificate {certificatePath} does not exist.", certificatePath);
        if (!File.Exists(keyPath)) throw new FileNotFoundException($"The gateway key {keyPath} does not exist.", keyPath);
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        // A PKCS#12 round trip gives a persisted key, which SslStream needs on Windows; harmless elsewhere.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static (IPAddress Address, int Port) ParseUrl(string url)
    {
        var normalized = url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"The gateway URL \"{url}\" must be an https:// address such as https://0.0.0.0:443.", nameof(url));
        var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host.Trim('[', ']'));
        return (address, uri.Port);
    }

    /// <summary>
    /// A private CA and a gateway certificate signed by it for the given host names and addresses,
    /// written as PEM files (for the demo and tests; a deployment uses its own certificate).
    /// Returns the paths: CA certificate, gateway certificate, gateway key.
    /// </summary>
    public static (string CaPath, string CertificatePath, string KeyPath) WriteDemoCertificate(string folder, DateTimeOffset now, params string[] names)
    {
        Directory.CreateDirectory(folder);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Zaitaku Demo Gateway CA, O=Zaitaku demo", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Zaitaku Demo Gateway", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Length == 0 ? ["localhost", "127.0.0.1"] : names)
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var certificate = request.Create(ca, now.AddDays(-1), now.AddYears(2), Zaitaku.Devices.Pki.CertificateSerial.NewRandom());

        var caPath = Path.Combine(folder, "gateway-ca.pem");
        var certificatePath = Path.Combine(folder, "gateway.crt.pem");
        var keyPath = Path.Combine(folder, "gateway.key.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (caPath, certificatePath, keyPath);
    }
}
