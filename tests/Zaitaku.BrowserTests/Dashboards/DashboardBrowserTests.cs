using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Audit;
using Zaitaku.Budget;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Budget;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Budget;
using static Microsoft.Playwright.Assertions;

namespace Zaitaku.BrowserTests.Dashboards;

/// <summary>The IT department opens the dashboard, reads why the gateway denied requests and drills into one reason.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardBrowserTests(ChromiumFixture chromium)
{
    private static readonly (string Reasons, int Weight)[] Mix =
    [
        ("route_not_closed", 6), ("no_approved_telework", 4), ("not_clocked_in", 3), ("route_not_closed,no_approved_telework", 2),
        ("segment_mynumber", 2), ("device_posture_stale", 2), ("data_class_restricted", 1), ("outside_work_hours", 1),
    ];

    [Fact]
    public async Task Dashboard_NovemberDenials_ChartsAndDrillDownToTheRecords()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var expectedRoute = await SeedDecisionsAsync(server, seed);
        await AdoptBudgetAsync(server, seed);
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.ItAdmin]);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "ダッシュボード" }).ClickAsync();
        await page.GetByLabel("期間（から）").FillAsync("2026-11-01");
        await page.GetByLabel("期間（まで）").FillAsync("2026-11-26");
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard?*from=2026-11-01*");

        var first = page.GetByTestId("denial-reasons").Locator("tbody tr").First;
        await Expect(first).ToContainTextAsync("route_not_closed");
        await Expect(first).ToContainTextAsync(expectedRoute.ToString("N0"));
        Assert.True(await page.EvaluateAsync<bool>("() => ['denials-by-reason', 'denials-by-day', 'cost-vs-budget'].every(id => !!window.Chart.getChart(document.querySelector(`canvas[data-chart='${id}']`)))"));
        await Screenshots.SaveAsync(page, "dashboard");

        await page.GetByTestId("denial-reasons").GetByRole(AriaRole.Link, new() { Name = "route_not_closed" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard/denials?*reason=route_not_closed*");
        await Expect(page.GetByTestId("denial-reason")).ToContainTextAsync("route_not_closed");
        await Expect(page.Locator(".pagination__summary")).ToContainTextAsync($"{expectedRoute:N0}件中");
        await Screenshots.SaveAsync(page, "dashboard-denials");
    }

    /// <summary>A month of denials and allowed requests on weekdays; returns how many listed route_not_closed.</summary>
    private static async Task<int> SeedDecisionsAsync(ConsoleServer server, TenantSeed seed)
    {
        var route = 0;
        using var scoped = server.OpenDb(seed.Tenant.Id);
        for (var day = 2; day <= 26; day++)
        {
            var date = new DateTime(2026, 11, day);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var records = new List<DecisionRecord>();
            for (var i = 0; i < Mix.Length; i++)
            {
                var (reasons, weight) = Mix[i];
                var n = weight * (1 + (day + i) % 3);
                for (var k = 0; k < n; k++) records.Add(Decision(seed, false, reasons, k));
                if (reasons.Contains("route_not_closed", StringComparison.Ordinal)) route += n;
            }

            for (var k = 0; k < 60; k++) records.Add(Decision(seed, true, "", k));
            await DecisionLogStore.AppendAsync(scoped.Db, records, new DateTimeOffset(2026, 11, day, 10, 0, 0, TimeSpan.FromHours(9)));
        }

        return route;
    }

    private static DecisionRecord Decision(TenantSeed seed, bool allow, string reasons, int k) => new()
    {
        ChainId = DecisionRecord.ChainFor(seed.Tenant.Id, "gw1"), TenantId = seed.Tenant.Id, Node = "gw1", Kind = DecisionEntryKind.Decision,
        RequestId = Guid.NewGuid().ToString("N")[..16], StaffNumber = seed.Staff[k % seed.Staff.Count].StaffNumber, DeviceSerial = $"PC-{1000 + k % 8}",
        SourceAddress = k % 2 == 0 ? "10.20.3.15" : "192.0.2.44", Route = k % 2 == 0 ? "vpn" : "home-wifi", System = k % 3 == 0 ? "tax" : "docs",
        Method = "GET", Path = k % 3 == 0 ? "/s/tax/assessment" : "/s/docs/", Allow = allow, Reasons = reasons, PreviousHash = "", Hash = "",
    };

    private static async Task AdoptBudgetAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var budgets = scoped.Services.GetRequiredService<BudgetService>();
        var saved = await budgets.SaveAsync(null, new BudgetScenarioEntry
        {
            Name = "専用PC＋閉域SIM", FiscalYear = 2026, LeasedPcMonthlyFeeYen = 10_833, LeasedPcKittingFeeYen = 30_200, SimMonthlyFeeYen = 1_500,
            Phases = [new("2026-07", PcProvision.LeasedPc, 40), new("2026-10", PcProvision.LeasedPc, 60)],
        });
        Assert.True((await budgets.AdoptAsync(saved.Value.Id, "test")).IsOk);
    }
}
