using Microsoft.Playwright;
using Zaitaku.Audit;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Data.Audit;
using Zaitaku.Organization;
using Zaitaku.Testing;
using static Microsoft.Playwright.Assertions;

namespace Zaitaku.BrowserTests.Decisions;

/// <summary>The help desk is told a request was denied: IT finds it in the decision log by its reason and opens it.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DecisionLogBrowserTests(ChromiumFixture chromium)
{
    private static readonly string[] Reasons = ["", "", "", "route_not_closed", "", "no_approved_telework", "", "data_class_restricted", "", "not_clocked_in,outside_work_hours"];

    [Fact]
    public async Task DecisionLog_SearchByReason_OpensTheRequestWithBothEntries()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var taxRequest = await SeedAsync(server, seed);
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, seed.Logins[Role.ItAdmin]);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "アクセス判定の記録" }).ClickAsync();
        Assert.Equal("アクセス判定の記録", await ConsolePages.HeadingAsync(page));
        await page.GetByLabel("開始日時").FillAsync("2026-11-25T08:30");
        await page.GetByLabel("終了日時").FillAsync("2026-11-25T17:15");
        await page.GetByLabel("理由", new() { Exact = true }).SelectOptionAsync("data_class_restricted");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/decisions?*reason=data_class_restricted*");

        var rows = page.GetByTestId("decision-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToContainTextAsync("この情報（税情報など）はテレワークでの閲覧が制限されています。");
        await Expect(page.GetByTestId("decision-period")).ToContainTextAsync("2026/11/25（令和8年） 08:30 ～ 2026/11/25（令和8年） 17:15");
        await Screenshots.SaveAsync(page, "decisions");

        await page.GetByRole(AriaRole.Link, new() { Name = taxRequest }).ClickAsync();
        await page.WaitForURLAsync($"**/decisions/{taxRequest}");
        await Expect(page.Locator("main h1")).ToContainTextAsync(taxRequest);
        await Expect(page.GetByTestId("decision-reasons")).ToContainTextAsync("data_class_restricted");
        await Expect(page.GetByTestId("decision-entries").Locator("tbody tr")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "decision-detail");
    }

    /// <summary>A working day of requests from five PCs, each allowed one with its result; returns the last tax denial's id.</summary>
    private static async Task<string> SeedAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        scoped.Db.Systems.Add(new Zaitaku.Systems.RegisteredSystem { Id = Guid.NewGuid(), Slug = "docs", Name = "文書管理", UpstreamUrl = "http://127.0.0.1:9/", Remote = true });
        scoped.Db.Systems.Add(new Zaitaku.Systems.RegisteredSystem { Id = Guid.NewGuid(), Slug = "zeimu", Name = "税務", UpstreamUrl = "http://127.0.0.1:9/", Remote = true, DataClass = "tax" });
        await scoped.Db.SaveChangesAsync();
        string? tax = null;
        for (var k = 0; k < 30; k++)
        {
            var at = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(9)).AddMinutes(k * 15);
            var reasons = Reasons[k % Reasons.Length];
            var id = $"{0x5a17c0de00 + k * 7919:x12}a0b1";
            var open = reasons == "route_not_closed";
            var system = reasons == "data_class_restricted" ? "zeimu" : "docs";
            var decision = Record(seed, id, DecisionEntryKind.Decision, k, open, system, reasons);
            await DecisionLogStore.AppendAsync(scoped.Db, [decision], at);
            if (reasons == "")
            {
                var result = Record(seed, id, DecisionEntryKind.Result, k, open, system, "");
                result.Status = 200;
                result.Bytes = 18_000 + k * 733;
                result.DurationMs = 20 + k % 7 * 3.5;
                await DecisionLogStore.AppendAsync(scoped.Db, [result], at.AddMilliseconds(60));
            }
            if (system == "zeimu") tax = id;
        }
        return tax!;
    }

    private static DecisionRecord Record(TenantSeed seed, string id, DecisionEntryKind kind, int k, bool open, string system, string reasons) => new()
    {
        ChainId = DecisionRecord.ChainFor(seed.Tenant.Id, "gw1"), TenantId = seed.Tenant.Id, Node = "gw1", Kind = kind, RequestId = id,
        StaffNumber = seed.Staff[k % 5].StaffNumber, DeviceSerial = $"ZT-{1001 + k % 5}", SourceAddress = open ? "100.64.8.21" : $"10.20.3.{10 + k % 5}",
        Route = open ? "lte" : "vpn", System = system, Method = "GET", Path = system == "zeimu" ? "/tax/assessment/2026" : "/documents",
        Allow = reasons == "", Reasons = reasons, Status = reasons == "" ? null : 403, PreviousHash = "", Hash = "",
    };
}
