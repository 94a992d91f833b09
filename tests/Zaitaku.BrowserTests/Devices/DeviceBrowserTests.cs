using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Devices;

/// <summary>Issue 3's device journeys in Chromium: the kitting checklist, lending with the borrower's acceptance, a loss report.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DeviceBrowserTests(ChromiumFixture chromium)
{
    private static async Task<(ConsoleServer Server, TenantSeed Seed, DeviceSeed Devices)> StartAsync()
    {
        var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        return (server, seed, await new DeviceSeed(server, seed).PrepareAsync());
    }

    /// <summary>A second person at another PC: their own browser context.</summary>
    private async Task<IPage> SignedInAsync(ConsoleServer server, SeededLogin login)
    {
        var page = await chromium.OpenAsync(server);
        await ConsolePages.SignInAsync(page, server, login);
        return page;
    }

    private static ILocator MainOf(IPage page) => page.Locator("main");

    [Fact]
    public async Task KittingChecklist_TickedItemByItem_ThenTheCertificateIsHandedOutOnceWithItsPassword()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0001", DeviceState.Ordered, serial: "5CG1234XYZ");
        var page = await SignedInAsync(server, seed.Logins[Role.ItAdmin]);
        await page.GotoAsync($"/devices/{pc.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "キッティングを開始" }).ClickAsync();
        await Expect(page.GetByTestId("done")).ToHaveTextAsync("キッティングを開始しました。");

        var checklist = page.GetByTestId("checklist");
        await checklist.Locator("[data-item=os_image]").GetByRole(AriaRole.Button, new() { Name = "完了にする" }).ClickAsync();
        await Expect(checklist.Locator("[data-item=os_image]")).ToContainTextAsync("完了");
        await checklist.Locator("[data-item=closed_vpn_profile]").GetByRole(AriaRole.Button, new() { Name = "完了にする" }).ClickAsync();
        await Expect(checklist.Locator("[data-item=closed_vpn_profile]")).ToContainTextAsync(seed.Logins[Role.ItAdmin].LoginId);
        await Screenshots.SaveAsync(page, "device-kitting");

        await page.GetByTestId("mark-ready").ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("キッティングのチェック項目が終わっていません。未完了: アプリケーション制限ポリシーの適用、ディスク暗号化の有効化");
        foreach (var item in new[] { "app_restriction", "disk_encryption" })
        {
            await page.GetByTestId("checklist").Locator($"[data-item={item}]").GetByRole(AriaRole.Button, new() { Name = "完了にする" }).ClickAsync();
            await Expect(page.GetByTestId("checklist").Locator($"[data-item={item}]")).ToContainTextAsync("完了");
        }
        await page.GetByTestId("mark-ready").ClickAsync();

        var handout = page.GetByTestId("handout");
        await Expect(handout).ToContainTextAsync("受け渡しはこの一度だけです");
        var password = await page.GetByTestId("handout-password").InnerTextAsync();
        Assert.Equal(16, password.Length);
        await Expect(page.Locator("main h1")).ToContainTextAsync("貸出可");
        await Screenshots.SaveAsync(page, "device-handout");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("handout-p12").ClickAsync());
        Assert.Equal("TS-PC-0001.p12", download.SuggestedFilename);
        var file = await download.PathAsync();
        using (var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(file, password))
            Assert.Equal("TS-PC-0001", certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
        var p12Link = await page.GetByTestId("handout-p12").GetAttributeAsync("href");
        var again = await page.APIRequest.GetAsync(p12Link!);
        Assert.Equal(404, again.Status);

        await page.GotoAsync($"/devices/{pc.Id}");
        await Expect(page.GetByTestId("handout")).ToHaveCountAsync(0);
        await Expect(MainOf(page)).Not.ToContainTextAsync(password);
    }

    [Fact]
    public async Task Lending_ItOffersThePc_TheBorrowerReadsAndAcceptsTheTerms_ThenItIsLent()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0002", DeviceState.Ready);
        var borrower = seed.Staff.Single(s => s.Id == seed.StaffLogin.StaffId);
        var it = await SignedInAsync(server, seed.Logins[Role.ItAdmin]);
        await it.GotoAsync($"/devices/{pc.Id}");
        await it.GetByLabel("職員番号").FillAsync(borrower.StaffNumber);
        await it.GetByLabel("返却予定日").FillAsync("2027-03-31");
        await it.GetByRole(AriaRole.Button, new() { Name = "貸出を登録" }).ClickAsync();
        await Expect(it.GetByTestId("borrower")).ToContainTextAsync($"{borrower.FullName}（{borrower.StaffNumber}）");
        await Expect(it.GetByTestId("borrower")).ToContainTextAsync("誓約書の同意待ち");
        await Screenshots.SaveAsync(it, "device-lend");

        var staff = await SignedInAsync(server, seed.StaffLogin);
        await staff.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "自分の端末" }).ClickAsync();
        await staff.WaitForURLAsync("**/my-pc");
        var terms = staff.GetByTestId("terms");
        await Expect(terms).ToContainTextAsync("テレワーク端末の貸与に関する誓約書");
        await Expect(terms).ToContainTextAsync("紛失したら直ちに届け出ます。");
        await Screenshots.SaveAsync(staff, "my-pc-terms");

        // The browser asks for the tick before anything is sent.
        await staff.GetByRole(AriaRole.Button, new() { Name = "同意して受け取る" }).ClickAsync();
        await Expect(staff.GetByTestId("done")).ToHaveCountAsync(0);
        await staff.GetByLabel("誓約書の内容を読み、同意します。").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "同意して受け取る" }).ClickAsync();
        await Expect(staff.GetByTestId("done")).ToHaveTextAsync("誓約書に同意しました。端末の貸出が始まりました。");
        await Expect(staff.GetByTestId("my-pc")).ToContainTextAsync("貸出中");
        await Screenshots.SaveAsync(staff, "my-pc-lent");

        await it.GotoAsync($"/devices/{pc.Id}");
        await Expect(it.Locator("main h1")).ToContainTextAsync("貸出中");
        await Expect(it.GetByTestId("timeline")).ToContainTextAsync("誓約書への同意・貸出開始（貸出可 → 貸出中）");
    }

    [Fact]
    public async Task LossReport_TheBorrowerReportsOnMyPc_TheCertificateIsRevoked_AndItSeesTheNotice()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0003", DeviceState.Lent);
        var staff = await SignedInAsync(server, seed.StaffLogin);
        await staff.GotoAsync("/my-pc");
        await staff.GetByLabel("いつ・どこで・どのように").FillAsync("11月26日 18時ごろ、帰りの電車の網棚に置き忘れました。駅に届け出ました。");
        // The page asks "are you sure?" first; the person says yes.
        staff.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "紛失・盗難を届け出る" }).ClickAsync();
        await Expect(staff.GetByTestId("done")).ToContainTextAsync("端末の証明書は無効になり、情報政策課に通知しました");
        // The loan ended with the report: the PC is no longer the staff member's.
        await Expect(staff.GetByTestId("no-pc")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(staff, "my-pc-lost");

        var it = await SignedInAsync(server, seed.Logins[Role.ItAdmin]);
        await Expect(it.Locator(".app-nav .badge")).ToHaveTextAsync("1");
        await it.GotoAsync("/devices");
        var notice = it.GetByTestId("device-notices");
        await Expect(notice).ToContainTextAsync("紛失・盗難の届出");
        await Expect(notice).ToContainTextAsync("TS-PC-0003");
        await Expect(notice).ToContainTextAsync("帰りの電車の網棚に置き忘れました");
        await Screenshots.SaveAsync(it, "fleet-notice");

        await notice.GetByRole(AriaRole.Link, new() { Name = "TS-PC-0003" }).ClickAsync();
        await it.WaitForURLAsync($"**/devices/{pc.Id}");
        await Expect(it.GetByTestId("certificate")).ToContainTextAsync("失効");
        await Expect(it.GetByTestId("certificate")).ToContainTextAsync("鍵の危殆化");
        await Expect(it.GetByTestId("wipe-order")).ToContainTextAsync("端末管理ツールでワイプを実行してください");
        await Screenshots.SaveAsync(it, "device-lost");
    }

    [Fact]
    public async Task FleetLeasesLabelsAndSettings_AsIt_ShowTheFleetAtAGlance()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var leases = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Devices.LeaseService>(scoped.Services);
            await leases.CreateAsync(new Web.Devices.LeaseContractInput("L-2026-01", "東京リース株式会社", 10_800, 30_000, new DateOnly(2026, 9, 1), new DateOnly(2030, 8, 31)), new Web.Devices.DeviceCaller(null, true));
        }
        var states = new[] { DeviceState.Lent, DeviceState.Lent, DeviceState.Lent, DeviceState.Lent, DeviceState.Ready, DeviceState.Ready, DeviceState.Kitting, DeviceState.Ordered,
            DeviceState.Returned, DeviceState.Failed, DeviceState.Rekitting, DeviceState.Lost, DeviceState.Disposing, DeviceState.Disposed };
        for (var n = 0; n < states.Length; n++)
            await devices.CreateAsync($"TS-PC-{n + 10:D4}", states[n], seed.Staff[n % seed.Staff.Count].Id, contract: "L-2026-01");
        var page = await SignedInAsync(server, seed.Logins[Role.ItAdmin]);

        await page.GotoAsync("/devices");
        await Expect(page.GetByTestId("count-Lent")).ToContainTextAsync("4");
        await Expect(page.GetByTestId("fleet-table").Locator("tbody tr")).ToHaveCountAsync(states.Length);
        await Screenshots.SaveAsync(page, "fleet");

        await page.GetByTestId("count-Lent").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/devices?state=Lent");
        await Expect(page.GetByTestId("fleet-table").Locator("tbody tr")).ToHaveCountAsync(4);

        await page.GotoAsync("/devices/leases?fy=2026");
        await Expect(page.GetByTestId("contracts")).ToContainTextAsync("東京リース株式会社");
        await Screenshots.SaveAsync(page, "device-leases");

        await page.GotoAsync("/devices/labels");
        await Expect(page.GetByTestId("asset-label")).ToHaveCountAsync(states.Length);
        await Screenshots.SaveAsync(page, "device-labels");
        // Printed, the 14 labels fill one A4 portrait page (595 × 842 pt) with nothing of the console around them.
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true }));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(pdf, @"/Type\s*/Page[^s]"));
        var box = System.Text.RegularExpressions.Regex.Match(pdf, @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]");
        Assert.True(box.Success, "no page size in the PDF");
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 596);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 841, 843);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator(".app-nav")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "資産ラベルの印刷" })).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "device-labels-print");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        await page.GotoAsync("/devices/settings");
        await Expect(page.GetByTestId("checklist-items")).ToContainTextAsync("ディスク暗号化の有効化");
        await Screenshots.SaveAsync(page, "device-settings");
    }
}
