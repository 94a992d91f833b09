using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zaitaku.Access;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Devices.Posture;
using Zaitaku.Systems;

namespace Zaitaku.Server.Demo;

/// <summary>
/// The demo's internal systems: one small web server on loopback standing in for 文書管理 and 財務会計
/// (LGWAN), 税務 (data class tax), 住民記録 (My Number segment) and a Web mail (Internet segment),
/// registered with the gateway together with the demo's routes; and what the demo PC needs to pass
/// the gateway today (a fresh posture report, its borrower's approved telework day).
/// </summary>
internal static class DemoSystems
{
    private sealed record DemoSystem(string Slug, string Name, Segment Segment, bool Remote, bool AllowOpenRoutes, string? DataClass, SystemPathRule[] Paths, ScreenControls Controls, string Description);

    private static readonly DemoSystem[] Systems =
    [
        new("docs", "文書管理システム", Segment.Lgwan, true, false, null, [new("/tax", "tax")], ScreenControls.All, "起案・決裁・文書の検索"),
        new("zaimu", "財務会計システム", Segment.Lgwan, true, false, null, [], ScreenControls.All, "予算執行・支出命令の確認"),
        new("tax", "税務システム", Segment.Lgwan, true, false, "tax", [], ScreenControls.All, "課税情報（在宅では開けない区分）"),
        new("juki", "住民記録システム", Segment.MyNumber, true, false, null, [], ScreenControls.All, "マイナンバー利用事務系"),
        new("mail", "Webメール", Segment.Internet, true, true, null, [], ScreenControls.Watermark | ScreenControls.BlockPrinting, "インターネット接続系"),
    ];

