using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Dashboards;

namespace Zaitaku.Web.Tests.Dashboards;

/// <summary>The dashboard's gateway denials: counted by reason and day from the decision log, filtered, drilled into.</summary>
public sealed class DenialDashboardTests
{
    private static DecisionRecord Decision(TenantSeed seed, bool allow, string reasons, string system = "docs", int staff = 0) => new()
    {
        ChainId = DecisionRecord.ChainFor(seed.Tenant.Id, "gw1"),
        TenantId = seed.Tenant.Id,
        Node = "gw1",
        Kind = DecisionEntryKind.Decision,
        RequestId = Guid.NewGuid().ToString("N"),
        StaffId = seed.Staff[staff].Id.ToString(),
        StaffNumber = seed.Staff[staff].StaffNumber,
        DeviceSerial = "PC-0001",
        SourceAddress = "10.20.0.5",
        Route = "vpn",
        System = system,
        Method = "GET",
        Path = "/s/" + system + "/",
        Allow = allow,
        Reasons = reasons,
        PreviousHash = "",
        Hash = "",
    };

    private static async Task LogAsync(ConsoleServer server, DateTimeOffset at, params DecisionRecord[] records)
    {
        using var scoped = server.OpenDb(records[0].TenantId);
        await DecisionLogStore.AppendAsync(scoped.Db, records, at);
    }

    private static DateTimeOffset Tokyo(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(9));

