using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Readiness;
using Zaitaku.Testing;
using Zaitaku.Web.Readiness;

namespace Zaitaku.Web.Tests.Budget;

/// <summary>The IT department plans, compares and adopts budget scenarios through the console's pages.</summary>
public sealed class BudgetPagesTests
{
    /// <summary>Higashimurayama 2020: leased PCs at 10,833 yen a month and 30,200 yen kitting, 20 in September, 80 in December.</summary>
    internal static Dictionary<string, string> Higashimurayama(string name = "専用PC賃借（東村山市の例）") => new()
    {
        ["Input.Name"] = name,
        ["Input.FiscalYear"] = "2020",
        ["Input.UseLeasedPc"] = "true",
        ["Input.LeasedMonthly"] = "10,833",
        ["Input.LeasedKitting"] = "30200",
        ["Input.LeasedSetup"] = "",
        ["Input.Sim"] = "0",
        ["Input.Phases[0].Month"] = "2020-09",
        ["Input.Phases[0].Provision"] = "LeasedPc",
        ["Input.Phases[0].Staff"] = "20",
        ["Input.Phases[1].Month"] = "2020-12",
        ["Input.Phases[1].Provision"] = "LeasedPc",
        ["Input.Phases[1].Staff"] = "80",
        ["Input.Action"] = "save",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ScenarioPage_Higashimurayama_ShowsAboutEightMillionThisYearAndThirteenMillionAYear_AndAdoptsIt(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);

        var saved = await client.SubmitAsync("/budget/scenarios/new?year=2020", "scenario", Higashimurayama());

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.StartsWith("/budget/scenarios/", saved.Address.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("8,003,180", saved.Document.QuerySelector("[data-testid=plan-total]")!.TextContent.Trim());
        var figures = saved.Document.QuerySelector("[data-testid=plan-figures]")!.TextContent;
        Assert.Contains("約800万円", figures, StringComparison.Ordinal);
        Assert.Contains("12,999,600", figures, StringComparison.Ordinal);
        Assert.Contains("約1,300万円", figures, StringComparison.Ordinal);
        var september = Row(saved, "plan-months", "2020年9月");
        Assert.Equal("20", september["専用PC（台）"]);
        Assert.Equal("216,660", september["賃借料"]);
        Assert.Equal("604,000", september["キッティング"]);
        var december = Row(saved, "plan-months", "2020年12月");
        Assert.Equal("100", december["専用PC（台）"]);
        Assert.Equal("3,499,300", december["計（円）"]);
        Assert.Equal("0", Row(saved, "plan-months", "2020年8月")["計（円）"]);
        Assert.Equal("3,020,000", Row(saved, "plan-months", "年度計")["キッティング"]);
        Assert.DoesNotContain("閉域SIM", saved.Document.QuerySelector("[data-testid=plan-months] thead")!.TextContent, StringComparison.Ordinal);

        var comparison = await client.GetAsync("/budget?year=2020");
        var row = comparison.Document.QuerySelector("[data-testid=budget-comparison] tbody tr")!.TextContent;
        Assert.Contains("専用PC賃借（東村山市の例）", row, StringComparison.Ordinal);
        Assert.Contains("8,003,180", row, StringComparison.Ordinal);
        Assert.Contains("12,999,600", row, StringComparison.Ordinal);
        Assert.Contains("budget-monthly", comparison.Html, StringComparison.Ordinal);
        Assert.NotNull(comparison.Document.QuerySelector("[data-testid=no-budget]"));

        var adopted = await client.SubmitAsync(saved, "adopt", new Dictionary<string, string>());
        Assert.Equal("/budget", adopted.Address.AbsolutePath);
        var budget = adopted.Document.QuerySelector("[data-testid=adopted-budget]")!.TextContent;
        Assert.Contains("8,003,180円", budget, StringComparison.Ordinal);
        Assert.Contains("12,999,600円", budget, StringComparison.Ordinal);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var stored = await scoped.Db.FiscalYearBudgets.SingleAsync();
        Assert.Equal(2020, stored.FiscalYear);
        Assert.Equal(8_003_180, stored.TotalYen);
        Assert.Equal(stored.MonthlyYen, stored.LeaseMonthlyYen);
        Assert.Equal(8_003_180, stored.MonthlyYen.Sum());
        Assert.Contains(await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id).Select(a => a.Action).ToListAsync(), a => a == "budget.created");
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "Input.Phases[1].Month", "2021-04", "導入計画の2行目「開始月」: 2021-04 は 2020年度（2020-04～2021-03）より後です" },
        { "Input.LeasedMonthly", "-1", "専用PC賃借「月額賃借料（1台あたり）」: -1 円は範囲外です" },
        { "Input.LeasedKitting", "30,200,000", "専用PC賃借「キッティング費（1台あたり）」: 30,200,000 円は範囲外です" },
        { "Input.Phases[0].Staff", "100001", "導入計画の1行目「人数」: 100,001 は範囲外です" },
        { "Input.Phases[0].Staff", "二十", "導入計画の1行目「人数」: 「二十」は整数ではありません" },
        { "Input.Phases[0].Month", "2020/09", "導入計画の1行目「開始月」: 「2020/09」は年月（YYYY-MM、例: 2026-09）ではありません" },
        { "Input.Phases[0].Provision", "OwnPc", "導入計画の1行目「端末の用意」: 私物PC利用の単価（ownPc）がありません" },
        { "Input.FiscalYear", "1999", "年度: 1999 年度は扱えません" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task ScenarioPage_BadInput_NamesTheFieldAndSavesNothing(string field, string value, string message)
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);
        var fields = Higashimurayama();
        fields[field] = value;