    /// <summary>Starts the stand-in systems on 127.0.0.1 at the port (0 picks one) and returns their base address.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        foreach (var system in Systems)
        {
            app.MapGet($"/{system.Slug}/{{**rest}}", (HttpContext context, string? rest) => Results.Content(Page(system, context, rest), "text/html; charset=utf-8"));
            app.MapPost($"/{system.Slug}/{{**rest}}", (HttpContext context, string? rest) => Results.Content(Page(system, context, rest), "text/html; charset=utf-8"));
            app.MapGet($"/{system.Slug}/export.csv", () => Results.File(Encoding.UTF8.GetBytes("番号,件名\n1,デモ文書\n"), "text/csv", "export.csv"));
        }
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return (app, address);
    }

    private static string Page(DemoSystem system, HttpContext context, string? rest)
    {
        var path = WebUtility.HtmlEncode("/" + (rest ?? ""));
        var forwardedFor = WebUtility.HtmlEncode(context.Request.Headers["X-Forwarded-For"].ToString());
        return $$"""
            <!DOCTYPE html>
            <html lang="ja"><head><meta charset="utf-8"><title>{{system.Name}}（デモ）</title>
            <style>body{font-family:"Noto Sans CJK JP",sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .6rem}</style></head>
            <body>
            <h1>{{system.Name}}（デモ）</h1>
            <p>{{system.Description}}。表示中のパス: <code>{{path}}</code>、接続元（ゲートウェイが付けた X-Forwarded-For）: <code>{{forwardedFor}}</code></p>
            <table><thead><tr><th>番号</th><th>件名</th><th>更新日</th></tr></thead><tbody>
            <tr><td>R8-0412</td><td>令和8年度 在宅勤務実施要領（案）</td><td>令和8年11月20日</td></tr>
            <tr><td>R8-0398</td><td>庁内ネットワーク更改に係る仕様書</td><td>令和8年11月12日</td></tr>
            <tr><td>R8-0377</td><td>会計年度任用職員の勤務条件について</td><td>令和8年10月31日</td></tr>
            </tbody></table>
            <ul>
            <li><a href="list">一覧</a></li>
            <li><a href="export.csv">CSVで出力（ダウンロード）</a></li>
            <li><a href="tax/assessment">課税資料（データ区分 tax）</a></li>
            </ul>
            <form method="post" action="upload" enctype="multipart/form-data"><input type="file" name="f"><button>アップロード</button></form>
            </body></html>
            """;
    }

    /// <summary>Registers (or points again at) the demo systems and routes, and readies the demo PC for today.</summary>
    public static async Task SeedAsync(IServiceProvider services, Uri upstream, string dataFolder, DemoDeviceCertificate? device, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Code == DemoMunicipality.Code, cancellationToken);
        db.TenantScope.SetTenant(tenant.Id);
        db.TenantScope.SetActor(null, "demo 情報政策課");
        var known = await db.Systems.ToDictionaryAsync(s => s.Slug, cancellationToken);
        var order = 0;
        foreach (var s in Systems)
        {
            var url = new Uri(upstream, s.Slug).ToString();
            if (known.TryGetValue(s.Slug, out var existing))
            {
                if (existing.UpstreamUrl != url) existing.UpstreamUrl = url;
                continue;
            }
            db.Systems.Add(new RegisteredSystem
            {
                Id = Guid.NewGuid(), TenantId = tenant.Id, Slug = s.Slug, Name = s.Name, Segment = s.Segment, UpstreamUrl = url, Remote = s.Remote,
                AllowOpenRoutes = s.AllowOpenRoutes, DataClass = s.DataClass, PathRules = [.. s.Paths], Controls = s.Controls, Description = s.Description, SortOrder = order++,
            });
        }
        if (!await db.Routes.AnyAsync(cancellationToken))
        {
            db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = tenant.Id, Slug = "loopback", Name = "デモ用閉域網（この端末のループバック）", Kind = RouteKind.Closed, Cidrs = ["127.0.0.0/8", "::1/128"] });
            db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = tenant.Id, Slug = "vpn", Name = "閉域VPN（庁内接続）", Kind = RouteKind.Closed, Cidrs = ["10.20.0.0/16"] });
            db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = tenant.Id, Slug = "lte", Name = "公衆回線（モバイル）", Kind = RouteKind.Open, Cidrs = ["100.64.0.0/10"] });
        }
        if (!await db.GatewaySettings.AnyAsync(cancellationToken))
            db.GatewaySettings.Add(new GatewaySettings { Id = Guid.NewGuid(), TenantId = tenant.Id });
        await db.SaveChangesAsync(cancellationToken);
        if (device is null) return;

        // The demo PC reports a compliant posture now, and its borrower has today approved for telework.
        var pc = await db.Devices.AsNoTracking().SingleAsync(d => d.AssetTag == device.AssetTag, cancellationToken);
        var now = db.Time.GetUtcNow();
        var report = new PostureReport
        {
            OsBuild = "10.0.22631.4460", AntivirusDefinitionsDate = JapanTime.DateOf(now), DiskEncrypted = true, UserDataStoredLocally = false,
            ScreenCaptureBlocked = true, AgentVersion = "1.0.0 (demo)", ReportedAt = now,
        };
        var rules = (await db.ComplianceSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.ToRules() ?? ComplianceRules.Default;
        db.PostureReports.Add(Data.Devices.PostureCheckIn.From(tenant.Id, pc.Id, pc.Certificate!.SerialNumber, report, rules.Evaluate(report, now), now));
        var borrower = Guid.Parse(pc.Loan!.BorrowerStaffId);
        var today = JapanTime.DateOf(now);
        if (!await db.TeleworkRequests.AnyAsync(r => r.StaffId == borrower && r.Date == today, cancellationToken))
        {
            var member = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == borrower, cancellationToken);
            db.TeleworkRequests.Add(new TeleworkRequest
            {
                Id = Guid.NewGuid(), StaffId = borrower, SectionId = member.SectionId, Date = today, Status = RequestStatus.Approved, BatchId = Guid.NewGuid(),
                Note = "ゲートウェイのデモ", RequestedAt = now, DecidedAt = now, DecisionComment = "デモ: 承認済み",
            });
        }
        // So that the demo opens the systems in the evening too: overtime approved until 23:59, said so on the portal.
        if (!await db.OvertimeRequests.AnyAsync(o => o.StaffId == borrower && o.Date == today, cancellationToken))
        {
            var member = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == borrower, cancellationToken);
            db.OvertimeRequests.Add(new OvertimeRequest
            {
                Id = Guid.NewGuid(), StaffId = borrower, SectionId = member.SectionId, Date = today, Until = new TimeOnly(23, 59),
                Reason = "デモ（夜間でもゲートウェイを試せるように）", Status = RequestStatus.Approved, RequestedAt = now, DecidedAt = now,
                DecidedByName = "デモ", DecisionComment = "デモ: 承認済み",
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        WritePkcs12(device, dataFolder);
    }

    public const string Pkcs12Password = "zaitaku-demo";

    /// <summary>The demo PC's certificate and key as .p12 too (for a browser), beside the PEM files.</summary>
    private static void WritePkcs12(DemoDeviceCertificate device, string dataFolder)
    {
        var path = Pkcs12Path(dataFolder);
        if (File.Exists(path)) return;
        using var pem = X509Certificate2.CreateFromPemFile(device.CertificatePath, device.KeyPath);
        File.WriteAllBytes(path, pem.ExportPkcs12(new System.Security.Cryptography.PbeParameters(
            System.Security.Cryptography.PbeEncryptionAlgorithm.Aes256Cbc, System.Security.Cryptography.HashAlgorithmName.SHA256, 2000), Pkcs12Password));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static string Pkcs12Path(string dataFolder) => Path.Combine(dataFolder, "demo-device.p12");
}

/// <summary>The demo's lines about the portal and the systems behind the gateway.</summary>
internal static class DemoSystemsText
{
    public static void Describe(TextWriter output, Hosting.GatewayHostOptions gateway, DemoDeviceCertificate device, string folder, Uri systems)
    {
        var ca = Path.Combine(folder, "gateway-ca.pem");
        var curl = $"curl --cacert {ca} --cert {device.CertificatePath} --key {device.KeyPath}";
        output.WriteLine($"  在宅勤務ポータル / portal: {gateway.Url}/portal/ （デモ端末の証明書で接続 / with the demo PC's certificate）");
        output.WriteLine($"    ブラウザ用 / for a browser: {DemoSystems.Pkcs12Path(folder)} （パスワード / password {DemoSystems.Pkcs12Password}）");
        output.WriteLine($"    端末の利用者（所属長）でサインインし、始業すると庁内システムを開けます / sign in as the section head, start work, open the systems");
        output.WriteLine($"    {curl} {gateway.Url}/portal/");
        output.WriteLine($"    {curl} {gateway.Url}/s/juki/   （住民記録: 拒否の理由を表示 / shows why it is denied）");
        output.WriteLine($"  デモの庁内システム / demo internal systems: {systems}（文書管理 docs・財務会計 zaimu・税務 tax・住民記録 juki・Webメール mail）");
    }
}
