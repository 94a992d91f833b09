using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Zaitaku.Benchmarks.Devices;
using Zaitaku.Data;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>What the gateway-vs-nginx scenario prepared, for the Zaitaku gateway to stand on the same footing as nginx.</summary>
internal sealed record GatewayBenchSetup
{
    /// <summary>The scenario's temporary folder (deleted at the end): the gateway's files go here.</summary>
    public required string Folder { get; init; }

    /// <summary>SQLite in <see cref="Folder"/> (or an empty PostgreSQL database with <c>--db</c>), migrated, holding the bench tenant (139998), its IT staff member and the PC lent to them.</summary>
    public required DatabaseSettings Database { get; init; }

    /// <summary>The bench tenant: its id, the IT account (password <see cref="BenchDevices.Password"/>, TOTP secret) and the staff member the PC is lent to.</summary>
    public required BenchDevices.Tenant Tenant { get; init; }

    /// <summary>The upstream nginx (plain HTTP, keep-alive): every path answers the same 2 KB page with 200.</summary>
    public required Uri UpstreamUrl { get; init; }

    /// <summary>The server certificate nginx serves (ECDSA P-256, SAN 127.0.0.1), PEM; the gateway serves the same one.</summary>
    public required string ServerCertificatePath { get; init; }

    /// <summary>Its private key, PEM (unencrypted).</summary>
    public required string ServerKeyPath { get; init; }

    /// <summary>The CA of the server certificate, PEM: the only root the load generator trusts.</summary>
    public required string ServerCaPath { get; init; }

    /// <summary>The tenant's device CA (from the database), PEM: what nginx's <c>ssl_client_certificate</c> names.</summary>
    public required string DeviceCaPath { get; init; }

    /// <summary>The lent PC's certificate with its private key, issued by the tenant CA: the generator presents it to both proxies.</summary>
    public required X509Certificate2 ClientCertificate { get; init; }

    /// <summary>The lent PC's asset tag (its certificate's CN).</summary>
    public required string DeviceAssetTag { get; init; }

    /// <summary>Seeds the database, issues the PC's certificate through the console's own use cases, and writes every PEM file.</summary>
    public static async Task<GatewayBenchSetup> CreateAsync(string folder, Uri upstream, DatabaseSettings database, CancellationToken cancellationToken)
    {
        await DatabaseSetup.MigrateAsync(database, TimeProvider.System, cancellationToken);
        const string assetTag = "PC-00001";
        BenchDevices.Tenant tenant;
        X509Certificate2 issued;
        await using (var console = ConsoleHost.Build(new ServerOptions { Database = database, ConsoleUrl = "http://127.0.0.1:0", LogLevel = LogLevel.Warning }))
        {
            tenant = await BenchDevices.SeedAsync(console.Services);
            issued = await BenchDevices.LentPcAsync(console.Services, tenant, assetTag);
        }
        var deviceCa = await BenchDevices.WriteCaPemAsync(database, tenant.Id, Path.Combine(folder, "device-ca.pem"), cancellationToken);
        var clientCertificate = Path.Combine(folder, "client.crt.pem");
        var clientKey = Path.Combine(folder, "client.key.pem");
        using (issued)
        using (var key = issued.GetECDsaPrivateKey()!)
        {
            await File.WriteAllTextAsync(clientCertificate, issued.ExportCertificatePem(), cancellationToken);
            await File.WriteAllTextAsync(clientKey, key.ExportPkcs8PrivateKeyPem(), cancellationToken);
        }
        var (serverCa, serverCertificate, serverKey) = GatewayHost.WriteDemoCertificate(folder, DateTimeOffset.UtcNow, "127.0.0.1");
        return new GatewayBenchSetup
        {
            Folder = folder,
            Database = database,
            Tenant = tenant,
            UpstreamUrl = upstream,
            ServerCertificatePath = serverCertificate,
            ServerKeyPath = serverKey,
            ServerCaPath = serverCa,
            DeviceCaPath = deviceCa,
            // The generator loads the PC's identity from PEM, as a PC's agent would hold it.
            ClientCertificate = LoadPem(clientCertificate, clientKey),
            DeviceAssetTag = assetTag,
        };
    }

    private static X509Certificate2 LoadPem(string certificate, string key)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
        // A PKCS#12 round trip gives a persisted key, which SslStream needs on Windows; harmless elsewhere.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>The running Zaitaku gateway as the load generator drives it.</summary>
/// <param name="BaseUrl">Its https:// address on loopback, e.g. <c>https://127.0.0.1:41234</c>.</param>
/// <param name="Path">The path every request asks for, e.g. <c>/s/docs/</c>, forwarded to the upstream.</param>
/// <param name="Cookie">The Cookie header (e.g. <c>__Host-zaitaku-gw=…</c>) of a signed-in portal session, or null.</param>
/// <param name="ProcessId">The gateway's own process, whose CPU time is measured; null when it runs inside the scenario's process (then no CPU figure).</param>
/// <param name="Server">Stops the gateway (and waits until its decision log is flushed).</param>
internal sealed record GatewayTarget(Uri BaseUrl, string Path, string? Cookie, int? ProcessId, IAsyncDisposable Server);

/// <summary>
/// This executable again in one of the scenario child modes (<c>scenario NAME --opt value …</c>), returned once it
/// prints "ready", so that a server runs in its own process and its CPU is measured apart from the generator's.
/// Disposing kills it and waits.
/// </summary>
internal sealed class BenchChild : IAsyncDisposable
{
    private BenchChild(Process process) => Process = process;

    public Process Process { get; }

    public static BenchChild Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // The runtime settings of the zaitaku executable (Zaitaku.Server.csproj: workstation GC, not concurrent, TieredPGO),
        // which this benchmark executable does not share; ZAITAKU_BENCH_CHILD_GC=inherit keeps the benchmark's own (as before 26 November 14:00 UTC).
        if (Environment.GetEnvironmentVariable("ZAITAKU_BENCH_CHILD_GC") != "inherit")
        {
            start.Environment["DOTNET_gcServer"] = "0";
            start.Environment["DOTNET_gcConcurrent"] = "0";
            start.Environment["DOTNET_TieredPGO"] = "1";
        }
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(BenchChild).Assembly.Location);
        start.ArgumentList.Add("scenario");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var child = Process.Start(start)!;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line == "ready") return new BenchChild(child);
        }
        child.Dispose();
        throw new InvalidOperationException($"{string.Join(' ', arguments)} did not start");
    }

    /// <summary>Kills it (if still running) and waits for it to end; the process stays readable until disposed.</summary>
    public async Task StopAsync()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Process.Dispose();
    }
}