        var page = await client.SubmitAsync("/budget/scenarios/new?year=2020", "scenario", fields);

        Assert.Equal("/budget/scenarios/new", page.Address.AbsolutePath);
        var error = page.Document.QuerySelector("[data-testid=scenario-error]")!.TextContent;
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("何も変更していません", error, StringComparison.Ordinal);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(0, await scoped.Db.BudgetScenarios.CountAsync());
    }

    [Fact]
    public async Task ScenarioPage_EditedScenarioWithAnError_KeepsTheStoredValues()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);
        var saved = await client.SubmitAsync("/budget/scenarios/new?year=2020", "scenario", Higashimurayama());
        var fields = Higashimurayama();
        fields["Input.LeasedMonthly"] = "1,000,001";

        var page = await client.SubmitAsync(saved, "scenario", fields);

        Assert.Contains("1,000,001 円は範囲外です", page.Document.QuerySelector("[data-testid=scenario-error]")!.TextContent, StringComparison.Ordinal);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(10_833, (await scoped.Db.BudgetScenarios.SingleAsync()).LeasedPcMonthlyFeeYen);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BudgetPage_TwoScenarios_SideBySideWithTheCheaperMarked(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);
        await client.SubmitAsync("/budget/scenarios/new?year=2020", "scenario", Higashimurayama());
        var withSim = Higashimurayama("専用PC＋閉域SIM");
        withSim["Input.Sim"] = "1,500";
        await client.SubmitAsync("/budget/scenarios/new?year=2020", "scenario", withSim);

        var page = await client.GetAsync("/budget?year=2020");

        var rows = page.Document.QuerySelectorAll("[data-testid=budget-comparison] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        // SIM: 20 PCs x 3 months + 100 PCs x 4 months = 460 PC-months at 1,500 yen.
        Assert.Contains("8,693,180", rows[1], StringComparison.Ordinal);
        Assert.Contains("年度計が最小", rows[0], StringComparison.Ordinal);
        Assert.Contains("平年度が最小", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("最小", rows[1], StringComparison.Ordinal);
        var chart = page.Document.QuerySelector("script#budget-monthly")!.TextContent;
        Assert.Contains("専用PC＋閉域SIM", chart, StringComparison.Ordinal);
        Assert.Contains("3649300", chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenarioPage_OwnPcRowsFromTheSurvey_FallBackToLeasedPcsForStaffWithoutOne()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        await AnswerSurveyAsync(server, seed, withoutPc: 3, withPc: 5);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "私物PC＋VDI", ["Input.FiscalYear"] = "2026",
            ["Input.UseLeasedPc"] = "true", ["Input.LeasedMonthly"] = "10000", ["Input.LeasedKitting"] = "0",
            ["Input.UseOwnPc"] = "true", ["Input.OwnLicence"] = "2000",
            ["Input.Sim"] = "0",
            ["Input.Phases[0].Month"] = "2026-04", ["Input.Phases[0].Provision"] = "OwnPc", ["Input.Phases[0].Staff"] = "100",
        };
        var page = await client.GetAsync("/budget/scenarios/new?year=2026");
        Assert.Contains("自宅にパソコンがない職員は 3人（37.5%）", page.Document.QuerySelector("[data-testid=survey-panel]")!.TextContent, StringComparison.Ordinal);

        fields["Input.Action"] = "apply-survey";
        var applied = await client.SubmitAsync(page, "scenario", fields);
        // 100 staff x 3/8 = 37.5, rounded up.
        Assert.Equal("38", applied.Document.QuerySelector("#phase-0-withoutHomePc")!.GetAttribute("value"));

        fields["Input.Phases[0].WithoutHomePc"] = "38";
        fields["Input.Action"] = "save";
        var saved = await client.SubmitAsync(applied, "scenario", fields);
        var april = Row(saved, "plan-months", "2026年4月");
        Assert.Equal("38", april["専用PC（台）"]);
        Assert.Equal("62", april["私物PC（人）"]);
        Assert.Equal("504,000", april["計（円）"]);
    }

    [Fact]
    public async Task BudgetPages_Auditor_ReadsButCannotChange_StaffCannotOpen()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "132136", "東村山市");
        using (var it = server.CreateClient())
        {
            await seed.SignInAsync(it, Role.ItAdmin, server);
            await it.SubmitAsync("/budget/scenarios/new?year=2020", "scenario", Higashimurayama());
        }

        using var auditor = server.CreateClient();
        await seed.SignInAsync(auditor, Role.Auditor, server);
        var list = await auditor.GetAsync("/budget?year=2020");
        Assert.Contains("8,003,180", list.Text, StringComparison.Ordinal);
        Assert.Null(list.Document.QuerySelector("a[href^='/budget/scenarios/new']"));
        var scenarioLink = list.Document.QuerySelector("[data-testid=budget-comparison] a")!.GetAttribute("href")!;
        var detail = await auditor.GetAsync(scenarioLink);
        Assert.DoesNotContain(detail.Document.Forms, f => f.QuerySelector("input[name=_handler]") is not null);

        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        var refused = await staff.GetAsync("/budget");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    /// <summary>A row of a table as a user reads it: each cell under its column's header.</summary>
    private static Dictionary<string, string> Row(Page page, string table, string rowHeader)
    {
        var headers = page.Document.QuerySelectorAll($"[data-testid={table}] thead th").Select(h => h.TextContent.Trim()).ToList();
        var row = page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr").Single(r => r.Children[0].TextContent.Trim() == rowHeader);
        return headers.Zip(row.Children.Select(c => c.TextContent.Trim())).ToDictionary(p => p.First, p => p.Second);
    }

    private static async Task AnswerSurveyAsync(ConsoleServer server, TenantSeed seed, int withoutPc, int withPc)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var readiness = scoped.Services.GetRequiredService<ReadinessService>();
        var round = (await readiness.OpenAsync("令和8年度 意向調査", null)).Value;
        var staff = seed.Staff.Take(withoutPc + withPc).ToList();
        for (var i = 0; i < staff.Count; i++)
        {
            var answers = new ReadinessAnswerSet(HomeConnection.Fixed, i < withoutPc ? HomePc.None : HomePc.Own, HomeWorkspace.Private, CareDuties.None, TeleworkWish.Weekly);
            Assert.True((await readiness.AnswerAsync(round.Id, staff[i].Id, answers)).IsOk);
        }
    }
}
