using Microsoft.Playwright;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Staff;

[Collection(ChromiumCollection.Name)]
public sealed class StaffSearchBrowserTests(ChromiumFixture chromium)
{
    [Theory]
    [InlineData("やま")]
    [InlineData("ヤマ")]
    public async Task Search_ReadingPrefixInHiraganaOrKatakana_ShowsOnlyStaffWhoseFamilyReadingStartsWithIt(string typed)
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await AddStaffAsync(server, seed,
            ("3001", "山本", "美穂", "やまもと", "みほ"),
            ("3002", "山崎", "涼", "やまざき", "りょう"),
            ("3003", "中山", "誠", "なかやま", "まこと"),
            ("3004", "矢野", "真央", "やの", "まお"));
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.HrAdmin]);

        await page.GotoAsync("/staff");
        Assert.Equal("12件中 1〜12件", (await page.Locator(".pagination__summary").InnerTextAsync()).Trim());
        await page.GetByLabel("検索（職員番号・氏名・よみ）").FillAsync(typed);
        await page.GetByRole(AriaRole.Button, new() { Name = "検索", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff?q=*");

        // Sorted by reading: やまざき, やまだ, やまもと; 中山 (なかやま) has やま only inside, 矢野 (やの) only shares や.
        var names = await StaffImportBrowserTests.StaffNamesAsync(page);
        Assert.Equal(["山崎 涼", "山田 太郎", "山本 美穂"], names);
        Assert.Equal("3件中 1〜3件", (await page.Locator(".pagination__summary").InnerTextAsync()).Trim());
        Assert.Equal(typed, await page.GetByLabel("検索（職員番号・氏名・よみ）").InputValueAsync());
        await Screenshots.SaveAsync(page, typed == "やま" ? "staff-search-hiragana" : "staff-search-katakana");
    }

    private static async Task AddStaffAsync(ConsoleServer server, TenantSeed seed, params (string Number, string Family, string Given, string FamilyKana, string GivenKana)[] people)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        foreach (var p in people)
        {
            var member = new StaffMember
            {
                Id = Guid.NewGuid(), TenantId = seed.Tenant.Id, StaffNumber = p.Number, FamilyName = p.Family, GivenName = p.Given,
                FamilyNameKana = p.FamilyKana, GivenNameKana = p.GivenKana, Employment = EmploymentType.Regular,
                SectionId = seed.Units["310"].Id, Position = "主事", ActiveFrom = new DateOnly(2024, 4, 1),
            };
            member.RefreshSearchKeys();
            scoped.Db.Staff.Add(member);
        }
        await scoped.Db.SaveChangesAsync();
    }
}
