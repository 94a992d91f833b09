using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Docs;

/// <summary>The console's main pages as each role sees them, checked for what matters on each and saved for the docs.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class MainPagesBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Organisation_AsTenantAdmin_ShowsDepartmentsWithSectionsAndHeadcounts()
    {
        var (server, seed, page) = await SignedInAsync(Role.TenantAdmin);
        await using var _ = server;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "組織", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/org");
        Assert.Equal("組織", await ConsolePages.HeadingAsync(page));
        Assert.Contains("部局 2・課室 4・係 0、職員 8人", await ConsolePages.MainTextAsync(page));
        var tree = await page.Locator("ul.tree").First.InnerTextAsync();
        Assert.Contains("テスト市総務部", tree);
        Assert.Contains("テスト市課税課", tree);
        await Screenshots.SaveAsync(page, "org");
    }

    [Fact]
    public async Task StaffDetail_OpenedFromTheList_ShowsNumberSectionPathAndEmployment()
    {
        var (server, seed, page) = await SignedInAsync(Role.TenantAdmin);
        await using var _ = server;

        await page.GotoAsync("/staff");
        await page.GetByRole(AriaRole.Link, new() { Name = "高橋 美咲" }).ClickAsync();
        await page.WaitForURLAsync($"**/staff/{seed.Staff[3].Id}");
        Assert.Equal("高橋 美咲 たかはし みさき", Regex.Replace(await ConsolePages.HeadingAsync(page), @"\s+", " "));
        var details = await page.Locator("dl.summary-list").InnerTextAsync();
        Assert.Contains("1004", details);
        Assert.Contains("テスト市市民部 › テスト市市民課", details);
        Assert.Contains("条件付採用", details);
        Assert.Contains("在職", details);
        await Screenshots.SaveAsync(page, "staff-detail");
    }

    [Fact]
    public async Task AuditTrail_AsAuditor_ListsSignInsAndFiltersFailedAttempts()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var page = await chromium.OpenAsync(server);
        // Someone mistypes a password first, so the trail has a failed attempt to find.
        await page.GotoAsync("/login");
        await ConsolePages.FillSignInAsync(page, seed.Logins[Role.ItAdmin] with { Password = "Wrong-Passw0rd-xx" });
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("自治体コード、ユーザーID、またはパスワードが正しくありません。");
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.Auditor]);

        await page.GotoAsync("/audit");
        Assert.Equal("監査ログ", await ConsolePages.HeadingAsync(page));
        var table = page.GetByTestId("audit-table");
        var first = await table.Locator("tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.Contains("高橋 美咲", first[2]);
        Assert.Equal("ログイン", first[3].Trim());
        Assert.Equal("2026/11/26 10:01:00", first[1].Trim()[..19]);
        await Screenshots.SaveAsync(page, "audit");

        await page.GetByLabel("操作", new() { Exact = true }).SelectOptionAsync("auth.signin_failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/audit?*action=auth.signin_failed*");
        var rows = await table.Locator("tbody tr").AllAsync();
        Assert.Single(rows);
        Assert.Equal("ログイン失敗", (await rows[0].Locator("td").Nth(3).InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Accounts_AsTenantAdmin_ListEveryAccountWithRolesAndSecondFactor()
    {
        var (server, seed, page) = await SignedInAsync(Role.TenantAdmin);
        await using var _ = server;

        await page.GotoAsync("/accounts");
        Assert.Equal("アカウントと権限", await ConsolePages.HeadingAsync(page));
        var rows = page.GetByTestId("accounts-table").Locator("tbody tr");
        Assert.Equal(6, await rows.CountAsync());
        var hr = await rows.Filter(new() { HasText = "佐藤 花子" }).Locator("td").AllInnerTextsAsync();
        Assert.Contains("人事課", hr[2]);
        Assert.Equal("設定済み", hr[3].Trim());
        var staff = await rows.Filter(new() { HasText = "伊藤 恵子" }).Locator("td").AllInnerTextsAsync();
        Assert.Equal("未設定", staff[3].Trim());
        await Screenshots.SaveAsync(page, "accounts");
    }

    [Fact]
    public async Task ApiTokens_IssueOne_ShowsItOnceAndListsItAsValid()
    {
        var (server, seed, page) = await SignedInAsync(Role.TenantAdmin);
        await using var _ = server;

        await page.GotoAsync("/api-tokens");
        Assert.Equal("APIトークン", await ConsolePages.HeadingAsync(page));
        await page.GetByLabel("名前（用途）").FillAsync("人事給与システム連携");
        await page.GetByLabel("職員の参照").CheckAsync();
        await page.GetByLabel("職員の登録・変更・取込").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "発行する" }).ClickAsync();

        await Expect(page.GetByTestId("issued-token")).ToBeVisibleAsync();
        Assert.Contains("トークンを発行しました", await ConsolePages.MainTextAsync(page));
        var token = (await page.GetByTestId("issued-token").InnerTextAsync()).Trim();
        var row = await page.Locator("table tbody tr").Filter(new() { HasText = "人事給与システム連携" }).Locator("td").AllInnerTextsAsync();
        Assert.StartsWith(row[1].Trim().TrimEnd('…'), token, StringComparison.Ordinal);
        Assert.Equal("職員の参照、職員の登録・変更・取込", row[2].Trim());
        Assert.Equal("有効", row[6].Trim());
        await Screenshots.SaveAsync(page, "api-tokens");
    }

    [Fact]
    public async Task LanguageSwitch_OnHome_ShowsTheConsoleInEnglish()
    {
        var (server, seed, page) = await SignedInAsync(Role.TenantAdmin);
        await using var _ = server;

        // The switch comes back to the same address, so wait for the language, not the address.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal(server.Address.ToString(), page.Url);
        Assert.Contains("Welcome, 山田 太郎.", await ConsolePages.MainTextAsync(page));
        var menu = await page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).InnerTextAsync();
        Assert.Contains("Staff", menu);
        Assert.Contains("Audit trail", menu);
        Assert.DoesNotContain("職員一覧", menu);
        await Screenshots.SaveAsync(page, "home-en");

        await page.GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        Assert.Contains("ようこそ、山田 太郎さん。", await ConsolePages.MainTextAsync(page));
    }

    [Fact]
    public async Task SecondFactorEnrolment_FromHomeRecommendation_ShowsQrCodeThenRecoveryCodes()
    {
        var (server, seed, page) = await SignedInAsync(Role.Staff);
        await using var _ = server;

        Assert.Contains("二要素認証をおすすめします", await ConsolePages.MainTextAsync(page));
        await page.GetByRole(AriaRole.Link, new() { Name = "設定する" }).ClickAsync();
        await page.WaitForURLAsync("**/account/mfa");
        Assert.Equal("二要素認証の設定", await ConsolePages.HeadingAsync(page));
        Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = "認証アプリ用QRコード" }).Locator("svg").IsVisibleAsync());
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Trim();
        await Screenshots.SaveAsync(page, "mfa-enrol");

        await page.GetByLabel("確認コード").FillAsync(Totp.Code(Base32.Decode(key), server.Time.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "設定する" }).ClickAsync();
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
        Assert.Contains("二要素認証を設定しました", await ConsolePages.MainTextAsync(page));
        Assert.Equal(10, await page.GetByTestId("recovery-codes").Locator("li").CountAsync());
        await Screenshots.SaveAsync(page, "mfa-recovery-codes");
    }

    private async Task<(ConsoleServer Server, TenantSeed Seed, IPage Page)> SignedInAsync(Role role)
    {
        var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[role]);
        return (server, seed, page);
    }
}
