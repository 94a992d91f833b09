using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Zaitaku.Access;
using Zaitaku.BrowserTests.Browser;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Devices.Posture;
using Zaitaku.Gateway;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Systems;
using Zaitaku.Testing;

namespace Zaitaku.BrowserTests.Gateway;

/// <summary>
/// A municipality as a teleworker meets it through the gateway, seeded as <c>zaitaku demo</c> does
/// (src/Zaitaku.Server/Demo/DemoSystems.cs): a console and a gateway on one database and clock; a
/// stand-in internal system registered as 文書管理 (LGWAN, allow-listed, every screen control, its
/// <c>/tax</c> path of data class tax), 税務 (data class tax) and 住民記録 (My Number segment); a
/// closed route on loopback; the seed's plain staff member with a one-time-code app, a lent PC that
/// reported a compliant posture ten minutes ago, and today approved for telework.
/// </summary>
public sealed class PortalWorld : IAsyncDisposable
{
    private readonly string _folder;

    private PortalWorld(string folder) => _folder = folder;

    public required ConsoleServer Server { get; init; }
    public required GatewayServer Gateway { get; init; }
    public required StandInSystem Upstream { get; init; }
    public required TenantSeed Seed { get; init; }

    /// <summary>The teleworker: the seed's plain staff login (the PC's borrower).</summary>
    public SeededLogin Staff => Seed.StaffLogin;

    /// <summary>The one-time-code secret of <see cref="Staff"/>'s authenticator app.</summary>
    public required byte[] StaffTotp { get; init; }

    public StaffMember StaffMember => Seed.Staff.Single(s => s.Id == Staff.StaffId);

    /// <summary>The PC's certificate and private key as PEM files, as kitting left them on the PC.</summary>
    public required string CertificatePath { get; init; }
    public required string KeyPath { get; init; }

    /// <summary>
    /// The workday the test runs on: Thursday 2026-11-26 at 10:00 Tokyo like every browser test, unless
    /// the real clock is past that day's work end, then the next weekday. The portal cookie expires at the
    /// work end of the server's day, and Chromium drops a cookie whose expiry is behind its own clock.
    /// </summary>
    public static DateTimeOffset MorningOfWorkday()
    {
        var day = new DateOnly(2026, 11, 26);
        while (JapanTime.At(day, new TimeOnly(16, 0)) < DateTimeOffset.UtcNow || day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            day = day.AddDays(1);
        return JapanTime.At(day, new TimeOnly(10, 0));
    }

    public static async Task<PortalWorld> StartAsync()
    {
        var server = await ConsoleServer.StartAsync(now: MorningOfWorkday());
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var totp = Totp.NewSecret();
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var users = scoped.Services.GetRequiredService<UserManager<UserAccount>>();
            var account = await users.FindByIdAsync(seed.StaffLogin.UserId.ToString());
            account!.TotpSecretProtected = scoped.Services.GetRequiredService<TotpSecrets>().Protect(totp);
            await users.UpdateAsync(account);
        }
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var pc = await devices.CreateAsync("TS-PC-0001", DeviceState.Lent);
        var folder = Directory.CreateTempSubdirectory("zaitaku-portal-").FullName;
        var (certificatePath, keyPath) = WritePem(devices.LastCertificate(), folder);
        var upstream = await StandInSystem.StartAsync();
        await SeedSystemsAsync(server, seed, pc, upstream.Address);
        var gateway = await GatewayServer.StartAsync(server);
        return new PortalWorld(folder)
        {
            Server = server, Gateway = gateway, Upstream = upstream, Seed = seed, StaffTotp = totp, CertificatePath = certificatePath, KeyPath = keyPath,
        };
    }

