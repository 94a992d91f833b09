using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Zaitaku.BrowserTests.Browser;

namespace Zaitaku.BrowserTests.Gateway;

/// <summary>
/// The gateway's portal in the telework PC's browser, over mutual TLS with the PC's certificate:
/// sign-in with a one-time code, the day's status, 始業, the tiles, a system behind the gateway with
/// the watermark, a denial with its reasons and request id, 終業, and the print block.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PortalBrowserTests(ChromiumFixture chromium)
{
    private const string SessionCookie = "__Host-zaitaku-gw";

    [Fact]
    public async Task WorkdayThroughPortal_SignInStartOpenDeniedEnd_OldCookieOpensNothing()
    {
        await using var world = await PortalWorld.StartAsync();
        var page = await world.OpenPcBrowserAsync(chromium);

        // The gateway answers the PC's certificate with its municipality's portal.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/portal/$"));
        await Expect(page.Locator("main h1")).ToContainTextAsync("在宅勤務ポータル");
        await Expect(page.Locator("main")).ToContainTextAsync("テスト市");
        await Expect(page.GetByTestId("asset-tag")).ToHaveTextAsync("TS-PC-0001");
        await FillSignInAsync(page, world);
        await Screenshots.SaveAsync(page, "portal-signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();

        // Home before 始業: today approved, not started, no tile; the reason is listed for the allowed system.
        await Expect(page.GetByTestId("staff")).ToHaveTextAsync($"{world.StaffMember.FullName}（職員番号 {world.StaffMember.StaffNumber}）");
        await Expect(page.GetByTestId("approval")).ToContainTextAsync("承認済み");
        await Expect(page.GetByTestId("workday")).ToContainTextAsync("未始業");
        await Expect(page.GetByTestId("no-tiles")).ToHaveTextAsync("今開けるシステムはありません。始業すると、許可されたシステムをここから開けます。");
        await Expect(page.GetByTestId("closed-docs")).ToContainTextAsync("not_clocked_in");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("住民記録システム");
        await Screenshots.SaveAsync(page, "portal-home");

        // 始業: the allowed LGWAN system becomes a tile; tax stays closed with its reason; My Number is never shown.
        await page.GetByRole(AriaRole.Button, new() { Name = "始業" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("始業を記録しました。");
        await Expect(page.GetByTestId("workday")).ToContainTextAsync("勤務中");
        await Expect(page.GetByTestId("tiles").Locator("li")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("tile-docs")).ToContainTextAsync("文書管理システム");
        await Expect(page.GetByTestId("closed-tax")).ToContainTextAsync("data_class_restricted");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("住民記録システム");
        await page.GetByText("今は開けないシステムと理由").ClickAsync();
        await Screenshots.SaveAsync(page, "portal-working");

        // The tile opens the system through the gateway, with the staff number across the screen.
        await page.GetByTestId("tile-docs").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/s/docs/$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("文書管理システム");
        var marks = page.Locator("[data-zaitaku=watermark] span");
        await Expect(marks.First).ToBeVisibleAsync();
        Assert.StartsWith(world.StaffMember.StaffNumber + " ", await marks.First.InnerTextAsync());
        await Screenshots.SaveAsync(page, "system-watermark");

        // A link into the system's tax path is refused for its data class.
        await page.GetByRole(AriaRole.Link, new() { Name = "課税資料" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToContainTextAsync("アクセスできません");
        await Expect(page.GetByTestId("reasons")).ToContainTextAsync("data_class_restricted");

        // The My Number system, typed in by hand: the Japanese denial page, every reason with its code, and the request id.
        var denied = await page.GotoAsync("/s/juki/");
        Assert.Equal(403, denied!.Status);
        await Expect(page.GetByTestId("system")).ToHaveTextAsync("住民記録システム");
        await Expect(page.Locator("main h1")).ToContainTextAsync("アクセスできません");
        await Expect(page.GetByTestId("reasons").Locator("li")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("reasons")).ToContainTextAsync("マイナンバー");
        await Expect(page.GetByTestId("reasons").Locator("code")).ToHaveTextAsync("segment_mynumber");
        var requestId = (await page.GetByTestId("request-id").InnerTextAsync()).Trim();
        Assert.Equal(await denied.HeaderValueAsync("x-request-id"), requestId);
        await Screenshots.SaveAsync(page, "portal-denied");
        // The help desk finds the refusal by the number on the screen.
        using (var scoped = world.Server.OpenDb())
        {
            var record = await scoped.Db.DecisionRecords.AsNoTracking().SingleAsync(r => r.RequestId == requestId);
            Assert.False(record.Allow);
            Assert.Equal("juki", record.System);
            Assert.Equal("segment_mynumber", record.Reasons);
        }

        // 終業 with a report ends the session: back on the sign-in page with the notice.
        await page.GetByRole(AriaRole.Link, new() { Name = "ポータルへ戻る" }).ClickAsync();
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == SessionCookie);
        await page.GetByLabel("業務報告").FillAsync("起案文書3件の確認、在宅勤務実施要領の修正");
        await page.GetByRole(AriaRole.Button, new() { Name = "終業" }).ClickAsync();
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("終業を記録しました。");
        await Expect(page.GetByLabel("ログインID")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == SessionCookie);

        // The cookie from before 終業, put back by hand, opens nothing.
        await page.Context.AddCookiesAsync([new Cookie
        {
            Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path, Secure = true, HttpOnly = true, SameSite = SameSiteAttribute.Strict,
        }]);
        var replay = await page.GotoAsync("/s/docs/");
        Assert.Equal(403, replay!.Status);
        await Expect(page.GetByTestId("reasons").Locator("code")).ToHaveTextAsync("not_signed_in");
        await page.GotoAsync("/portal/");
        await Expect(page.GetByLabel("ログインID")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("セッションが終了しました。もう一度サインインしてください。");
    }

    [Fact]
    public async Task PrintProxiedPage_PrintBlocked_ContentHiddenNoticeShown()
    {
        await using var world = await PortalWorld.StartAsync();
        var page = await world.OpenPcBrowserAsync(chromium);
        await page.GotoAsync("/portal/");
        await FillSignInAsync(page, world);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "始業" }).ClickAsync();
        await page.GetByTestId("tile-docs").GetByRole(AriaRole.Link).ClickAsync();

        // On screen the page is there; printed, only the notice is.
        var heading = page.Locator("h1");
        await Expect(heading).ToHaveTextAsync("文書管理システム");
        await Expect(page.Locator("table")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(heading).ToBeHiddenAsync();
        await Expect(page.Locator("table")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-zaitaku=watermark]")).ToBeHiddenAsync();
        var notice = await page.EvaluateAsync<string>("() => getComputedStyle(document.body, '::before').content");
        Assert.Contains("印刷が禁止されています", notice);
        await Screenshots.SaveAsync(page, "system-print-blocked");

        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(heading).ToBeVisibleAsync();
    }

    /// <summary>Types the login ID, password and the code the staff member's app shows now.</summary>
    private static async Task FillSignInAsync(IPage page, PortalWorld world)
    {
        await page.GetByLabel("ログインID").FillAsync(world.Staff.LoginId);
        await page.GetByLabel(new Regex("^パスワード")).FillAsync(world.Staff.Password);
        await page.GetByLabel("ワンタイムパスワード").FillAsync(world.CurrentCode());
    }
}
