using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Budget;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Tabular;
using Zaitaku.Web.Work;
using Zaitaku.Work;

namespace Zaitaku.Web.Tests.Reports;

/// <summary>
/// October 2026 of テスト市 written into the records (workdays, approvals, denials, PC incidents), the month
/// closed by HR, then the monthly report, the dashboard and the national figures read back against those records.
/// </summary>
public sealed class MonthlyReportTests
{
    private static readonly DateTimeOffset October15 = new DateTimeOffset(2026, 10, 15, 10, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime();
    private static readonly DateTimeOffset November26 = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime();
    private static readonly YearMonth October = new(2026, 10);

    private static DateOnly Oct(int day) => new(2026, 10, day);

    /// <summary>Whose days where: 山田 (総務課) 11 days at home; 中村 (総務課) 2 office, 1 home; 鈴木 (市民課) 1 home, 1 office; 渡辺 (課税課) 2 office, 2 home.</summary>
    private static readonly (int Staff, DateOnly Day, WorkPlace Place)[] Days =
    [
        .. new[] { 1, 2, 5, 6, 7, 8, 9, 13, 14, 15, 16 }.Select(d => (0, Oct(d), WorkPlace.Home)),
        (7, Oct(1), WorkPlace.Office), (7, Oct(2), WorkPlace.Office), (7, Oct(5), WorkPlace.Home),
        (2, Oct(1), WorkPlace.Home), (2, Oct(2), WorkPlace.Office),
        (6, Oct(1), WorkPlace.Office), (6, Oct(2), WorkPlace.Office), (6, Oct(5), WorkPlace.Home), (6, Oct(6), WorkPlace.Home),
    ];

    private static async Task WriteOctoberAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        foreach (var (index, day, place) in Days)
        {
            var member = seed.Staff[index];
            if (place == WorkPlace.Home)
            {
                scoped.Db.TeleworkRequests.Add(new TeleworkRequest
                {
                    Id = Guid.NewGuid(), StaffId = member.Id, SectionId = member.SectionId, Date = day, Status = RequestStatus.Approved, BatchId = Guid.NewGuid(),
                    RequestedAt = JapanTime.At(day.AddDays(-3), new TimeOnly(9, 0)), DecidedAt = JapanTime.At(day.AddDays(-2), new TimeOnly(9, 0)),
                });
            }
            scoped.Db.Workdays.Add(new Workday
            {
                Id = Guid.NewGuid(), StaffId = member.Id, Date = day, Place = place,
                StartedAt = JapanTime.At(day, new TimeOnly(8, 30)), EndedAt = JapanTime.At(day, new TimeOnly(17, 15)),
            });
        }
        await scoped.Db.SaveChangesAsync();
    }

    private static DecisionRecord Denial(TenantSeed seed, int staff, string reasons) => new()
    {
        ChainId = DecisionRecord.ChainFor(seed.Tenant.Id, "gw1"), TenantId = seed.Tenant.Id, Node = "gw1", Kind = DecisionEntryKind.Decision,
        RequestId = Guid.NewGuid().ToString("N"), StaffId = seed.Staff[staff].Id.ToString(), StaffNumber = seed.Staff[staff].StaffNumber,
        DeviceSerial = "PC-0001", SourceAddress = "10.20.0.5", Route = "vpn", System = "docs", Method = "GET", Path = "/s/docs/", Allow = false,
        Reasons = reasons, PreviousHash = "", Hash = "",
    };

