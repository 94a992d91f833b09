using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Zaitaku.Benchmarks.Devices;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Data;
using Zaitaku.Data.Changes;
using Zaitaku.Gateway;
using Zaitaku.Server.Hosting;
using Zaitaku.Systems;
using Zaitaku.Web.Devices;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>
/// Issue 5's many-nodes figure: a revocation committed on one node is enforced by a second gateway
/// node on the same PostgreSQL within 1 s (p99 over 100 trials). Node A is a console and a gateway
/// sharing one change hub (as <c>zaitaku serve --roles gateway,console</c>); node B is a gateway with a
/// hub of its own, so it hears of the change only through LISTEN/NOTIFY. Each trial reports a lent PC
/// lost through the console's use case (which revokes its certificate) and measures, from the commit,
/// the time until node B refuses that PC's certificate, polling on a kept-alive mutual-TLS connection.
/// </summary>
internal static class RevocationScenario
{
    public static async Task<int> RunAsync(int trials, string? connection, int trustIntervalMs, int pollMs)
    {
        if (connection is null || DatabaseSettings.Parse(connection).Provider != DatabaseProvider.Postgres)
        {
            await Console.Error.WriteLineAsync("gateway-revocation needs --db with a PostgreSQL connection string (Host=…): two nodes share one database");
            return 2;
        }
        // A database of its own on the given server, dropped afterwards.
        var admin = new NpgsqlConnectionStringBuilder(connection);
        var name = $"zt_revocation_{Guid.NewGuid():N}";
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{name}\"");
        var database = new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(connection) { Database = name }.ConnectionString);
        var folder = Directory.CreateTempSubdirectory("zaitaku-revocation-").FullName;
        try
        {
            await RunTrialsAsync(trials, database, folder, TimeSpan.FromMilliseconds(trustIntervalMs), pollMs);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
        return 0;
    }

    private static async Task RunTrialsAsync(int trials, DatabaseSettings database, string folder, TimeSpan trustInterval, int pollMs)
    {
        await DatabaseSetup.MigrateAsync(database, TimeProvider.System);
        var hubA = new PolicyChanges();
        await using var console = ConsoleHost.Build(new ServerOptions { Database = database, ConsoleUrl = "http://127.0.0.1:0", LogLevel = LogLevel.Warning, Changes = hubA });
        var tenant = await BenchDevices.SeedAsync(console.Services);
        var pcs = new List<(Guid DeviceId, X509Certificate2 Certificate)>();
        using (var scope = console.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            db.TenantScope.SetTenant(tenant.Id);
            db.TenantScope.SetActor(tenant.ItUserId, "it 情報 太郎");
            db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = tenant.Id, Slug = "vpn", Name = "閉域VPN", Kind = Zaitaku.Access.RouteKind.Closed, Cidrs = ["127.0.0.0/8"] });
            await db.SaveChangesAsync();
        }
        for (var n = 0; n < trials; n++)
        {
            var tag = $"RV-{n + 1:D4}";
            var certificate = await BenchDevices.LentPcAsync(console.Services, tenant, tag);
            using var scope = console.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            db.TenantScope.SetTenant(tenant.Id);
            pcs.Add((await db.Devices.Where(d => d.AssetTag == tag).Select(d => d.Id).SingleAsync(), certificate));
        }

        var (caPath, certificatePath, keyPath) = GatewayHost.WriteDemoCertificate(folder, DateTimeOffset.UtcNow, "127.0.0.1");
        using var serverCa = X509CertificateLoader.LoadCertificateFromFile(caPath);
        var quiet = new GatewayOptions { TrustRefreshInterval = trustInterval };
        await using var nodeA = await StartGatewayAsync(database, hubA, certificatePath, keyPath, quiet with { NodeName = "node-a" });
        await using var nodeB = await StartGatewayAsync(database, new PolicyChanges(), certificatePath, keyPath, quiet with { NodeName = "node-b" });
        var addressB = nodeB.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        Console.WriteLine($"database: PostgreSQL; {trials} lent PCs; node A = console + gateway (one change hub), node B = gateway with its own hub (LISTEN/NOTIFY only)");
        Console.WriteLine($"node B: trust re-read at most every {trustInterval.TotalMilliseconds:F0} ms besides notifications, policy rebuilt every 20 s besides notifications; polling every {pollMs} ms");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average before: {LoadAverage()}");

        var fromCommit = new List<double>();
        var fromCall = new List<double>();
        var failures = 0;
        foreach (var (deviceId, certificate) in pcs)
        {
            using var client = Client(certificate, serverCa);
            var portal = new Uri(addressB + "/portal/");
            using (var before = await client.GetAsync(portal))
            {
                if (before.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"node B refused the PC before its revocation: {(int)before.StatusCode}");
            }
            var called = Stopwatch.GetTimestamp();
            using (var scope = console.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
                db.TenantScope.SetTenant(tenant.Id);
                db.TenantScope.SetActor(tenant.ItUserId, "it 情報 太郎");
                var lost = await scope.ServiceProvider.GetRequiredService<DeviceService>().ReportLostAsync(deviceId, "ベンチマーク", new DeviceCaller(null, true));
                if (!lost.IsOk) throw new InvalidOperationException(lost.Error!.Message.En);
            }
            var committed = Stopwatch.GetTimestamp();
            var denied = false;
            while (Stopwatch.GetElapsedTime(committed) < TimeSpan.FromSeconds(10))
            {
                using var response = await client.GetAsync(portal);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    denied = true;
                    break;
                }
                if (pollMs > 0) await Task.Delay(pollMs);
            }
            var now = Stopwatch.GetTimestamp();
            if (!denied)
            {
                failures++;
                continue;
            }
            fromCommit.Add(Stopwatch.GetElapsedTime(committed, now).TotalMilliseconds);
            fromCall.Add(Stopwatch.GetElapsedTime(called, now).TotalMilliseconds);
        }

        fromCommit.Sort();
        fromCall.Sort();
        string Line(List<double> samples) => samples.Count == 0 ? "no samples" :
            $"p50 {Scenarios.Percentile(samples, 50):F1} ms, p99 {Scenarios.Percentile(samples, 99):F1} ms, max {samples[^1]:F1} ms, mean {samples.Average():F1} ms";
        Console.WriteLine($"trials: {trials}; denied by node B within 10 s: {fromCommit.Count}; never denied: {failures}");
        Console.WriteLine($"  commit on node A → node B denies: {Line(fromCommit)}");
        Console.WriteLine($"  report-lost call starts → node B denies: {Line(fromCall)}");
        Console.WriteLine($"  within 1 s: {fromCommit.Count(v => v <= 1000)} of {trials}; target p99 ≤ 1000 ms: {(fromCommit.Count == trials && Scenarios.Percentile(fromCommit, 99) <= 1000 ? "met" : "NOT met")}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        foreach (var (_, certificate) in pcs) certificate.Dispose();
        await nodeB.StopAsync();
        await nodeA.StopAsync();
    }

    private static async Task<WebApplication> StartGatewayAsync(DatabaseSettings database, PolicyChanges changes, string certificatePath, string keyPath, GatewayOptions options)
    {
        var app = GatewayHost.Build(
            new ServerOptions { Database = database, LogLevel = LogLevel.Warning, Changes = changes },
            new GatewayHostOptions { Url = "https://127.0.0.1:0", CertificatePath = certificatePath, KeyPath = keyPath, Gateway = options });
        await GatewayApp.WarmUpAsync(app.Services);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(X509Certificate2 certificate, X509Certificate2 serverCa) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [certificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, server, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(serverCa);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var presented = new X509Certificate2(server!);
                return chain.Build(presented);
            },
        },
    });

    private static async Task ExecuteAsync(string connectionString, string statement)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
