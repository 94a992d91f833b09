using Microsoft.Playwright;
using Zaitaku.Identity;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Browser;

/// <summary>What a user does on every page: sign in through the form, read the heading, move on.</summary>
public static class ConsolePages
{
    /// <summary>Signs in on /login as a person would, typing the one-time code when the account has one; ends on the home page.</summary>
    public static async Task SignInAsync(IPage page, ConsoleServer server, SeededLogin login)
    {
        await page.GotoAsync("/login");
        await FillSignInAsync(page, login);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        if (login.TotpSecret is not null)
        {
            await page.WaitForURLAsync("**/login/otp");
            await page.GetByLabel("確認コード").FillAsync(Totp.Code(login.TotpSecret, server.Time.GetUtcNow()));
            await page.GetByRole(AriaRole.Button, new() { Name = "確認", Exact = true }).ClickAsync();
        }
        await page.WaitForURLAsync(server.Address.ToString());
    }

    /// <summary>Types the municipality code, sign-in ID and password into the sign-in form.</summary>
    public static async Task FillSignInAsync(IPage page, SeededLogin login)
    {
        await page.GetByLabel("自治体コード").FillAsync(login.TenantCode);
        await page.GetByLabel("ユーザーID").FillAsync(login.LoginId);
        await page.GetByLabel("パスワード").FillAsync(login.Password);
    }

    /// <summary>The page's main heading as shown.</summary>
    public static async Task<string> HeadingAsync(IPage page) => (await page.Locator("main h1").InnerTextAsync()).Trim();

    /// <summary>Visible text of the main content.</summary>
    public static async Task<string> MainTextAsync(IPage page) => await page.Locator("main").InnerTextAsync();
}
