using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Staff;

[Collection(ChromiumCollection.Name)]
public sealed class StaffImportBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Import_ShiftJisFileWithOneBadRow_NamesRowAndColumnAndChangesNothing_ThenGoodFileApplies()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.HrAdmin]);

        await page.GotoAsync("/staff");
        Assert.Equal("8件中 1〜8件", await PagerSummaryAsync(page));

        // Rows 2–8: staff 1001–1007 as they are; 1008 (中村) is left out; row 9 has an unknown section code.
        var kept = seed.Staff.Take(7).Select(s => StaffCsv.RowOf(seed, s)).ToList();
        string[] yamamoto = ["2001", "山本", "美穂", "やまもと", "みほ", "", "会計年度任用", "999", "", "2026-11-01", ""];
        string[] kobayashi = ["2002", "小林", "大輔", "こばやし", "だいすけ", "", "正規", "120", "主事", "2026-11-01", ""];
        var bad = StaffCsv.Encode([.. kept, yamamoto, kobayashi]);

        await UploadAsync(page, "職員一覧_誤りあり.csv", bad);
        Assert.Equal("取込内容の確認", await ConsolePages.HeadingAsync(page));
        var problems = page.GetByTestId("import-problems");
        Assert.Contains("ファイルに1件の誤りがあります。何も変更していません。", await problems.InnerTextAsync());
        var cells = await problems.Locator("tbody tr").Nth(0).Locator("td").AllInnerTextsAsync();
        Assert.Equal(["9", "所属コード", "999", "所属コード「999」の課・係は登録されていません"], cells.Select(c => c.Trim()));
        Assert.Equal(1, await problems.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "この内容で反映する" }).CountAsync());
        await Screenshots.SaveAsync(page, "staff-import-errors");

        await page.GotoAsync("/staff");
        Assert.Equal("8件中 1〜8件", await PagerSummaryAsync(page));
        var names = await StaffNamesAsync(page);
        Assert.Contains("中村 陽子", names);
        Assert.DoesNotContain("小林 大輔", names);

        // The corrected file: 山本 in 市民課 (310), and 鈴木 (1003) promoted to 主査.
        yamamoto[7] = "310";
        kept[2][8] = "主査";
        await UploadAsync(page, "職員一覧.csv", StaffCsv.Encode([.. kept, yamamoto, kobayashi]), screenshot: "staff-import");
        Assert.Equal("取込内容の確認", await ConsolePages.HeadingAsync(page));
        Assert.Equal("2", await page.GetByTestId("added").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("changed").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("deactivated").InnerTextAsync());
        var main = await ConsolePages.MainTextAsync(page);
        Assert.Contains("職員一覧.csv（CSV (Shift_JIS)、9行）", main);
        Assert.Contains("役職: 主事 → 主査", main);
        Assert.Contains("退職扱いになる職員（ファイルにない在職者）（1人）", main);
        await Screenshots.SaveAsync(page, "staff-import-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で反映する" }).ClickAsync();
        // The result renders at the same address, so wait for it rather than for the address.
        await Expect(page.Locator("main h1")).ToHaveTextAsync("取込を反映しました");
        Assert.Contains("追加 2人、変更 1人、退職扱い 1人、変更なし 6人。", await ConsolePages.MainTextAsync(page));
        await Screenshots.SaveAsync(page, "staff-import-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "職員一覧へ" }).ClickAsync();
        await page.WaitForURLAsync("**/staff");
        Assert.Equal("9件中 1〜9件", await PagerSummaryAsync(page));
        names = await StaffNamesAsync(page);
        Assert.Contains("山本 美穂", names);
        Assert.Contains("小林 大輔", names);
        Assert.DoesNotContain("中村 陽子", names);
        await Screenshots.SaveAsync(page, "staff-list-after-import");
    }

    private static async Task UploadAsync(IPage page, string fileName, byte[] content, string? screenshot = null)
    {
        await page.GotoAsync("/staff/import");
        Assert.Equal("職員の取込", await ConsolePages.HeadingAsync(page));
        await page.GetByLabel("ファイル").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
        if (screenshot is not null) await Screenshots.SaveAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/import/*");
    }

    private static async Task<string> PagerSummaryAsync(IPage page) => (await page.Locator(".pagination__summary").InnerTextAsync()).Trim();

    /// <summary>The names in the staff table (kanji line of the name cell).</summary>
    internal static async Task<List<string>> StaffNamesAsync(IPage page) =>
        [.. (await page.GetByTestId("staff-table").Locator("tbody tr td:nth-child(2) a").AllInnerTextsAsync()).Select(n => n.Trim())];
}
