using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Budget;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Data.Budget;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Budget;
using static Microsoft.Playwright.Assertions;

namespace Zaitaku.BrowserTests.Budget;

/// <summary>The IT department types the Higashimurayama case into the scenario form, compares it with others and adopts it.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class BudgetBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task BudgetComparison_HigashimurayamaTypedIn_DrawsTheChartAndAdoptsIt()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        await SeedOtherScenariosAsync(server, seed);
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.ItAdmin]);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "テレワーク予算" }).ClickAsync();
        await page.GotoAsync("/budget/scenarios/new?year=2020");
        await page.GetByLabel("案の名前").FillAsync("専用PC賃借（東村山市の例）");
        var leased = page.Locator("fieldset", new() { HasText = "(2) テレワーク専用PCの賃借" });
        await leased.GetByLabel("この方法を使う").CheckAsync();
        await leased.GetByLabel("月額賃借料（1台あたり・円）").FillAsync("10,833");
        await leased.GetByLabel("キッティング費（1台あたり・円）").FillAsync("30,200");
        await page.GetByLabel("1行目 開始月").FillAsync("2020-09");
        await page.GetByLabel("1行目 人数").FillAsync("20");
        await page.GetByLabel("2行目 開始月").FillAsync("2020-12");
        await page.GetByLabel("2行目 人数").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して計算" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("保存しました");
        await Expect(page.GetByTestId("plan-total")).ToHaveTextAsync("8,003,180");
        await Expect(page.GetByTestId("plan-figures")).ToContainTextAsync("約1,300万円");
        Assert.True(await ChartDrawnAsync(page, "scenario-items"));
        await Screenshots.SaveAsync(page, "budget-scenario");

        // The button asks for confirmation (data-confirm); the person says yes.
        page.Dialog += async (_, dialog) =>
        {
            Assert.Contains("2020年度の予算にします", dialog.Message);
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "この案を年度予算にする" }).ClickAsync();
        await page.WaitForURLAsync("**/budget?year=2020");
        Assert.Equal("テレワーク予算 令和2年度（2020年度）", await ConsolePages.HeadingAsync(page));
        var rows = await page.GetByTestId("budget-comparison").Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("専用PC賃借（東村山市の例）") && r.Contains("8,003,180") && r.Contains("採用"));
        await Expect(page.GetByTestId("adopted-budget")).ToContainTextAsync("8,003,180円（約800万円）");
        Assert.True(await ChartDrawnAsync(page, "budget-monthly"));
        Assert.True(await ChartDrawnAsync(page, "budget-actual"));
        await Screenshots.SaveAsync(page, "budget-comparison");
    }

    [Fact]
    public async Task ScenarioForm_RolloutAfterTheYear_PointsAtTheRow()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.ItAdmin]);

        await page.GotoAsync("/budget/scenarios/new?year=2020");
        await page.GetByLabel("案の名前").FillAsync("年度をまたぐ案");
        var leased = page.Locator("fieldset", new() { HasText = "(2) テレワーク専用PCの賃借" });
        await leased.GetByLabel("この方法を使う").CheckAsync();
        await leased.GetByLabel("月額賃借料（1台あたり・円）").FillAsync("10833");
        await page.GetByLabel("1行目 開始月").FillAsync("2020-09");
        await page.GetByLabel("1行目 人数").FillAsync("20");
        await page.GetByLabel("2行目 開始月").FillAsync("2021-04");
        await page.GetByLabel("2行目 人数").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して計算" }).ClickAsync();

        var error = page.GetByTestId("scenario-error");
        await Expect(error).ToContainTextAsync("導入計画の2行目「開始月」: 2021-04 は 2020年度（2020-04～2021-03）より後です");
        await Expect(page.GetByLabel("2行目 開始月")).ToHaveAttributeAsync("aria-invalid", "true");
        await error.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByLabel("2行目 開始月")).ToBeInViewportAsync();
        Assert.EndsWith("#phase-1-month", page.Url);
        await Screenshots.SaveAsync(page, "budget-scenario-error");
    }

    private static async Task<bool> ChartDrawnAsync(IPage page, string id) =>
        await page.EvaluateAsync<bool>("id => !!(window.Chart && window.Chart.getChart(document.querySelector(`canvas[data-chart='${id}']`)))", id);

    private static async Task SeedOtherScenariosAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var budgets = scoped.Services.GetRequiredService<BudgetService>();
        var office = new BudgetScenarioEntry
        {
            Name = "庁内PC持ち帰り＋閉域SIM", FiscalYear = 2020, OfficePcSecurityOneTimeYen = 45_000, OfficePcSecurityMonthlyYen = 1_500, SimMonthlyFeeYen = 1_800,
            Phases = [new("2020-09", PcProvision.OfficePc, 20), new("2020-12", PcProvision.OfficePc, 80)],
        };
        var own = new BudgetScenarioEntry
        {
            Name = "私物PC＋セキュアブラウザ＋手当", FiscalYear = 2020, OwnPcLicenceMonthlyYen = 1_650, OwnPcSetupFeeYen = 1_500_000,
            LeasedPcMonthlyFeeYen = 10_833, LeasedPcKittingFeeYen = 30_200, AllowanceMonthlyYen = 3_000, AllowanceThresholdDays = 10, AllowanceExpectedDays = 6,
            Phases = [new("2020-09", PcProvision.OwnPc, 20, WithoutHomePc: 3), new("2020-12", PcProvision.OwnPc, 80, WithoutHomePc: 12, TeleworkDaysPerMonth: 12)],
        };
        Assert.True((await budgets.SaveAsync(null, office)).IsOk);
        Assert.True((await budgets.SaveAsync(null, own)).IsOk);
    }
}
