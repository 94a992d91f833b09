using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Devices;

namespace Zaitaku.Web.Tests.Devices;

/// <summary>The device journeys of issue 3 through the console's pages, as IT, a borrower and an auditor do them.</summary>
public sealed class DevicePagesTests
{
    private static async Task<(ConsoleServer Server, TenantSeed Seed, DeviceSeed Devices)> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        return (server, seed, await new DeviceSeed(server, seed).PrepareAsync());
    }

    private static async Task<TeleworkDevice> LoadAsync(ConsoleServer server, TenantSeed seed, Guid id)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        return await scoped.Db.Devices.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Kitting_TickedItemByItemOnThePage_KeepsWhoAndWhen_ThenTheCertificateIsHandedOutOnce(DatabaseProvider provider)
    {
        var (server, seed, _) = await StartAsync(provider);
        await using var _ = server;
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);

        var registered = await it.SubmitAsync("/devices/new", "register", new Dictionary<string, string>
        {
            ["Input.AssetTag"] = "TS-PC-0001", ["Input.SerialNumber"] = "5CG1234XYZ", ["Input.Model"] = DeviceSeed.Model, ["Input.LeaseContractNumber"] = "",
        });
        Assert.True(registered.Heading?.StartsWith("TS-PC-0001", StringComparison.Ordinal) == true, $"{registered.Status} {registered.Address}: {registered.Text}");
        var path = registered.Address.AbsolutePath;
        var id = Guid.Parse(path["/devices/".Length..]);
        await it.SubmitAsync(path, "start-kitting", new Dictionary<string, string>());

        var early = await it.SubmitAsync(path, "mark-ready", new Dictionary<string, string>());
        Assert.Contains("キッティングのチェック項目が終わっていません。未完了: OSイメージの適用", early.Document.QuerySelector("[data-testid=error]")!.TextContent, StringComparison.Ordinal);

        server.Time.Advance(TimeSpan.FromMinutes(7));
        var page = await it.SubmitAsync(path, "tick-os_image", new Dictionary<string, string>());
        var row = page.Document.QuerySelector("[data-item=os_image]")!.TextContent;
        Assert.Contains($"{seed.Logins[Role.ItAdmin].LoginId} ", row, StringComparison.Ordinal);
        Assert.Contains("2026/11/26 10:07", row, StringComparison.Ordinal);
        Assert.Equal("完了にする", page.Document.QuerySelector("[data-item=disk_encryption] button")!.TextContent);
        foreach (var code in new[] { "closed_vpn_profile", "app_restriction", "disk_encryption" }) page = await it.SubmitAsync(path, $"tick-{code}", new Dictionary<string, string>());

        var ready = await it.SubmitAsync(path, "mark-ready", new Dictionary<string, string>());
        var password = ready.Document.QuerySelector("[data-testid=handout-password]")!.TextContent;
        var p12Link = ready.Document.QuerySelector("[data-testid=handout-p12]")!.GetAttribute("href")!;
        Assert.Equal(16, password.Length);
        Assert.Contains("貸出可", ready.Heading, StringComparison.Ordinal);

        using var first = await it.Http.GetAsync(p12Link);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var certificate = X509CertificateLoader.LoadPkcs12(await first.Content.ReadAsByteArrayAsync(), password))
            Assert.Equal((await LoadAsync(server, seed, id)).Certificate!.SerialNumber, certificate.SerialNumber);
        using var second = await it.Http.GetAsync(p12Link);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var reloaded = await it.GetAsync(path);
        Assert.Null(reloaded.Document.QuerySelector("[data-testid=handout-password]"));
        Assert.DoesNotContain(password, reloaded.Html, StringComparison.Ordinal);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var ticks = (await scoped.Db.Devices.AsNoTracking().SingleAsync(d => d.Id == id)).ChecklistTicks;
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 1, 7, 0, TimeSpan.Zero), ticks.Single(t => t.ItemCode == "os_image").TickedAt);
        Assert.Equal(1, await scoped.Db.AuditRecords.CountAsync(a => a.Action == "device.certificate_handout_downloaded" && a.TargetId == id.ToString()));
        Assert.Empty(await scoped.Db.CertificateHandouts.Where(h => h.FileName.EndsWith(".p12")).ToListAsync());
    }

    [Fact]
    public async Task HandoutLink_OfAnotherUser_NotFound()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0002", DeviceState.Kitting);
        string link;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.TenantScope.SetActor(seed.Logins[Role.ItAdmin].UserId, "technician");
            link = (await scoped.Services.GetRequiredService<DeviceService>().MarkReadyAsync(pc.Id, new DeviceCaller(null, true), keepForDownload: true)).Value.Links!.Pkcs12Link;
        }
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.TenantScope.SetActor(seed.Logins[Role.TenantAdmin].UserId, "someone else");
            var taken = await scoped.Services.GetRequiredService<CertificateHandouts>().TakeAsync(link["/devices/handouts/".Length..]);
            Assert.Equal("not_found", taken.Error!.Code);
        }
        server.Time.Advance(TimeSpan.FromMinutes(16));
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.TenantScope.SetActor(seed.Logins[Role.ItAdmin].UserId, "technician");
            var expired = await scoped.Services.GetRequiredService<CertificateHandouts>().TakeAsync(link["/devices/handouts/".Length..]);
            Assert.Equal("not_found", expired.Error!.Code);
            Assert.Empty(await scoped.Db.CertificateHandouts.ToListAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lending_OfferedByIt_CountsOnlyWhenTheBorrowerAcceptsTheTermsOnMyPc(DatabaseProvider provider)
    {
        var (server, seed, devices) = await StartAsync(provider);
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0003", DeviceState.Ready);
        var borrower = seed.Staff.Single(s => s.Id == seed.StaffLogin.StaffId);
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);

        var offered = await it.SubmitAsync($"/devices/{pc.Id}", "lend", new Dictionary<string, string> { ["Lend.StaffNumber"] = borrower.StaffNumber, ["Lend.DueDate"] = "2027-03-31" });
        Assert.Contains("誓約書の同意待ち", offered.Document.QuerySelector("[data-testid=borrower]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeviceState.Ready, (await LoadAsync(server, seed, pc.Id)).State);

        using var other = server.CreateClient();
        await seed.SignInAsync(other, Role.SectionHead, server);
        Assert.NotNull((await other.GetAsync("/my-pc")).Document.QuerySelector("[data-testid=no-pc]"));

        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        var myPc = await staff.GetAsync("/my-pc");
        var terms = myPc.Document.QuerySelector("[data-testid=terms]")!.TextContent;
        Assert.Contains("テレワーク端末の貸与に関する誓約書", terms, StringComparison.Ordinal);
        Assert.Contains("紛失したら直ちに届け出ます。", terms, StringComparison.Ordinal);

        var unticked = await staff.SubmitAsync("/my-pc", $"accept-{pc.Id}", new Dictionary<string, string>());
        Assert.Contains("チェックを入れてください", unticked.Document.QuerySelector("[data-testid=error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeviceState.Ready, (await LoadAsync(server, seed, pc.Id)).State);

        var accepted = await staff.SubmitAsync("/my-pc", $"accept-{pc.Id}", new Dictionary<string, string> { ["Accept.Agreed"] = "true" });
        Assert.Contains("端末の貸出が始まりました", accepted.Document.QuerySelector("[data-testid=done]")!.TextContent, StringComparison.Ordinal);
        var lent = await LoadAsync(server, seed, pc.Id);
        Assert.Equal(DeviceState.Lent, lent.State);
        Assert.Equal((borrower.Id.ToString(), DeviceSeed.TermsVersion, server.Time.GetUtcNow()), (lent.Loan!.BorrowerStaffId, lent.Loan.TermsVersion, lent.Loan.AcceptedAt!.Value));
        var itView = await it.GetAsync($"/devices/{pc.Id}");
        Assert.True(itView.Document.QuerySelector("[data-testid=borrower]") is not null, $"{itView.Status} {itView.Address}: {itView.Text}");
        Assert.Contains(borrower.FullName, itView.Document.QuerySelector("[data-testid=borrower]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("誓約書への同意・貸出開始", itView.Document.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LossReport_ByTheBorrowerOnMyPc_RevokesAtOnce_OrdersAWipe_NotifiesIt_AndIsAudited(DatabaseProvider provider)
    {
        var (server, seed, devices) = await StartAsync(provider);
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0004", DeviceState.Lent);
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);

        var reported = await staff.SubmitAsync("/my-pc", $"lost-{pc.Id}", new Dictionary<string, string> { ["Lost.Text"] = "帰りの電車に置き忘れました" });

        Assert.Contains("情報政策課に通知しました", reported.Document.QuerySelector("[data-testid=done]")!.TextContent, StringComparison.Ordinal);
        var lost = await LoadAsync(server, seed, pc.Id);
        Assert.Equal(DeviceState.Lost, lost.State);
        Assert.Equal(server.Time.GetUtcNow(), lost.Certificate!.RevokedAt);
        Assert.Equal("帰りの電車に置き忘れました", lost.WipeOrder!.Circumstances);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            Assert.NotNull((await scoped.Db.DeviceCertificates.SingleAsync(c => c.SerialNumber == lost.Certificate.SerialNumber)).RevokedAt);
            var audit = await scoped.Db.AuditRecords.SingleAsync(a => a.Action == "device.report_lost");
            Assert.StartsWith(seed.StaffLogin.LoginId + " ", audit.ActorName, StringComparison.Ordinal);
            Assert.Contains("\"wipeOrdered\":\"true\"", audit.Summary, StringComparison.Ordinal);
        }

        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);
        var fleet = await it.GetAsync("/devices");
        var notice = fleet.Document.QuerySelector("[data-testid=device-notices]")!;
        Assert.Contains("TS-PC-0004", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("帰りの電車に置き忘れました", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", fleet.Document.QuerySelector(".app-nav .badge")!.TextContent);
        var handler = notice.QuerySelector("input[name=_handler]")!.GetAttribute("value")!;
        var acknowledged = await it.SubmitAsync("/devices", handler, new Dictionary<string, string>());
        Assert.Null(acknowledged.Document.QuerySelector("[data-testid=device-notices]"));
        Assert.Null((await it.GetAsync($"/devices/{pc.Id}")).Document.QuerySelector(".app-nav .badge"));
        Assert.Contains("リモートワイプ", (await it.GetAsync($"/devices/{pc.Id}")).Document.QuerySelector("[data-testid=wipe-order]")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var again = await staff.GetAsync("/my-pc");
        Assert.Null(again.Document.QuerySelector($"input[name=_handler][value='lost-{pc.Id}']"));
    }

    [Fact]
    public async Task FailedPc_SpareLentToTheSameBorrower_WhoAcceptsItsTerms()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        var failed = await devices.CreateAsync("TS-PC-0005", DeviceState.Failed);
        var spare = await devices.CreateAsync("TS-PC-0006", DeviceState.Ready);
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);

        var page = await it.SubmitAsync($"/devices/{failed.Id}", "spare", new Dictionary<string, string> { ["Spare.SpareId"] = spare.Id.ToString(), ["Spare.DueDate"] = "2027-01-31" });

        Assert.Contains("予備機の貸出を登録しました", page.Document.QuerySelector("[data-testid=done]")!.TextContent, StringComparison.Ordinal);
        var offered = await LoadAsync(server, seed, spare.Id);
        Assert.Equal(seed.StaffLogin.StaffId.ToString(), offered.Loan!.BorrowerStaffId);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var lend = await scoped.Db.DeviceEvents.SingleAsync(e => e.DeviceId == spare.Id && e.Operation == DeviceOperation.Lend);
        Assert.Equal("TS-PC-0005", lend.ReadDetails()["spareFor"]);
    }

    [Fact]
    public async Task Import_BadRowsNamedByRowAndColumn_NothingRegistered_ThenAGoodFileRegistersEveryRow()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        await devices.CreateAsync("TS-PC-0001", DeviceState.Ordered);
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);
        var bad = Encoding.UTF8.GetBytes(
            "資産番号,製造番号,機種,リース契約番号\n" +
            $"TS-PC-0100,SN100,{DeviceSeed.Model},\n" +
            $"TS-PC-0001,SN101,{DeviceSeed.Model},\n" +            // row 3: tag already registered
            "TS-PC-0102,SN102,MacBook,\n" +                          // row 4: unknown model
            $"TS-PC-0103,SN100,{DeviceSeed.Model},\n" +            // row 5: serial of row 2
            $"TS-PC-0104,SN104,{DeviceSeed.Model},L-404\n");         // row 6: unknown contract

        var refused = await it.SubmitFileAsync("/devices/import", "upload", "file", "pcs.csv", bad);

        var problems = refused.Document.QuerySelectorAll("[data-testid=import-problems] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("3資産番号TS-PC-0001", StringComparison.Ordinal) && p.Contains("既に登録されています", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("4機種MacBook", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("5製造番号SN100", StringComparison.Ordinal) && p.Contains("2行目と重複", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("6リース契約番号L-404", StringComparison.Ordinal));
        Assert.Null(refused.Document.QuerySelector("input[name=_handler][value=commit]"));

        var good = Encoding.UTF8.GetBytes("asset_tag,serial_number,model\n" + string.Concat(Enumerable.Range(200, 30).Select(n => $"TS-PC-0{n},SN{n},{DeviceSeed.Model}\n")));
        var preview = await it.SubmitFileAsync("/devices/import", "upload", "file", "pcs.csv", good);
        Assert.Equal("30", preview.Document.QuerySelector("[data-testid=added]")!.TextContent);
        var done = await it.SubmitAsync(preview, "commit", new Dictionary<string, string>());
        Assert.Contains("30台の端末を「発注済」として登録しました", done.Text, StringComparison.Ordinal);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(31, await scoped.Db.Devices.CountAsync());
        Assert.Equal(30, await scoped.Db.DeviceEvents.CountAsync(e => e.Operation == DeviceOperation.Register && e.DeviceId != Guid.Empty) - 1);
        Assert.Equal(1, await scoped.Db.AuditRecords.CountAsync(a => a.Action == "device.import_committed"));
    }

    [Fact]
    public async Task Disposal_WithTheVendorsDocumentUploaded_IsKeptAndDownloadable_WithoutIt_Refused()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0007", DeviceState.Disposing);
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);
        var fields = new Dictionary<string, string>
        {
            ["Disposal.Method"] = ErasureCertificate.NistPurge, ["Disposal.Operator"] = "回収業者 山本", ["Disposal.ErasedOn"] = "2026-11-20", ["Disposal.CertificateNumber"] = "ER-2026-0042",
        };

        var withoutFile = await it.SubmitAsync($"/devices/{pc.Id}", "complete-disposal", fields);
        Assert.Contains("不足: 証明書の原本 (documentReference)", withoutFile.Document.QuerySelector("[data-testid=error]")!.TextContent, StringComparison.Ordinal);

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 erasure certificate ER-2026-0042");
        var disposed = await it.SubmitFileAsync($"/devices/{pc.Id}", "complete-disposal", "document", "ER-2026-0042.pdf", pdf, fields);

        Assert.Contains("ER-2026-0042", disposed.Document.QuerySelector("[data-testid=erasure]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeviceState.Disposed, (await LoadAsync(server, seed, pc.Id)).State);
        var link = disposed.Document.QuerySelector("[data-testid=erasure] a")!.GetAttribute("href")!;
        using var download = await it.Http.GetAsync(link);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task LeasePage_ContractAndTwoPcsReadyInNovember_CostsMonthByMonthInYen()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);
        var added = await it.SubmitAsync("/devices/leases", "contract", new Dictionary<string, string>
        {
            ["Input.ContractNumber"] = "L-2026-01", ["Input.Lessor"] = "東京リース", ["Input.MonthlyFeePerPcYen"] = "10800", ["Input.KittingFeePerPcYen"] = "30000",
            ["Input.Start"] = "2026-09-01", ["Input.End"] = "2030-08-31",
        });
        Assert.Contains("契約 L-2026-01 を登録しました", added.Text, StringComparison.Ordinal);
        await devices.CreateAsync("TS-PC-0008", DeviceState.Lent, contract: "L-2026-01");
        await devices.CreateAsync("TS-PC-0009", DeviceState.Ready, contract: "L-2026-01");
        await devices.CreateAsync("TS-PC-0010", DeviceState.Kitting, contract: "L-2026-01"); // not delivered: no cost yet

        var page = await it.GetAsync("/devices/leases?fy=2026");

        var rows = page.Document.QuerySelectorAll("[data-testid=monthly-cost] tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["2026-10", "0", "0", "0", "0", "0"], rows[6]);
        Assert.Equal(["2026-11", "2", "21,600", "2", "60,000", "81,600"], rows[7]);
        Assert.Equal(["2027-03", "2", "21,600", "0", "0", "21,600"], rows[11]);
        // November: 2 × (10,800 + 30,000); December to March: 2 × 10,800 × 4.
        Assert.Equal("168,000", page.Document.QuerySelector("[data-testid=year-total]")!.TextContent);
    }

    [Fact]
    public async Task LabelsPage_OneLabelPerPc_WithAQrOfTagAndSerial()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        await devices.CreateAsync("TS-PC-0011", DeviceState.Ordered, serial: "5CG11");
        await devices.CreateAsync("TS-PC-0012", DeviceState.Ordered, serial: "5CG12");
        await devices.CreateAsync("XX-PC-0001", DeviceState.Ordered);
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);

        var page = await it.GetAsync("/devices/labels?q=TS");

        var labels = page.Document.QuerySelectorAll("[data-testid=asset-label]").ToList();
        Assert.Equal(["TS-PC-0011 5CG11", "TS-PC-0012 5CG12"], labels.Select(l => l.GetAttribute("data-qr")));
        Assert.All(labels, l => Assert.NotNull(l.QuerySelector("svg rect")));
        Assert.Single(page.Document.QuerySelectorAll(".label-sheet"));
    }

    [Fact]
    public async Task Settings_NewChecklistItemAndTerms_ApplyToTheNextKittingAndLoan()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        using var it = server.CreateClient();
        await seed.SignInAsync(it, Role.ItAdmin, server);

        await it.SubmitAsync("/devices/settings", "add-item", new Dictionary<string, string> { ["Item.Code"] = "asset_label", ["Item.LabelJa"] = "資産ラベルの貼付", ["Item.LabelEn"] = "Asset label attached" });
        var bad = await it.SubmitAsync("/devices/settings", "add-item", new Dictionary<string, string> { ["Item.Code"] = "Asset Label", ["Item.LabelJa"] = "x", ["Item.LabelEn"] = "x" });
        Assert.Contains("英小文字・数字・_ の1〜64文字", bad.Document.QuerySelector("[data-testid=error]")!.TextContent, StringComparison.Ordinal);
        await it.SubmitAsync("/devices/settings", "publish-terms", new Dictionary<string, string> { ["Terms.Version"] = "2027-04", ["Terms.Title"] = "誓約書（第2版）", ["Terms.Body"] = "第2版の本文" });
        var rules = await it.SubmitAsync("/devices/settings", "compliance", new Dictionary<string, string> { ["Rules.AntivirusDefinitionsMaxAgeDays"] = "400", ["Rules.Submitted"] = "true" });
        Assert.Contains("400 は使えません。0〜365日で指定してください。", rules.Document.QuerySelector("[data-testid=error]")!.TextContent, StringComparison.Ordinal);

        var kitting = await devices.CreateAsync("TS-PC-0013", DeviceState.Kitting);
        Assert.Equal("asset_label", kitting.Checklist[^1].Code);
        var lent = await devices.CreateAsync("TS-PC-0014", DeviceState.Ready);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var service = scoped.Services.GetRequiredService<DeviceService>();
        var offer = await service.LendAsync(lent.Id, seed.Staff[5].StaffNumber, new DateOnly(2027, 3, 31), new DeviceCaller(null, true));
        Assert.Equal("2027-04", offer.Value.Loan!.TermsVersion);
    }

    [Fact]
    public async Task Roles_AuditorReadsWithoutActions_StaffCannotOpenTheFleet()
    {
        var (server, seed, devices) = await StartAsync();
        await using var _ = server;
        var pc = await devices.CreateAsync("TS-PC-0015", DeviceState.Lent);
        using var auditor = server.CreateClient();
        await seed.SignInAsync(auditor, Role.Auditor, server);

        var fleet = await auditor.GetAsync("/devices");
        Assert.Equal(HttpStatusCode.OK, fleet.Status);
        Assert.Contains("TS-PC-0015", fleet.Document.QuerySelector("[data-testid=fleet-table]")!.TextContent, StringComparison.Ordinal);
        var page = await auditor.GetAsync($"/devices/{pc.Id}");
        Assert.DoesNotContain(page.Document.Forms, f => f.QuerySelector("input[name=_handler]") is not null && f.GetAttribute("action") != "/logout");
        var forged = await auditor.Http.PostAsync("/api/v1/devices", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        var denied = await staff.GetAsync("/devices");
        Assert.Equal("/forbidden", denied.Address.AbsolutePath);
        Assert.Equal(DeviceState.Lent, (await LoadAsync(server, seed, pc.Id)).State);
    }
}
