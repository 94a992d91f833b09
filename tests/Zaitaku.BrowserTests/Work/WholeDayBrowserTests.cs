using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Work;

/// <summary>
/// Issue 4's day in a real browser: a staff member asks for tomorrow, the section head approves,
/// the staff member starts the day at home, the head's presence board (another browser) shows
/// テレワーク中 without a reload, and the staff member ends the day with a work report.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class WholeDayBrowserTests(ChromiumFixture chromium)
{
    private static DateTimeOffset Tokyo(int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    /// <summary>Moves the server's clock in ten-minute steps, each tab's session kept alive by a request (the sign-in cookie slides).</summary>
    private static async Task PassTimeAsync(ConsoleServer server, DateTimeOffset to, params IPage[] pages)
    {
        while (server.Time.GetUtcNow() < to)
        {
            var next = server.Time.GetUtcNow().AddMinutes(10);
            server.Time.SetUtcNow(next < to ? next : to);
            foreach (var page in pages) await page.Context.APIRequest.GetAsync("/");
        }
    }

    [Fact]
    public async Task WholeDay_AskApproveStartBoardShowsTeleworkLiveEndWithReport()
    {
        await using var server = await ConsoleServer.StartAsync(now: Tokyo(26, 10));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var staff = await chromium.OpenAsync(server);
        var head = await chromium.OpenAsync(server);

        // Thursday: the staff member asks for Friday on the month's calendar.
        await ConsolePages.SignInAsync(staff, server, seed.StaffLogin);
        await staff.GotoAsync("/work/requests");
        Assert.Equal("テレワーク（在宅勤務）の申請", await ConsolePages.HeadingAsync(staff));
        await Expect(staff.Locator("[data-date='2026-11-23'] [data-holiday]")).ToHaveTextAsync("勤労感謝の日");
        await staff.Locator("input[name='Input.Days'][value='2026-11-27']").CheckAsync();
        await staff.GetByLabel("業務内容（任意）").FillAsync("予算要求資料の作成");
        await Screenshots.SaveAsync(staff, "work-request");
        await staff.GetByTestId("ask").ClickAsync();
        await Expect(staff.GetByTestId("request-made")).ToHaveTextAsync("1日の在宅勤務を申請しました。所属長の承認をお待ちください。");

        // The head sees the count in the header, selects all and approves with a comment.
        await ConsolePages.SignInAsync(head, server, seed.Logins[Role.SectionHead]);
        await Expect(head.GetByTestId("header-unread")).ToHaveTextAsync("1");
        await head.GotoAsync("/work/approvals");
        await head.GetByTestId("select-all").CheckAsync();
        await Expect(head.Locator("[data-selected-count=requests]")).ToHaveTextAsync("1");
        await head.Locator("#comment-telework").FillAsync("了解です。");
        await Screenshots.SaveAsync(head, "work-approvals");
        await head.GetByTestId("approve-telework").ClickAsync();
        await Expect(head.GetByTestId("decision-summary")).ToHaveTextAsync("処理 1件、処理できなかった申請 0件");

        // Friday morning: both sign in again; the head opens the section's board.
        server.Time.SetUtcNow(Tokyo(27, 8, 20));
        await ConsolePages.SignInAsync(head, server, seed.Logins[Role.SectionHead]);
        await ConsolePages.SignInAsync(staff, server, seed.StaffLogin);
        await head.GotoAsync($"/presence/{seed.Units["330"].Id}");
        var row = head.Locator($"[data-presence-staff='{seed.StaffLogin.StaffId}']");
        await Expect(row.Locator("[data-presence-chip]")).ToHaveTextAsync("退勤");
        await Expect(row.Locator("[data-presence-today]")).ToHaveTextAsync("在宅");
        await Expect(head.Locator("[data-presence-status]")).ToHaveAttributeAsync("data-presence-status", "live");
        await head.EvaluateAsync("() => { window.zaitakuSamePage = true; }");

        // The staff member starts the day at home.
        server.Time.SetUtcNow(Tokyo(27, 8, 30));
        await staff.GotoAsync("/work/today");
        await Expect(staff.GetByTestId("today-plan")).ToHaveTextAsync("在宅勤務（承認済み）");
        await staff.GetByTestId("start-day").ClickAsync();
        await Expect(staff.GetByTestId("started")).ToHaveTextAsync("2026/11/27 08:30");

        // The head's board changes by itself: same page, no reload.
        await Expect(row.Locator("[data-presence-chip]")).ToHaveTextAsync("テレワーク中");
        await Expect(row.Locator("[data-presence-chip]")).ToHaveClassAsync("chip chip--telework");
        await Expect(head.Locator("[data-presence-count=telework]")).ToHaveTextAsync("1");
        Assert.True(await head.EvaluateAsync<bool>("() => window.zaitakuSamePage === true"));
        await Screenshots.SaveAsync(head, "presence-board");

        // End of the day with a work report; the board shows 退勤, again without a reload.
        await PassTimeAsync(server, Tokyo(27, 17, 20), staff, head);
        await staff.GotoAsync("/work/today");
        await staff.GetByLabel("業務報告").FillAsync("予算要求資料（第2稿）を作成し、係長へ送付。");
        await Screenshots.SaveAsync(staff, "work-today");
        await staff.GetByTestId("end-day").ClickAsync();
        await Expect(staff.GetByTestId("ended")).ToHaveTextAsync("2026/11/27 17:20");
        await Expect(staff.GetByTestId("report")).ToHaveTextAsync("予算要求資料（第2稿）を作成し、係長へ送付。");
        await Expect(row.Locator("[data-presence-chip]")).ToHaveTextAsync("退勤");
        Assert.True(await head.EvaluateAsync<bool>("() => window.zaitakuSamePage === true"));
        await Screenshots.SaveAsync(staff, "work-today-ended");

        // The timesheet counts the day at home.
        await staff.GotoAsync("/work/timesheet?month=2026-11");
        await Expect(staff.GetByTestId("telework-days")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(staff, "work-timesheet");
    }
}
