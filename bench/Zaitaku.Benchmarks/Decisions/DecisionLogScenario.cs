using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zaitaku.Audit;
using Zaitaku.Benchmarks.Devices;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Benchmarks.Decisions;

/// <summary>
/// The console's decision-log page on a log of millions of rows: each filter's first page and a deep
/// page, signed in as IT through the real pages; then what the search indexes cost the gateway's group
/// commit (the same batches appended with and without them).
/// </summary>
internal static class DecisionLogScenario
{
    private const int Staff = 2_000;
    private const int Batch = 4_096;

    public static async Task RunAsync(int decisions, int requests, string? connection)
    {
        var folder = Directory.CreateTempSubdirectory("zaitaku-decisions-").FullName;
        var database = connection is null ? DatabaseSettings.SqliteIn(folder) : DatabaseSettings.Parse(connection);
        await DatabaseSetup.MigrateAsync(database, TimeProvider.System);
        await using var app = ConsoleHost.Build(new ServerOptions { Database = database, ConsoleUrl = "http://127.0.0.1:0", LogLevel = LogLevel.Warning });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var tenant = await BenchDevices.SeedAsync(app.Services);

        var seeding = Stopwatch.StartNew();
        var rows = await SeedAsync(app.Services, tenant.Id, decisions);
        Console.WriteLine($"database: {database.Provider}; {decisions:N0} requests ({rows:N0} rows with the results of allowed ones) over 30 days, written in {seeding.Elapsed.TotalSeconds:F0} s");

        using var browser = await BenchDevices.SignInAsync(address, tenant);
        var someRequest = RequestId(decisions / 3);
        var deep = await DeepCursorAsync(app.Services, tenant.Id, decisions / 2);
        (string Name, string Path)[] queries =
        [
            ("newest page, no filter", "/decisions"),
            ("staff number", $"/decisions?staff=S{77:0000}"),
            ("PC serial", $"/decisions?device=ZT-{1234:00000}"),
            ("source address", "/decisions?address=10.20.7.77"),
            ("source address never seen", "/decisions?address=192.0.2.1"),
            ("request id", $"/decisions?request={someRequest}"),
            ("request detail", $"/decisions/{someRequest}"),
            ("denied only", "/decisions?outcome=deny"),
            ("common reason (route_not_closed)", "/decisions?reason=route_not_closed"),
            ("rare reason, one day", "/decisions?reason=segment_mynumber&from=2026-11-10&to=2026-11-10"),
            ("rare reason, whole log", "/decisions?reason=segment_mynumber"),
            ("one hour of one day", "/decisions?from=2026-11-12T10:00&to=2026-11-12T10:59"),
            ("deep page (middle of the log)", $"/decisions?older={deep}"),
        ];
        foreach (var (_, path) in queries) await GetAsync(browser, path);
        Console.WriteLine($"| query | p50 ms | p95 ms | max ms | ({requests} requests each) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var (name, path) in queries)
        {
            var samples = new List<double>(requests);
            for (var i = 0; i < requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await GetAsync(browser, path);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            samples.Sort();
            Console.WriteLine($"| {name} | {Scenarios.Percentile(samples, 50):F1} | {Scenarios.Percentile(samples, 95):F1} | {samples[^1]:F1} | `{path}` |");
        }

        var baseline = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await browser.GetAsync("/account");
            await response.Content.ReadAsStringAsync();
            baseline.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        baseline.Sort();
        Console.WriteLine($"baseline, a console page without the log (/account): p50 {Scenarios.Percentile(baseline, 50):F1} ms, p95 {Scenarios.Percentile(baseline, 95):F1} ms");

        await WriteCostAsync(app.Services, tenant.Id, decisions);
        Console.WriteLine($"load average: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        await app.StopAsync();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private static async Task GetAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("アクセス判定の記録", StringComparison.Ordinal))
            throw new InvalidOperationException($"{path} answered {response.StatusCode}");
    }

    private static string RequestId(int k) => (0x10000000_00000000UL + (ulong)k * 0x9E3779B97F4A7C15UL).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A request as the gateway logs it: 85 % allowed (with a result), the rest denied for one or two reasons.</summary>
    private static IEnumerable<DecisionRecord> Request(Guid tenant, int k)
    {
        var chain = DecisionRecord.ChainFor(tenant, "gw1");
        var roll = (int)((uint)(k * 2654435761u) % 10_000);
        var reasons = roll switch
        {
            0 => "segment_mynumber",
            < 600 => "route_not_closed",
            < 1000 => "no_approved_telework",
            < 1300 => "not_clocked_in",
            < 1400 => "device_posture_stale",
            < 1500 => "not_clocked_in,outside_work_hours",
            _ => "",
        };
        var person = k % Staff;
        var decision = new DecisionRecord
        {
            ChainId = chain, TenantId = tenant, Node = "gw1", Kind = DecisionEntryKind.Decision, RequestId = RequestId(k),
            StaffNumber = $"S{person:0000}", DeviceSerial = $"ZT-{person:00000}", SourceAddress = $"10.20.{person / 250}.{person % 250}",
            Route = "vpn", System = k % 4 == 0 ? "zeimu" : "docs", Method = "GET", Path = $"/documents/{k % 997}", Allow = reasons == "", Reasons = reasons,
            Status = reasons == "" ? null : 403, PreviousHash = "", Hash = "",
        };
        yield return decision;
        if (reasons != "") yield break;
        yield return new DecisionRecord
        {
            ChainId = chain, TenantId = tenant, Node = "gw1", Kind = DecisionEntryKind.Result, RequestId = decision.RequestId,
            StaffNumber = decision.StaffNumber, DeviceSerial = decision.DeviceSerial, SourceAddress = decision.SourceAddress, Route = "vpn", System = decision.System,
            Method = "GET", Path = decision.Path, Allow = true, Status = 200, Bytes = 4_000 + k % 40_000, DurationMs = 5 + k % 50, PreviousHash = "", Hash = "",
        };
    }

    private static async Task<long> SeedAsync(IServiceProvider services, Guid tenant, int decisions)
    {
        var start = new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.FromHours(9));
        var step = TimeSpan.FromDays(30) / Math.Max(1, decisions / 1_000);
        long rows = 0;
        var batch = new List<DecisionRecord>(Batch + 1);
        for (var k = 0; k < decisions; k += 1_000)
        {
            for (var j = k; j < Math.Min(decisions, k + 1_000); j++) batch.AddRange(Request(tenant, j));
            // One group commit per 1,000 requests, as a busy gateway writes them.
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            await DecisionLogStore.AppendAsync(db, batch, start + step * (k / 1_000));
            rows += batch.Count;
            batch.Clear();
        }
        return rows;
    }

    private static async Task<string> DeepCursorAsync(IServiceProvider services, Guid tenant, int k)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var id = RequestId(k);
        var record = await db.DecisionRecords.AsNoTracking().SingleAsync(r => r.TenantId == tenant && r.RequestId == id && r.Kind == DecisionEntryKind.Decision);
        return Web.Decisions.DecisionQueries.CursorOf(record);
    }

    /// <summary>Appends the same 20 group commits of 1,000 requests with the search indexes and without them.</summary>
    private static async Task WriteCostAsync(IServiceProvider services, Guid tenant, int offset)
    {
        async Task<double> AppendAsync(int from)
        {
            var samples = new List<double>();
            for (var b = 0; b < 20; b++)
            {
                var batch = Enumerable.Range(from + b * 1_000, 1_000).SelectMany(k => Request(tenant, k)).ToList();
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
                var started = Stopwatch.GetTimestamp();
                await DecisionLogStore.AppendAsync(db, batch, db.Time.GetUtcNow());
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            samples.Sort();
            return Scenarios.Percentile(samples, 50);
        }

        var with = await AppendAsync(offset + 1_000_000);
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Decisions_TenantId_StaffNumber_At\"");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Decisions_TenantId_DeviceSerial_At\"");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_Decisions_TenantId_SourceAddress_At\"");
        }
        var without = await AppendAsync(offset + 2_000_000);
        Console.WriteLine($"group commit of 1,000 requests (~1,850 rows) on the full log: median {with:F1} ms with the three search indexes, {without:F1} ms without ({(with / without - 1) * 100:F0} % more)");
    }
}
