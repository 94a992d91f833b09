using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Organization;
using Zaitaku.Readiness;
using Zaitaku.Testing;
using Zaitaku.Web.Readiness;
using static Microsoft.Playwright.Assertions;

namespace Zaitaku.BrowserTests.Readiness;

/// <summary>A staff member answers the readiness survey once; HR reads the results by section.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SurveyBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Survey_StaffAnswersOnce_HrSeesTheSectionsWithCharts()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        Guid surveyId;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var readiness = scoped.Services.GetRequiredService<ReadinessService>();
            surveyId = (await readiness.OpenAsync("令和8年度 テレワークに関する意向調査", new DateOnly(2026, 12, 11))).Value.Id;
            // Everyone but the staff member who answers in the browser.
            var answers = new[]
            {
                new ReadinessAnswerSet(HomeConnection.Fixed, HomePc.Own, HomeWorkspace.Private, CareDuties.ChildCare, TeleworkWish.Often),
                new ReadinessAnswerSet(HomeConnection.Fixed, HomePc.Shared, HomeWorkspace.Shared, CareDuties.None, TeleworkWish.Weekly),
                new ReadinessAnswerSet(HomeConnection.MobileOnly, HomePc.None, HomeWorkspace.Shared, CareDuties.FamilyCare, TeleworkWish.WhenNeeded),
                new ReadinessAnswerSet(HomeConnection.Fixed, HomePc.None, HomeWorkspace.None, CareDuties.None, TeleworkWish.NotWanted),
                new ReadinessAnswerSet(HomeConnection.Fixed, HomePc.Own, HomeWorkspace.Private, CareDuties.None, TeleworkWish.Unsure),
                new ReadinessAnswerSet(HomeConnection.None, HomePc.None, HomeWorkspace.Private, CareDuties.ChildCare, TeleworkWish.Often),
            };
            var others = seed.Staff.Where(s => s.Id != seed.Logins[Role.Staff].StaffId).Take(answers.Length).ToList();
            for (var i = 0; i < others.Count; i++) Assert.True((await readiness.AnswerAsync(surveyId, others[i].Id, answers[i])).IsOk);
        }

        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.StaffLogin);
        await page.GetByRole(AriaRole.Link, new() { Name = "意向調査への回答" }).ClickAsync();
        await page.WaitForURLAsync("**/survey");
        await page.GetByLabel("固定回線（光回線・ケーブルなど）がある").CheckAsync();
        await page.GetByLabel("家族と共用のパソコンがある").CheckAsync();
        await page.GetByLabel("個室など、一人で仕事ができる場所がある").CheckAsync();
        await page.GetByLabel("育児（小学生以下の子の養育）").CheckAsync();
        await page.GetByLabel("週1日程度利用したい").CheckAsync();
        await page.GetByLabel(ReadinessQuestions.CommentQuestion.Ja, new() { Exact = false }).FillAsync("自宅の回線が遅くないか心配です。");
        await Screenshots.SaveAsync(page, "survey-answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "回答を送信" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("回答を受け付けました");
        await Expect(page.GetByTestId("my-answer")).ToContainTextAsync("家族と共用のパソコンがある");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "回答を送信" }).CountAsync());
        await Screenshots.SaveAsync(page, "survey-answered");

        var hr = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(hr, server, seed.Logins[Role.HrAdmin]);
        await hr.GetByRole(AriaRole.Link, new() { Name = "意向調査の集計" }).ClickAsync();
        await hr.GetByRole(AriaRole.Link, new() { Name = "令和8年度 テレワークに関する意向調査" }).ClickAsync();
        await hr.WaitForURLAsync($"**/surveys/{surveyId}");
        await Expect(hr.GetByTestId("survey-figures")).ToContainTextAsync("7人");
        await Expect(hr.GetByTestId("without-home-pc")).ToHaveTextAsync("3人");
        var total = await hr.GetByTestId("survey-sections").Locator("tbody tr").Last.Locator("td, th").AllInnerTextsAsync();
        Assert.Equal(["", "合計", "8", "7"], total.Take(4).Select(t => t.Trim()));
        Assert.True(await hr.EvaluateAsync<bool>("() => !!window.Chart.getChart(document.querySelector(\"canvas[data-chart='survey-wish']\"))"));
        await Screenshots.SaveAsync(hr, "survey-results");
    }
}
