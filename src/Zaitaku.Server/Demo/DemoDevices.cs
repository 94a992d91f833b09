using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Web.Devices;

namespace Zaitaku.Server.Demo;

/// <summary>The demo's device certificate, written to the data folder for <c>zaitaku agent report</c>.</summary>
public sealed record DemoDeviceCertificate(string AssetTag, string CertificatePath, string KeyPath);

/// <summary>
/// デモ市's telework PCs, as in the Higashimurayama case: 100 leased PCs (20 from September, 80 from
/// December) under one lease, terms published, PCs in every state of their life, all made through the
/// same use cases the console uses (timeline, audit trail, certificates). The demo staff account has a
/// PC offered to it (to try accepting the terms); the section head's PC certificate is written to the
/// data folder so the reference agent can check in with it.
/// </summary>
internal static class DemoDevices
{
    public const string Contract = "DEMO-LEASE-2026";

    public static async Task<DemoDeviceCertificate?> SeedAsync(IServiceProvider services, string dataFolder, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Code == DemoMunicipality.Code, cancellationToken);
        db.TenantScope.SetTenant(tenant.Id);
        db.TenantScope.SetActor(null, "demo 情報政策課");
        var certificatePath = Path.Combine(dataFolder, "demo-device.crt.pem");
        var keyPath = Path.Combine(dataFolder, "demo-device.key.pem");
        if (await db.Devices.AnyAsync(cancellationToken))
        {
            var tag = await db.Devices.AsNoTracking().Where(d => d.State == DeviceState.Lent).OrderBy(d => d.AssetTag).Select(d => d.AssetTag).FirstOrDefaultAsync(cancellationToken);
            return File.Exists(certificatePath) && tag is not null ? new DemoDeviceCertificate(ReadTag(certificatePath) ?? tag, certificatePath, keyPath) : null;
        }

        var settings = scope.ServiceProvider.GetRequiredService<DeviceSettings>();
        var leases = scope.ServiceProvider.GetRequiredService<LeaseService>();
        var devices = scope.ServiceProvider.GetRequiredService<DeviceService>();
        var it = new DeviceCaller(null, true);
        await settings.AddModelAsync("Latitude 5440", "Dell", cancellationToken);
        await settings.AddModelAsync("ThinkPad L14 Gen 4", "Lenovo", cancellationToken);
        await settings.AddModelAsync("dynabook K60", "Dynabook", cancellationToken);
        var today = JapanTime.Today(db.Time);
        var fiscalStart = LeaseService.FiscalYear(today).First;
        await leases.CreateAsync(new LeaseContractInput(Contract, "デモリース株式会社", 10_800, 30_000, fiscalStart, fiscalStart.AddYears(4).AddDays(-1)), it, cancellationToken);
        await settings.PublishTermsAsync("2026-04", "テレワーク端末の貸与に関する誓約書", Terms, cancellationToken);

        var staff = await db.Staff.AsNoTracking().Where(s => s.ActiveTo == null).OrderBy(s => s.StaffNumber).ToListAsync(cancellationToken);
        var accounts = await db.Users.AsNoTracking().Where(u => u.TenantId == tenant.Id && u.StaffId != null).Select(u => new { u.StaffId, u.Id }).ToListAsync(cancellationToken);
        var roles = await db.RoleAssignments.AsNoTracking().ToListAsync(cancellationToken);
        Guid? StaffWithRole(Role role) => accounts.FirstOrDefault(a => roles.Any(r => r.UserId == a.Id && r.Role == role))?.StaffId;
        var demoStaff = accounts.Where(a => roles.Where(r => r.UserId == a.Id).All(r => r.Role == Role.Staff)).Select(a => a.StaffId).FirstOrDefault();
        var sectionHead = StaffWithRole(Role.SectionHead);
        var borrowers = staff.Where(s => s.Id != demoStaff && s.Id != sectionHead).ToList();
        string[] models = ["Latitude 5440", "ThinkPad L14 Gen 4", "dynabook K60"];

