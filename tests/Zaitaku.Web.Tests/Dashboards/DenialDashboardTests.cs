using System.Net;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Organization;
using Zaitaku.Testing;

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
}
