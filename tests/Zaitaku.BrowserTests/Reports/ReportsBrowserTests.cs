using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Audit;
using Zaitaku.Budget;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Work;
using Zaitaku.Work;
using static Microsoft.Playwright.Assertions;

namespace Zaitaku.BrowserTests.Reports;

/// <summary>HR and IT read October 2026: the dashboard's work charts with a drill-down, the monthly report and its A4 landscape print.</summary>
[Collection(ChromiumCollection.Name)]
public sealed partial class ReportsBrowserTests(ChromiumFixture chromium)
{
    private static readonly DateTimeOffset October15 = new DateTimeOffset(2026, 10, 15, 10, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    [Fact]
    public async Task Reports_October_DashboardDrillDownMonthlyReportAndPrint()
    {
        await using var server = await ConsoleServer.StartAsync(now: October15);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await SeedOctoberAsync(server, seed);
        server.Time.SetUtcNow(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime());
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            await scoped.Services.GetRequiredService<TimesheetService>().CloseMonthAsync(new YearMonth(2026, 10));
        }
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.ItAdmin]);

        await page.GotoAsync("/dashboard");
        await page.GetByLabel("月", new() { Exact = true }).FillAsync("2026-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard?*month=2026-10*");
        await Expect(page.GetByTestId("home-days")).Not.ToHaveTextAsync("0日");
        Assert.True(await page.EvaluateAsync<bool>("() => ['telework-by-day', 'telework-by-section', 'attendance', 'devices-by-state', 'denials-by-reason'].every(id => !!window.Chart.getChart(document.querySelector(`canvas[data-chart='${id}']`)))"));
        await Screenshots.SaveAsync(page, "dashboard-telework");

        await page.GetByTestId("telework-sections").GetByRole(AriaRole.Link, new() { Name = "テスト市課税課" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard/workdays?*");
        await Expect(page.GetByTestId("records-scope")).ToContainTextAsync("テスト市課税課");
        await Expect(page.GetByTestId("workday-records").Locator("tbody tr").First).ToContainTextAsync("テスト市課税課");
        await Screenshots.SaveAsync(page, "dashboard-workdays");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "月次報告" }).ClickAsync();
        await Expect(page.GetByTestId("monthly-report")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("monthly-report").Locator("tfoot")).ToContainTextAsync("合計");
        await Screenshots.SaveAsync(page, "monthly-report");

        await page.GetByRole(AriaRole.Link, new() { Name = "印刷用ページ（A4横）" }).ClickAsync();
        await page.WaitForURLAsync("**/reports/monthly/print?month=2026-10");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "印刷" })).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "monthly-report-print");
        // The CSS page size decides the paper: A4 landscape is 842 × 595 points.
        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true });
        var box = MediaBox().Match(System.Text.Encoding.Latin1.GetString(pdf));
        Assert.True(box.Success, "the PDF has a page box");
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 840, 843);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 596);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GotoAsync("/reports/national?year=2026");
        await Expect(page.GetByTestId("national-figures")).ToContainTextAsync("導入済み");
        await Screenshots.SaveAsync(page, "national-survey");
    }

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();

    /// <summary>Every staff member's October: at home on about a third of the days (approved), in the office on the rest, a few days off; denials and PCs.</summary>
    private static async Task SeedOctoberAsync(ConsoleServer server, TenantSeed seed)
    {
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var calendar = await scoped.Services.GetRequiredService<WorkSettings>().CalendarAsync();
            var days = calendar.WorkingDays(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));
            for (var s = 0; s < seed.Staff.Count; s++)
            {
                var member = seed.Staff[s];
                for (var d = 0; d < days.Count; d++)
                {
                    if ((d + s) % 7 == 6) continue; // a day off
                    var home = (d + s) % (s % 2 == 0 ? 2 : 4) == 0;
                    var day = days[d];
                    if (home)
                    {
                        scoped.Db.TeleworkRequests.Add(new TeleworkRequest
                        {
                            Id = Guid.NewGuid(), StaffId = member.Id, SectionId = member.SectionId, Date = day, Status = RequestStatus.Approved, BatchId = Guid.NewGuid(),
                            RequestedAt = JapanTime.At(day.AddDays(-3), new TimeOnly(9, 0)), DecidedAt = JapanTime.At(day.AddDays(-2), new TimeOnly(9, 0)),
                        });
                    }
                    scoped.Db.Workdays.Add(new Workday
                    {
                        Id = Guid.NewGuid(), StaffId = member.Id, Date = day, Place = home ? WorkPlace.Home : WorkPlace.Office,
                        StartedAt = JapanTime.At(day, new TimeOnly(8, 30)), EndedAt = JapanTime.At(day, new TimeOnly(17, 15)),
                    });
                }
            }
            await scoped.Db.SaveChangesAsync();
            string[] reasons = ["route_not_closed", "no_approved_telework", "segment_mynumber", "not_clocked_in"];
            var records = Enumerable.Range(0, 40).Select(k => new DecisionRecord
            {
                ChainId = DecisionRecord.ChainFor(seed.Tenant.Id, "gw1"), TenantId = seed.Tenant.Id, Node = "gw1", Kind = DecisionEntryKind.Decision,
                RequestId = Guid.NewGuid().ToString("N")[..16], StaffNumber = seed.Staff[k % seed.Staff.Count].StaffNumber, DeviceSerial = "PC-0001",
                SourceAddress = "10.20.3.15", Route = "vpn", System = "docs", Method = "GET", Path = "/s/docs/", Allow = k % 3 == 0,
                Reasons = k % 3 == 0 ? "" : reasons[k % reasons.Length], PreviousHash = "", Hash = "",
            }).ToList();
            await DecisionLogStore.AppendAsync(scoped.Db, records, server.Time.GetUtcNow());
        }
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        for (var i = 0; i < 5; i++) await devices.CreateAsync($"PC-{i + 1:D4}", DeviceState.Lent, seed.Staff[i].Id);
        await devices.CreateAsync("PC-0006", DeviceState.Failed, seed.Staff[6].Id);
        await devices.CreateAsync("PC-0007", DeviceState.Lost, seed.Staff[7].Id);
        await devices.CreateAsync("PC-0008", DeviceState.Ready);
        await devices.CreateAsync("PC-0009", DeviceState.Ready);
    }
}