        // Tag, planned state; the order gives a realistic mix.
        var plan = new List<DeviceState>();
        plan.AddRange(Enumerable.Repeat(DeviceState.Lent, 62));
        plan.AddRange(Enumerable.Repeat(DeviceState.Ready, 14));
        plan.AddRange(Enumerable.Repeat(DeviceState.Kitting, 6));
        plan.AddRange(Enumerable.Repeat(DeviceState.Ordered, 6));
        plan.AddRange(Enumerable.Repeat(DeviceState.Returned, 3));
        plan.AddRange(Enumerable.Repeat(DeviceState.Failed, 2));
        plan.AddRange(Enumerable.Repeat(DeviceState.Rekitting, 2));
        plan.AddRange(Enumerable.Repeat(DeviceState.Lost, 1));
        plan.AddRange(Enumerable.Repeat(DeviceState.Disposing, 2));
        plan.AddRange(Enumerable.Repeat(DeviceState.Disposed, 2));

        DemoDeviceCertificate? demoCertificate = null;
        var random = new Random(2026);
        var borrowerIndex = 0;
        for (var n = 0; n < plan.Count; n++)
        {
            var target = plan[n];
            var registered = await devices.RegisterAsync(new DeviceRegistrationInput($"DEMO-PC-{n + 1:D4}", $"5CG{random.Next(1000, 9999)}{(char)('A' + n % 26)}{n:D3}",
                models[n % models.Length], Contract), it, cancellationToken);
            var id = registered.Value.Id;
            if (target == DeviceState.Ordered) continue;
            await devices.StartKittingAsync(id, it, cancellationToken);
            var device = await devices.FindAsync(id, cancellationToken);
            var items = device!.Checklist.Select(i => i.Code).ToList();
            var ticks = target == DeviceState.Kitting ? n % items.Count : items.Count;
            foreach (var code in items.Take(ticks)) await devices.TickAsync(id, code, it, cancellationToken);
            if (target == DeviceState.Kitting) continue;
            var ready = await devices.MarkReadyAsync(id, it, keepForDownload: false, cancellationToken);
            if (target == DeviceState.Ready) continue;

            var borrower = target == DeviceState.Lent && demoCertificate is null && sectionHead is { } head ? head : borrowers[borrowerIndex++ % borrowers.Count].Id;
            var number = staff.First(s => s.Id == borrower).StaffNumber;
            // A few loans fall due within the week, so a demo run again later shows overdue loans.
            var due = n % 9 == 0 ? today.AddDays(n % 7) : today.AddMonths(6);
            var lent = await devices.LendAsync(id, number, due, it, cancellationToken);
            await devices.AcceptTermsAsync(id, "2026-04", new DeviceCaller(borrower, false), cancellationToken);
            if (target == DeviceState.Lent && demoCertificate is null && lent.IsOk)
                demoCertificate = WriteCertificate(ready.Value, certificatePath, keyPath);
            switch (target)
            {
                case DeviceState.Returned:
                    await devices.ReturnAsync(id, "天板に小さな傷。ACアダプタあり。", it, cancellationToken);
                    break;
                case DeviceState.Failed or DeviceState.Rekitting:
                    await devices.ReportFailureAsync(id, "起動しない（電源ランプ点滅）", it, cancellationToken);
                    if (target == DeviceState.Rekitting) await devices.StartRekittingAsync(id, it, cancellationToken);
                    break;
                case DeviceState.Lost:
                    await devices.ReportLostAsync(id, "帰宅途中の電車内に置き忘れ。駅に届出済み。", it, cancellationToken);
                    break;
                case DeviceState.Disposing or DeviceState.Disposed:
                    await devices.ReturnAsync(id, "リース満了前の入替のため返却。", it, cancellationToken);
                    await devices.StartDisposalAsync(id, it, cancellationToken);
                    if (target == DeviceState.Disposed)
                    {
                        await devices.CompleteDisposalAsync(id, new ErasureInput(ErasureCertificate.NistPurge, "デモリース株式会社 回収センター 山本", today,
                            $"ER-{today:yyyyMMdd}-{n:D3}", "erasure-certificate.pdf", "application/pdf", "%PDF-1.4 demo erasure certificate"u8.ToArray()), it, cancellationToken);
                    }
                    break;
            }
        }
        if (demoStaff is { } staffId)
        {
            var spare = await db.Devices.AsNoTracking().Where(d => d.State == DeviceState.Ready && d.Loan == null).OrderBy(d => d.AssetTag).FirstAsync(cancellationToken);
            await devices.LendAsync(spare.Id, staff.First(s => s.Id == staffId).StaffNumber, today.AddMonths(6), it, cancellationToken);
        }
        return demoCertificate;
    }

    /// <summary>The demo gateway on loopback with a demo server certificate kept in the data folder (made once).</summary>
    public static Hosting.GatewayHostOptions GatewayOptions(string folder, int port)
    {
        var certificate = Path.Combine(folder, "gateway.crt.pem");
        var key = Path.Combine(folder, "gateway.key.pem");
        if (!File.Exists(certificate) || !File.Exists(key)) Hosting.GatewayHost.WriteDemoCertificate(folder, DateTimeOffset.UtcNow);
        return new Hosting.GatewayHostOptions { Url = $"https://127.0.0.1:{port}", CertificatePath = certificate, KeyPath = key };
    }

    /// <summary>The demo's lines about the gateway and the reference agent.</summary>
    public static void Describe(TextWriter output, Hosting.GatewayHostOptions gateway, DemoDeviceCertificate? device)
    {
        var folder = Path.GetDirectoryName(gateway.CertificatePath)!;
        output.WriteLine($"  ゲートウェイ / gateway: {gateway.Url}/ （端末の状態報告 POST /device/posture、相互TLS / mutual TLS）");
        output.WriteLine($"    サーバー証明書のCA / its CA: {Path.Combine(folder, "gateway-ca.pem")}");
        if (device is null) return;
        output.WriteLine($"  デモ端末 / demo PC {device.AssetTag}: 証明書 / certificate {device.CertificatePath}");
        output.WriteLine($"    zaitaku agent report --gateway {gateway.Url} --cert {device.CertificatePath} --key {device.KeyPath} --ca {Path.Combine(folder, "gateway-ca.pem")} --from-host");
    }

    private static DemoDeviceCertificate WriteCertificate(CertificateIssue issue, string certificatePath, string keyPath)
    {
        using var loaded = X509CertificateLoader.LoadPkcs12(issue.Handout.Pkcs12, issue.Handout.Password, X509KeyStorageFlags.Exportable);
        using var key = loaded.GetECDsaPrivateKey()!;
        File.WriteAllText(certificatePath, issue.Handout.CertificatePem);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new DemoDeviceCertificate(issue.Device.AssetTag, certificatePath, keyPath);
    }

    private static string? ReadTag(string certificatePath)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(certificatePath);
            return certificate.GetNameInfo(X509NameType.SimpleName, false);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private const string Terms = """
        私は、デモ市からテレワーク用の端末（以下「貸与端末」）の貸与を受けるにあたり、次の事項を守ることを誓約します。

        1. 貸与端末は、デモ市の業務のためにだけ使用し、家族を含む第三者に使用させません。
        2. 貸与端末に業務のデータを保存しません。印刷、画面の撮影、データの持ち出しをしません。
        3. 閉域VPNまたは閉域SIMによる接続以外で庁内のシステムに接続しません。公衆無線LANは使用しません。
        4. 貸与端末の設定（OS、セキュリティソフト、アプリケーションの制限）を変更しません。
        5. 紛失・盗難に気づいたときは、直ちに在宅の画面（自分の端末）から届け出て、所属長と情報政策課に連絡します。
        6. 返却予定日までに、付属品とともに情報政策課へ返却します。故障したときは自分で修理せず、情報政策課に連絡します。

        この誓約に反したときは、デモ市の情報セキュリティポリシーに基づく措置を受けることに同意します。
        """;
}