    private static async Task<(ConsoleServer Server, TenantSeed Seed)> SeedAsync(DatabaseProvider provider)
    {
        var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var other = await TenantSeed.CreateAsync(server, "131002", "ベータ町", "B");
        await LogAsync(server, Tokyo(11, 2),
            Decision(seed, true, ""), Decision(seed, true, ""), Decision(seed, true, ""), Decision(seed, true, ""), Decision(seed, true, ""),
            Decision(seed, false, "route_not_closed"), Decision(seed, false, "route_not_closed", staff: 2), Decision(seed, false, "route_not_closed", staff: 4),
            Decision(seed, false, "route_not_closed,no_approved_telework", staff: 4));
        await LogAsync(server, Tokyo(11, 5), Decision(seed, false, "segment_mynumber", "tax", staff: 6), Decision(seed, false, "segment_mynumber", "tax", staff: 6));
        // Outside the period, and another municipality's denials: neither may be counted.
        await LogAsync(server, Tokyo(10, 31, 23), Decision(seed, false, "device_not_lent"));
        await LogAsync(server, Tokyo(11, 3), Decision(other, false, "device_unknown"), Decision(other, false, "device_unknown"));
        return (server, seed);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dashboard_November_CountsDenialsByReasonAndDayFromTheLog(DatabaseProvider provider)
    {
        var (server, seed) = await SeedAsync(provider);
        await using var _ = server;
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);

        var page = await client.GetAsync("/dashboard?from=2026-11-01&to=2026-11-26");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("6件", page.Document.QuerySelector("[data-testid=denied-count]")!.TextContent.Trim());
        Assert.Contains("11件", page.Document.QuerySelector("[data-testid=denial-figures]")!.TextContent, StringComparison.Ordinal);
        var reasons = page.Document.QuerySelectorAll("[data-testid=denial-reasons] tbody tr")
            .Select(r => (r.Children[0].TextContent.Trim(), r.Children[1].TextContent.Trim())).ToList();
        Assert.Equal([("route_not_closed", "4"), ("segment_mynumber", "2"), ("no_approved_telework", "1")], reasons);
        Assert.DoesNotContain("device_unknown", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("device_not_lent", page.Html, StringComparison.Ordinal);
        var byDay = page.Document.QuerySelector("script#denials-by-day")!.TextContent;
        Assert.Contains("\"data\":[0,4,0,0,2,0", byDay, StringComparison.Ordinal);

        var link = page.Document.QuerySelector("[data-testid=denial-reasons] tbody a")!.GetAttribute("href")!;
        Assert.Equal(link, page.Document.QuerySelector("[data-testid=chart-denials-by-reason] tbody a")!.GetAttribute("href"));
        var records = await client.GetAsync(link);
        var rows = records.Document.QuerySelectorAll("[data-testid=denial-records] tbody tr").ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Contains("route_not_closed", r.TextContent, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains(seed.Staff[4].StaffNumber, StringComparison.Ordinal) && r.TextContent.Contains("no_approved_telework", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_FilteredBySystemOrSection_CountsOnlyThose()
    {
        var (server, seed) = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = server;
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);

        var tax = await client.GetAsync("/dashboard?from=2026-11-01&to=2026-11-26&system=tax");
        Assert.Equal("2件", tax.Document.QuerySelector("[data-testid=denied-count]")!.TextContent.Trim());

        // staff[4] (田中) and staff[6] (渡辺) sit in 課税課 (330): 2 route denials and 2 My Number denials.
        var section = await client.GetAsync($"/dashboard?from=2026-11-01&to=2026-11-26&section={seed.Units["330"].Id}");
        Assert.Equal("4件", section.Document.QuerySelector("[data-testid=denied-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Dashboard_Hr_SeesCountsButNotTheRecords()
    {
        var (server, seed) = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = server;
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var page = await client.GetAsync("/dashboard?from=2026-11-01&to=2026-11-26");
        Assert.Equal("6件", page.Document.QuerySelector("[data-testid=denied-count]")!.TextContent.Trim());
        Assert.Null(page.Document.QuerySelector("a[href^='/dashboard/denials']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/dashboard/denials?from=2026-11-01&to=2026-11-26")).Status);

        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/dashboard")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Denials_DaysOverFromTheSummaryAndTodayFromTheLog_AddUpOnceAsTheDaysPass(DatabaseProvider provider)
    {
        var (server, seed) = await SeedAsync(provider);
        await using var _ = server;
        await LogAsync(server, Tokyo(11, 26, 9), Decision(seed, true, ""), Decision(seed, false, "not_clocked_in", staff: 2));
        var november = DashboardFilter.Read("2026-11-01", "2026-11-30", null, null, new DateOnly(2026, 11, 26));

        // 26 November, 10:00: the 1st to the 25th are counted into the summary, the 26th is read from the log.
        var first = await DenialsAsync(server, seed, november);
        Assert.Equal((13L, 7L), (first.Requests, first.Denied));
        Assert.Equal([("route_not_closed", 4L), ("segment_mynumber", 2L), ("no_approved_telework", 1L), ("not_clocked_in", 1L)], first.ByReason.Select(r => (r.Code, r.Count)).ToList());
        Assert.Equal([0, 4, 0, 0, 2], first.ByDay.Take(5).ToList());
        Assert.Equal(1, first.ByDay[25]);
        Assert.Equal(Enumerable.Range(1, 25).Select(d => new DateOnly(2026, 11, d)).ToList(), await CountedDaysAsync(server, seed));

        // Again: nothing counted twice.
        var again = await DenialsAsync(server, seed, november);
        Assert.Equal((first.Requests, first.Denied), (again.Requests, again.Denied));
        Assert.Equal(first.ByDay, again.ByDay);
        Assert.Equal(25, (await CountedDaysAsync(server, seed)).Count);

        // Ten past midnight the 26th is still open (a batch written at 23:59:59 may still be committing); at half past it is counted.
        server.Time.SetUtcNow(Tokyo(11, 27, 0).AddMinutes(10));
        await DenialsAsync(server, seed, november);
        Assert.Equal(25, (await CountedDaysAsync(server, seed)).Count);
        server.Time.SetUtcNow(Tokyo(11, 27, 0).AddMinutes(30));
        var next = await DenialsAsync(server, seed, november);
        Assert.Equal(26, (await CountedDaysAsync(server, seed)).Count);
        Assert.Equal((first.Requests, first.Denied), (next.Requests, next.Denied));
        Assert.Equal(first.ByDay, next.ByDay);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Denials_DashboardsOpenedAtOnce_CountEachDayOnce(DatabaseProvider provider)
    {
        var (server, seed) = await SeedAsync(provider);
        await using var _ = server;
        var november = DashboardFilter.Read("2026-11-01", "2026-11-25", null, null, new DateOnly(2026, 11, 26));

        var all = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DenialsAsync(server, seed, november))));

        Assert.All(all, summary => Assert.Equal((11L, 6L), (summary.Requests, summary.Denied)));
        Assert.Equal(25, (await CountedDaysAsync(server, seed)).Count);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(11, await scoped.Db.DecisionTallies.SumAsync(t => t.Count));
    }

    private static async Task<DenialSummary> DenialsAsync(ConsoleServer server, TenantSeed seed, DashboardFilter filter)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        return await scoped.Services.GetRequiredService<DashboardService>().DenialsAsync(filter);
    }

    private static async Task<List<DateOnly>> CountedDaysAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        return await scoped.Db.DecisionDays.OrderBy(d => d.Date).Select(d => d.Date).ToListAsync();
    }
}