    /// <summary>
    /// The municipality in October (the clock at 15 October): workdays, denials, a lent PC under a lease, a PC that
    /// failed while lent to 渡辺 (課税課) and one lost while lent to 鈴木 (市民課). Another municipality works too.
    /// The clock then moves to 26 November.
    /// </summary>
    private static async Task<(ConsoleServer Server, TenantSeed Seed, TenantSeed Other)> SeedAsync(DatabaseProvider provider)
    {
        var server = await ConsoleServer.StartAsync(provider, October15);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var other = await TenantSeed.CreateAsync(server, "131002", "ベータ町", "B");
        await WriteOctoberAsync(server, seed);
        await WriteOctoberAsync(server, other);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            await DecisionLogStore.AppendAsync(scoped.Db,
                [Denial(seed, 6, "segment_mynumber"), Denial(seed, 6, "segment_mynumber"), Denial(seed, 6, "route_not_closed,no_approved_telework"), Denial(seed, 0, "route_not_closed")],
                server.Time.GetUtcNow());
            await DecisionLogStore.AppendAsync(scoped.Db, [Denial(other, 0, "device_unknown")], server.Time.GetUtcNow());
            var leases = scoped.Services.GetRequiredService<Web.Devices.LeaseService>();
            Assert.True((await leases.CreateAsync(new Web.Devices.LeaseContractInput("LEASE-1", "テストリース", 10_800, 30_000, Oct(1), new DateOnly(2030, 9, 30)),
                new Web.Devices.DeviceCaller(null, true))).IsOk);
        }
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        await devices.CreateAsync("PC-0001", DeviceState.Lent, seed.Staff[7].Id, contract: "LEASE-1");
        await devices.CreateAsync("PC-0002", DeviceState.Failed, seed.Staff[6].Id);
        await devices.CreateAsync("PC-0003", DeviceState.Lost, seed.Staff[2].Id);
        await devices.CreateAsync("PC-0004", DeviceState.Ready);
        server.Time.SetUtcNow(November26);
        return (server, seed, other);
    }

    private static async Task CloseOctoberAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        await scoped.Services.GetRequiredService<TimesheetService>().CloseMonthAsync(October);
    }

    private static string[] Cells(AngleSharp.Dom.IElement row) => row.Children.Select(c => c.TextContent.Trim()).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MonthlyReport_ClosedOctober_TotalsMatchTheRecords(DatabaseProvider provider)
    {
        var (server, seed, other) = await SeedAsync(provider);
        await using var _ = server;
        await CloseOctoberAsync(server, seed);
        await CloseOctoberAsync(server, other);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var page = await client.GetAsync("/reports/monthly?month=2026-10");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var home = Days.Count(d => d.Place == WorkPlace.Home);
        var office = Days.Count(d => d.Place == WorkPlace.Office);
        var total = Cells(page.Document.QuerySelector("[data-testid=monthly-report] tfoot tr")!);
        // 部局・所属, 職員数, 在宅勤務をした職員, 在宅勤務日数, 出勤日数, 割合, 手当の対象者, 手当, 拒否件数, 理由, 故障, 紛失
        Assert.Equal(seed.Staff.Count.ToString("N0"), total[1]);
        Assert.Equal(Days.Where(d => d.Place == WorkPlace.Home).Select(d => d.Staff).Distinct().Count().ToString("N0"), total[2]);
        Assert.Equal(home.ToString("N0"), total[3]);
        Assert.Equal(office.ToString("N0"), total[4]);
        Assert.Equal($"{Math.Round(home * 100m / (home + office), 1):0.0}%", total[5]);
        // Only 山田 worked more than 10 days at home: one allowance of the default 3,000 yen.
        Assert.Equal("1", total[6]);
        Assert.Equal("3,000円", total[7]);
        Assert.Equal("4", total[8]);
        Assert.Equal(("1", "1"), (total[10], total[11]));

        var departments = page.Document.QuerySelectorAll("[data-testid=monthly-report] tbody tr[data-kind=Department]").ToDictionary(r => r.GetAttribute("data-code")!, Cells);
        var general = Days.Where(d => seed.Staff[d.Staff].SectionId == seed.Units["110"].Id).ToList();
        Assert.Equal(new[] { "3", "2", general.Count(d => d.Place == WorkPlace.Home).ToString(), general.Count(d => d.Place == WorkPlace.Office).ToString() }, departments["100"][1..5]);
        Assert.Equal("1", departments["100"][8]);
        Assert.Equal(("0", "0"), (departments["100"][10], departments["100"][11]));
        Assert.Equal(new[] { "5", "2", "3", "3" }, departments["300"][1..5]);
        Assert.Equal("3", departments["300"][8]);
        Assert.StartsWith("segment_mynumber 2", departments["300"][9], StringComparison.Ordinal);
        var tax = Cells(page.Document.QuerySelector("[data-testid=monthly-report] tbody tr[data-code='330']")!);
        Assert.Equal(("1", "0"), (tax[10], tax[11]));
        Assert.DoesNotContain("device_unknown", page.Html, StringComparison.Ordinal);

        // The file carries the same figures; Shift_JIS as older systems read it.
        var file = await client.GetRawAsync("/reports/monthly/export?month=2026-10&format=csv-sjis");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var table = TabularFile.Read(await file.Content.ReadAsByteArrayAsync()).Value;
        Assert.Equal("CSV (Shift_JIS)", table.Format);
        var last = table.Rows[^1];
        Assert.Equal("合計", last.Cell(1));
        Assert.Equal(home.ToString(), last.Cell(Array.IndexOf(table.Header.ToArray(), "在宅勤務日数")));
        Assert.Equal("3000", last.Cell(Array.IndexOf(table.Header.ToArray(), "在宅勤務等手当(円)")));
        var xlsx = await client.GetRawAsync("/reports/monthly/export?month=2026-10&format=xlsx");
        Assert.Equal(home.ToString(), TabularFile.Read(await xlsx.Content.ReadAsByteArrayAsync()).Value.Rows[^1].Cell(7));

        var print = await client.GetAsync("/reports/monthly/print?month=2026-10");
        Assert.NotNull(print.Document.QuerySelector(".print-landscape [data-testid=monthly-report]"));

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var exports = await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id && a.Action == "report.exported").Select(a => a.Summary).ToListAsync();
        Assert.Equal(3, exports.Count);
        Assert.Contains(exports, s => s.Contains("CsvShiftJis", StringComparison.Ordinal) && s.Contains("2026-10", StringComparison.Ordinal));
        Assert.Contains(exports, s => s.Contains("print", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MonthlyReport_MonthNotClosed_RefusedAndNothingExported()
    {
        var (server, seed, _) = await SeedAsync(DatabaseProvider.Sqlite);
        await using var __ = server;
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var page = await client.GetAsync("/reports/monthly?month=2026-10");
        var refusal = page.Document.QuerySelector("[data-testid=report-refused]")!.TextContent;
        Assert.Contains("2026年10月は勤務表の締めが済んでいない職員がいるため、月次報告を作成できません", refusal, StringComparison.Ordinal);
        Assert.Contains("未締め 8人", refusal, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("[data-testid=monthly-report]"));
        var file = await client.GetRawAsync("/reports/monthly/export?month=2026-10&format=xlsx");
        Assert.Equal(HttpStatusCode.Conflict, file.StatusCode);
        Assert.Contains("report_month_not_closed", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // November is not over on 26 November, closed or not.
        var november = await client.GetAsync("/reports/monthly?month=2026-11");
        Assert.Contains("まだ終わっていない", november.Document.QuerySelector("[data-testid=report-refused]")!.TextContent, StringComparison.Ordinal);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.False(await scoped.Db.AuditRecords.AnyAsync(a => a.ChainId == seed.Tenant.Id && a.Action == "report.exported"));
    }

    [Fact]
    public async Task MonthlyReport_StaffAndSectionHead_Forbidden()
    {
        var (server, seed, _) = await SeedAsync(DatabaseProvider.Sqlite);
        await using var __ = server;
        await CloseOctoberAsync(server, seed);
        foreach (var role in new[] { Role.Staff, Role.SectionHead })
        {
            using var client = server.CreateClient();
            await seed.SignInAsync(client, role, server);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/monthly?month=2026-10")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/monthly/export?month=2026-10&format=csv")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/dashboard/workdays?month=2026-10")).Status);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dashboard_October_TeleworkShareAttendanceAndPcsFromTheRecords(DatabaseProvider provider)
    {
        var (server, seed, _) = await SeedAsync(provider);
        await using var __ = server;
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);

        var page = await client.GetAsync("/dashboard?month=2026-10");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"{Days.Count(d => d.Place == WorkPlace.Home)}日", page.Document.QuerySelector("[data-testid=home-days]")!.TextContent.Trim());
        // 1 October: 山田 and 鈴木 at home, 中村 and 渡辺 in the office.
        var byDay = System.Text.Json.Nodes.JsonNode.Parse(page.Document.QuerySelector("script#telework-by-day")!.TextContent)!;
        Assert.Equal(50m, byDay["data"]!["datasets"]![0]!["data"]![0]!.GetValue<decimal>());
        var sections = page.Document.QuerySelectorAll("[data-testid=telework-sections] tbody tr").Select(Cells).ToList();
        Assert.Equal(new[] { "テスト市総務課", "12", "2", "85.7%" }, sections[0]);
        // Office attendance of 8 staff: 2 October (3 in the office, 37.5%) misses 70% fewer; October has 21 working days.
        Assert.Equal("20日／21日", page.Document.QuerySelector("[data-testid=days-on-target]")!.TextContent.Trim());
        var lenient = await client.GetAsync("/dashboard?month=2026-10&target=50");
        Assert.Equal("21日／21日", lenient.Document.QuerySelector("[data-testid=days-on-target]")!.TextContent.Trim());

        // A department takes its sections: 市民部 = 市民課 and 課税課.
        var citizens = await client.GetAsync($"/dashboard?month=2026-10&section={seed.Units["300"].Id}");
        Assert.Equal("3日", citizens.Document.QuerySelector("[data-testid=home-days]")!.TextContent.Trim());

        // Drill-down: a day's records.
        var dayLink = page.Document.QuerySelector("[data-testid=chart-telework-by-day] tbody a")!.GetAttribute("href")!;
        var records = await client.GetAsync(dayLink);
        var rows = records.Document.QuerySelectorAll("[data-testid=workday-records] tbody tr").ToList();
        Assert.Equal(Days.Count(d => d.Day == Oct(1)), rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains(seed.Staff[0].StaffNumber, StringComparison.Ordinal) && r.TextContent.Contains("在宅", StringComparison.Ordinal));

        // PCs by state, each state a link to the fleet filtered by it.
        var states = page.Document.QuerySelectorAll("[data-testid=chart-devices-by-state] tbody tr").Select(r => (Cells(r)[0], Cells(r)[1], r.QuerySelector("a")?.GetAttribute("href"))).ToList();
        Assert.Contains((DeviceState.Failed.Label().Ja, "1", "/devices?state=Failed"), states);
        Assert.Contains((DeviceState.Lent.Label().Ja, "1", "/devices?state=Lent"), states);
        var fleet = await client.GetAsync("/devices?state=Failed");
        Assert.Contains("PC-0002", fleet.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("PC-0001", fleet.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BudgetTracking_LeasedPcLentInOctober_ActualCostsFromTheContract(DatabaseProvider provider)
    {
        var (server, seed, _) = await SeedAsync(provider);
        await using var __ = server;
        using var scoped = server.OpenDb(seed.Tenant.Id);

        var track = await scoped.Services.GetRequiredService<Web.Budget.BudgetTracking>().TrackAsync(2026);

        Assert.True(track.HasFleet);
        // PC-0001 was kitted on 15 October under LEASE-1: October carries its kitting and the month's fee; November the fee.
        Assert.All(track.Months.Take(6), m => Assert.Equal(0, m.ActualLeaseYen));
        Assert.Equal(30_000 + 10_800, track.Months[6].ActualLeaseYen);
        Assert.Equal(10_800, track.Months[7].ActualLeaseYen);
        Assert.Equal(1, track.Months[7].DevicesInService);
        Assert.All(track.Months.Skip(8), m => Assert.Null(m.ActualLeaseYen));
    }

    [Fact]
    public async Task NationalFigures_Fy2026_CountedFromTheRecordsAndExported()
    {
        var (server, seed, _) = await SeedAsync(DatabaseProvider.Sqlite);
        await using var __ = server;
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var page = await client.GetAsync("/reports/national?year=2026");

        string Item(string name) => page.Document.QuerySelector($"[data-testid=national-figures] td[data-item='{name}']")!.TextContent.Trim();
        Assert.Equal("導入済み", Item("テレワークの導入状況"));
        Assert.Equal(seed.Staff.Count.ToString(), Item("職員数"));
        Assert.Equal(seed.Staff.Count(s => new WorkRules().IsEligible(s.Employment)).ToString(), Item("テレワークの対象職員数"));
        Assert.Equal(Days.Where(d => d.Place == WorkPlace.Home).Select(d => d.Staff).Distinct().Count().ToString(), Item("テレワークを実施した職員数（実人数）"));
        Assert.Equal(Days.Count(d => d.Place == WorkPlace.Home).ToString(), Item("延べ実施日数"));
        Assert.Equal("2026-10-01", Item("年度内の最初の在宅勤務日"));
        // Four PCs registered, none disposed.
        Assert.Equal("4", Item("貸与端末の台数"));

        var file = await client.GetRawAsync("/reports/national/export?year=2026&format=csv");
        var table = TabularFile.Read(await file.Content.ReadAsByteArrayAsync()).Value;
        Assert.Contains(table.Rows, r => r.Cell(0) == "延べ実施日数" && r.Cell(1) == Item("延べ実施日数"));
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.True(await scoped.Db.AuditRecords.AnyAsync(a => a.ChainId == seed.Tenant.Id && a.Action == "report.exported" && a.TargetId == "national:2026"));
    }
}
