using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Tasks;

[Collection(ChromiumCollection.Name)]
public sealed class RotationPlanBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task SectionHead_PlansTheSection_ReadsTheExplanation_AndAcceptsThePlan()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var tasks = await TaskSeed.CreateAsync(server, seed);
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.SectionHead]);

        // The inventory: each task with its class and every reason.
        await page.GetByRole(AriaRole.Link, new() { Name = "業務棚卸し", Exact = true }).First.ClickAsync();
        await page.GetByTestId("sections-table").GetByRole(AriaRole.Link, new() { Name = "企画政策課" }).ClickAsync();
        await page.WaitForURLAsync($"**/tasks/sections/{tasks.Section.Id}");
        var rows = page.GetByTestId("tasks-table").Locator("tbody tr");
        Assert.Equal(6, await rows.CountAsync());
        Assert.Contains("窓口業務（来庁者への対面対応）があるため、出勤が必要です", await rows.Filter(new() { HasText = "補助金申請の窓口受付" }).InnerTextAsync());
        Assert.Contains("「財務会計システム」はテレワークで使えるシステムとして許可されていません", await rows.Filter(new() { HasText = "予算要求資料の作成" }).InnerTextAsync());
        Assert.Equal("6", (await page.GetByTestId("section-at-home").InnerTextAsync()).Trim());
        await Screenshots.SaveAsync(page, "tasks-section");

        await rows.Filter(new() { HasText = "議会答弁資料の作成" }).GetByRole(AriaRole.Link, new() { Name = "議会答弁資料の作成" }).ClickAsync();
        await Expect(page.GetByTestId("classification")).ToContainTextAsync("交代制なら可");
        Assert.Contains("紙の原本を扱う日があるため", await page.GetByTestId("classification").InnerTextAsync());
        await Screenshots.SaveAsync(page, "tasks-task");

        await page.GotoAsync($"/tasks/capacity/sections/{tasks.Section.Id}");
        Assert.Equal("6人", (await page.GetByTestId("capacity-at-home").InnerTextAsync()).Trim());
        await Expect(page.Locator("canvas[data-chart=capacity-classes]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=capacity-classes]'))");
        await Screenshots.SaveAsync(page, "tasks-capacity");

        // Plan December: four PCs, no cap.
        await page.GotoAsync($"/tasks/sections/{tasks.Section.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "交代計画を作る" }).ClickAsync();
        await page.WaitForURLAsync("**/tasks/plans?section=*");
        Assert.Equal("所属：企画政策課", await page.GetByLabel("対象").Locator("option:checked").InnerTextAsync());
        await page.GetByLabel("開始日").FillAsync("2026-12-01");
        await page.GetByLabel("終了日").FillAsync("2026-12-31");
        await page.GetByLabel("使える端末の台数（1日あたり）").FillAsync("4");
        await page.GetByLabel("在宅の上限（出勤可能な人日の%）").FillAsync("");
        await page.GetByLabel("計算時間の上限（秒）").FillAsync("20");
        await Screenshots.SaveAsync(page, "tasks-plan-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "計画を作る", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/tasks/plans/*");

        // The page follows the solve by itself (plan-progress.js) and shows the plan when it ends.
        await Expect(page.GetByTestId("plan-home-days")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var figures = await page.GetByTestId("plan-figures").InnerTextAsync();
        Assert.Contains("最適", figures);
        Assert.Equal(await page.GetByTestId("plan-bound").InnerTextAsync(), await page.GetByTestId("plan-home-days").InnerTextAsync());
        var days = page.GetByTestId("plan-days").Locator("tbody tr");
        Assert.Equal(20, await days.CountAsync());
        Assert.Contains("貸出用端末 4 台をすべて使用しています", await page.GetByTestId("plan-days").InnerTextAsync());

        // Why is 清水 (office-only: the finance system) in the office on 1 December?
        var shimizu = page.GetByTestId("plan-grid").Locator("tbody tr[data-staff='4111']");
        Assert.Equal("0", (await shimizu.Locator("td").Last.InnerTextAsync()).Trim());
        await shimizu.Locator("td[data-day='2026-12-01'] a").ClickAsync();
        await Expect(page.GetByTestId("why-in-office")).ToContainTextAsync("清水 拓也（4111）");
        Assert.Contains("テレワーク許可リスト外のシステム", await page.GetByTestId("why-in-office").InnerTextAsync());
        await Screenshots.SaveAsync(page, "tasks-plan");

        // Accepting the plan: the section head approves its home days at once (the rules need the head's approval, and the head accepts).
        var homeDays = (await page.GetByTestId("plan-home-days").InnerTextAsync()).Trim();
        var aoki = page.GetByTestId("plan-grid").Locator("tbody tr[data-staff='4101']");
        var aokiHome = (await aoki.Locator("td").Last.InnerTextAsync()).Trim();
        Assert.NotEqual("0", aokiHome);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "計画を確定して申請を作成" }).ClickAsync();
        await Expect(page.GetByTestId("plan-accepted")).ToContainTextAsync($"承認済み {homeDays}日、承認待ち 0日、見送り 0日");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "計画を確定して申請を作成" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "tasks-plan-accepted");

        // The requests: 青木's December timesheet shows the planned days as approved telework.
        await page.GotoAsync($"/work/timesheet/{tasks.Staff[0].Id}?month=2026-12");
        var approvedDays = page.GetByTestId("timesheet-days").Locator("tbody tr", new() { HasText = "在宅（承認済み）" });
        Assert.Equal(int.Parse(aokiHome, System.Globalization.CultureInfo.InvariantCulture), await approvedDays.CountAsync());
        await Screenshots.SaveAsync(page, "tasks-plan-timesheet");
    }

    [Fact]
    public async Task Hr_SwitchesOnTheEmergencyPlan_AndReadsEachSectionAgainstTheGoal()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await TaskSeed.CreateAsync(server, seed);
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.HrAdmin]);

        await page.GetByRole(AriaRole.Link, new() { Name = "緊急時（BCP）" }).ClickAsync();
        await page.WaitForURLAsync("**/tasks/emergency");
        await page.GetByLabel("開始日").FillAsync("2026-12-01");
        await page.GetByLabel("終了日").FillAsync("2026-12-14");
        await page.GetByLabel("使える端末の台数（1日あたり）").FillAsync("3");
        await Screenshots.SaveAsync(page, "tasks-emergency");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "緊急時の計画を作る（全庁）" }).ClickAsync();
        await page.WaitForURLAsync("**/tasks/plans/*");

        await Expect(page.GetByTestId("emergency-report")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var section = page.GetByTestId("emergency-sections").Locator("tbody tr[data-section='410']");
        var cells = await section.Locator("td").AllInnerTextsAsync();
        Assert.Contains("統計調査の集計と照会対応", cells[^1]);
        Assert.Contains("庁内会議の運営", cells[^1]);
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=emergency-reduction-chart]'))");
        await Screenshots.SaveAsync(page, "tasks-emergency-report");
    }
}
