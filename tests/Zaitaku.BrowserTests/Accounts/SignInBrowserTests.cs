using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Accounts;

[Collection(ChromiumCollection.Name)]
public sealed class SignInBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task SignIn_WithPasswordAndOneTimeCode_LandsOnHomeWithMunicipalityName()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var login = seed.Logins[Role.HrAdmin];
        var page = await chromium.OpenAsync(server);

        await page.GotoAsync("/login");
        Assert.Equal("ログイン", await ConsolePages.HeadingAsync(page));
        await ConsolePages.FillSignInAsync(page, login);
        await Screenshots.SaveAsync(page, "login");
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/login/otp");
        Assert.Equal("確認コードの入力", await ConsolePages.HeadingAsync(page));
        await page.GetByLabel("確認コード").FillAsync(Totp.Code(login.TotpSecret!, server.Time.GetUtcNow()));
        await Screenshots.SaveAsync(page, "login-otp");
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(server.Address.ToString());
        Assert.Equal("テスト市", await ConsolePages.HeadingAsync(page));
        Assert.Contains($"ようこそ、{seed.Staff[1].FullName}さん。", await ConsolePages.MainTextAsync(page));
        Assert.Equal("テスト市", (await page.Locator(".app-header__tenant").InnerTextAsync()).Trim());
        await Screenshots.SaveAsync(page, "home");
    }

    [Fact]
    public async Task SignIn_WrongOneTimeCode_StaysOnCodePageWithJapaneseMessage()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var login = seed.Logins[Role.Auditor];
        var page = await chromium.OpenAsync(server);

        await page.GotoAsync("/login");
        await ConsolePages.FillSignInAsync(page, login);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/login/otp");
        var right = Totp.Code(login.TotpSecret!, server.Time.GetUtcNow());
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("確認コード").FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("確認コードが正しくないか、使用済みです。");
        Assert.EndsWith("/login/otp", page.Url);
        Assert.Equal("確認コードの入力", await ConsolePages.HeadingAsync(page));
    }
}
