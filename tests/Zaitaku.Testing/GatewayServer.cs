using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography.X509Certificates;
using Zaitaku.Gateway;
using Zaitaku.Gateway.Devices;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Testing;

/// <summary>
/// The gateway face on a real Kestrel HTTPS server on a free loopback port, on the same database and
/// clock as a <see cref="ConsoleServer"/>, with a throwaway server certificate from its own CA.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private GatewayServer(WebApplication app, Uri address, X509Certificate2 serverCa, string caPath, string folder)
    {
        _app = app;
        Address = address;
        ServerCa = serverCa;
        ServerCaPath = caPath;
        _folder = folder;
    }

    /// <summary>The same CA as a PEM file, for the agent's --ca.</summary>
    public string ServerCaPath { get; }

    /// <summary>https://127.0.0.1:port/</summary>
    public Uri Address { get; }

    /// <summary>The CA of the gateway's TLS certificate, for clients to trust.</summary>
    public X509Certificate2 ServerCa { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a gateway on the console's database and change hub; trust is re-read on every request unless an interval is given.
    /// <paramref name="changes"/> gives the node a change hub of its own, as another process would have (on PostgreSQL it then hears
    /// changes only through LISTEN/NOTIFY).
    /// </summary>
    public static async Task<GatewayServer> StartAsync(ConsoleServer console, GatewayOptions? options = null, Zaitaku.Data.Changes.PolicyChanges? changes = null)
    {
        var folder = Directory.CreateTempSubdirectory("zaitaku-gateway-").FullName;
        var (caPath, certificatePath, keyPath) = GatewayHost.WriteDemoCertificate(folder, console.Time.GetUtcNow(), "127.0.0.1", "localhost");
        var app = GatewayHost.Build(
            new ServerOptions
            {
                Database = console.Database, Time = console.Time, LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
                // One change hub per process, as serve and demo share it between the two faces.
                Changes = changes ?? console.Services.GetRequiredService<Zaitaku.Data.Changes.PolicyChanges>(),
                Presence = console.Services.GetRequiredService<Zaitaku.Data.Changes.PresenceChanges>(),
            },
            new GatewayHostOptions
            {
                Url = "https://127.0.0.1:0",
                CertificatePath = certificatePath,
                KeyPath = keyPath,
                Gateway = options ?? new GatewayOptions { TrustRefreshInterval = TimeSpan.Zero },
            });
        await GatewayApp.WarmUpAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, new Uri(address), X509CertificateLoader.LoadCertificateFromFile(caPath), caPath, folder);
    }

    /// <summary>The posture endpoint.</summary>
    public Uri PostureEndpoint => new(Address, "/device/posture");

    /// <summary>Re-reads CAs, revocations and rules now.</summary>
    public Task RefreshTrustAsync() => Services.GetRequiredService<DeviceTrustStore>().RefreshAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ServerCa.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