    private static async Task SeedSystemsAsync(ConsoleServer server, TenantSeed seed, TeleworkDevice pc, Uri upstream)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var db = scoped.Db;
        db.TenantScope.SetActor(seed.Logins[Role.ItAdmin].UserId, "1003 鈴木 一郎");
        var tenant = seed.Tenant.Id;
        var url = upstream.ToString();
        db.Systems.Add(new RegisteredSystem
        {
            Id = Guid.NewGuid(), TenantId = tenant, Slug = "docs", Name = "文書管理システム", Segment = Segment.Lgwan, UpstreamUrl = url, Remote = true,
            PathRules = [new SystemPathRule("/tax", "tax")], Controls = ScreenControls.All, Description = "起案・決裁・文書の検索", SortOrder = 0,
        });
        db.Systems.Add(new RegisteredSystem
        {
            Id = Guid.NewGuid(), TenantId = tenant, Slug = "tax", Name = "税務システム", Segment = Segment.Lgwan, UpstreamUrl = url, Remote = true,
            DataClass = "tax", Controls = ScreenControls.All, Description = "課税情報（在宅では開けない区分）", SortOrder = 1,
        });
        db.Systems.Add(new RegisteredSystem
        {
            Id = Guid.NewGuid(), TenantId = tenant, Slug = "juki", Name = "住民記録システム", Segment = Segment.MyNumber, UpstreamUrl = url, Remote = true,
            Controls = ScreenControls.All, Description = "マイナンバー利用事務系", SortOrder = 2,
        });
        db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = tenant, Slug = "loopback", Name = "閉域VPN（テスト用ループバック）", Kind = RouteKind.Closed, Cidrs = ["127.0.0.0/8", "::1/128"] });
        db.GatewaySettings.Add(new GatewaySettings { Id = Guid.NewGuid(), TenantId = tenant });

        // The PC reported a compliant posture ten minutes ago; its borrower has today approved.
        var now = server.Time.GetUtcNow();
        var reportedAt = now.AddMinutes(-10);
        var report = new PostureReport
        {
            OsBuild = "10.0.22631.4460", AntivirusDefinitionsDate = JapanTime.DateOf(now), DiskEncrypted = true, UserDataStoredLocally = false,
            ScreenCaptureBlocked = true, AgentVersion = "1.4.0", ReportedAt = reportedAt,
        };
        db.PostureReports.Add(Data.Devices.PostureCheckIn.From(tenant, pc.Id, pc.Certificate!.SerialNumber, report, ComplianceRules.Default.Evaluate(report, reportedAt), reportedAt));
        var member = seed.Staff.Single(s => s.Id == seed.StaffLogin.StaffId);
        db.TeleworkRequests.Add(new TeleworkRequest
        {
            Id = Guid.NewGuid(), TenantId = tenant, StaffId = member.Id, SectionId = member.SectionId, Date = JapanTime.DateOf(now), Status = RequestStatus.Approved,
            BatchId = Guid.NewGuid(), Note = "起案文書の確認", RequestedAt = now.AddDays(-1), DecidedAt = now.AddDays(-1), DecidedByName = "渡辺 翔太", DecisionComment = "承認します。",
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The certificate and its private key as the PEM files Playwright presents for the gateway's origin.</summary>
    private static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string folder)
    {
        using (certificate)
        {
            var certificatePath = Path.Combine(folder, "device.crt.pem");
            var keyPath = Path.Combine(folder, "device.key.pem");
            File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
            AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
                ?? throw new InvalidOperationException("The PC's certificate has no private key.");
            using (key) File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
            return (certificatePath, keyPath);
        }
    }

    /// <summary>
    /// A tab of the PC's browser: mutual TLS with the PC's certificate for the gateway's origin (Playwright
    /// does the TLS itself), the gateway's throwaway server certificate not checked, Japanese and Tokyo time.
    /// </summary>
    public async Task<IPage> OpenPcBrowserAsync(ChromiumFixture chromium)
    {
        var origin = Gateway.Address.GetLeftPart(UriPartial.Authority);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin + "/",
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1024 },
            IgnoreHTTPSErrors = true,
            ClientCertificates = [new ClientCertificate { Origin = origin, CertPath = CertificatePath, KeyPath = KeyPath }],
        });
        return await context.NewPageAsync();
    }

    /// <summary>The one-time code the staff member's app shows now (the server's clock).</summary>
    public string CurrentCode() => Totp.Code(StaffTotp, Server.Time.GetUtcNow());

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        await Server.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
