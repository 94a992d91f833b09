using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Access;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Devices.Posture;
using Zaitaku.Identity;
using Zaitaku.Server.Hosting;
using Zaitaku.Systems;
using Zaitaku.Work;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>
/// The Zaitaku gateway in the gateway-vs-nginx scenario: its own process (the <c>gateway-host</c> child mode,
/// <c>GatewayHost.Build</c> as <c>zaitaku serve --roles gateway</c> builds it) on the scenario's SQLite database,
/// with mutual TLS, the full decision and the durable decision log. The fixture makes every request an allowed
/// one: the system <c>docs</c> (LGWAN, on the allow-list, downloads and uploads blocked, no HTML rewriting since
/// nginx does none) in front of the upstream, a closed route holding 127.0.0.1, work hours covering the whole
/// day, today's approval, a workday started, a fresh compliant posture report, and a portal session signed in
/// through the portal's own form (password and one-time code), whose cookie every request carries.
/// </summary>
internal static partial class ZaitakuGatewayTarget
{
    /// <summary>Why the row says "not run" (kept for the scenario's message when the gateway cannot start).</summary>
    public const string NotWired = "the Zaitaku gateway did not start (see the output above)";

    public static async Task<GatewayTarget?> StartAsync(GatewayBenchSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        await SeedAsync(setup, cancellationToken);
        var port = NginxServer.FreePort();
        var child = BenchChild.Start("gateway-host", "--db", setup.Database.ConnectionString, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cert", setup.ServerCertificatePath, "--key", setup.ServerKeyPath);
        var address = new Uri($"https://127.0.0.1:{port}");
        var cookie = await SignInAsync(setup, address, cancellationToken);
        return new GatewayTarget(address, "/s/docs/", cookie, child.Process.Id, child);
    }

    private static async Task SeedAsync(GatewayBenchSetup setup, CancellationToken cancellationToken)
    {
        await using var db = DatabaseSetup.Open(setup.Database, TimeProvider.System);
        var tenantId = setup.Tenant.Id;
        db.TenantScope.SetTenant(tenantId);
        db.TenantScope.SetActor(null, "bench");
        var now = DateTimeOffset.UtcNow;
        var today = JapanTime.DateOf(now);
        db.Systems.Add(new RegisteredSystem
        {
            Id = Guid.NewGuid(), TenantId = tenantId, Slug = "docs", Name = "文書管理システム", Segment = Segment.Lgwan, UpstreamUrl = setup.UpstreamUrl.ToString(),
            Remote = true, Controls = ScreenControls.BlockDownloads | ScreenControls.BlockUploads,
        });
        db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = tenantId, Slug = "loopback", Name = "ループバック（閉域）", Kind = RouteKind.Closed, Cidrs = ["127.0.0.0/8", "::1/128"] });
        db.GatewaySettings.Add(new GatewaySettings { Id = Guid.NewGuid(), TenantId = tenantId, IdleTimeoutMinutes = 60 });
        // Work hours over the whole day, so that a run at any hour is inside them.
        var rules = new WorkRuleSet { Id = Guid.NewGuid(), TenantId = tenantId, UpdatedAt = now };
        rules.Apply(Zaitaku.Work.WorkRules.Default with { WorkStart = new TimeOnly(0, 0), WorkEnd = new TimeOnly(23, 59) });
        db.WorkRules.Add(rules);
        var section = await db.Staff.Where(s => s.Id == setup.Tenant.StaffId).Select(s => s.SectionId).SingleAsync(cancellationToken);
        db.TeleworkRequests.Add(new TeleworkRequest
        {
            Id = Guid.NewGuid(), StaffId = setup.Tenant.StaffId, SectionId = section, Date = today, Status = RequestStatus.Approved, BatchId = Guid.NewGuid(),
            Note = "bench", RequestedAt = now, DecidedAt = now,
        });
        db.Workdays.Add(new Workday { Id = Guid.NewGuid(), StaffId = setup.Tenant.StaffId, Date = today, Place = WorkPlace.Home, StartedAt = now.AddMinutes(-1), StartedVia = WorkdaySource.Gateway });
        var pc = await db.Devices.AsNoTracking().SingleAsync(d => d.AssetTag == setup.DeviceAssetTag, cancellationToken);
        var report = new PostureReport
        {
            OsBuild = "10.0.22631.4460", AntivirusDefinitionsDate = today, DiskEncrypted = true, UserDataStoredLocally = false,
            ScreenCaptureBlocked = true, AgentVersion = "1.0.0", ReportedAt = now,
        };
        db.PostureReports.Add(Data.Devices.PostureCheckIn.From(tenantId, pc.Id, pc.Certificate!.SerialNumber, report, ComplianceRules.Default.Evaluate(report, now), now));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Signs in through the portal's form with the PC's certificate, as a teleworker would; returns the session's Cookie header.</summary>
    private static async Task<string> SignInAsync(GatewayBenchSetup setup, Uri address, CancellationToken cancellationToken)
    {
        using var serverCa = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(setup.ServerCaPath, cancellationToken));
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [setup.ClientCertificate],
                CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { serverCa }, RevocationMode = X509RevocationMode.NoCheck },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = address };
        var page = await client.GetStringAsync("/portal/", cancellationToken);
        var token = TokenPattern().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = WebUtility.HtmlDecode(token), ["login"] = "it", ["password"] = Devices.BenchDevices.Password,
            ["code"] = Totp.Code(setup.Tenant.Totp, DateTimeOffset.UtcNow),
        });
        using var response = await client.PostAsync("/portal/login", form, cancellationToken);
        var session = cookies.GetCookies(address)["__Host-zaitaku-gw"];
        if (response.StatusCode != HttpStatusCode.Redirect || session is null)
            throw new InvalidOperationException($"The portal sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        using var check = await client.GetAsync("/s/docs/", cancellationToken);
        if (check.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The fixture is not allowed through the gateway: {(int)check.StatusCode} {await check.Content.ReadAsStringAsync(cancellationToken)}");
        return $"__Host-zaitaku-gw={session.Value}";
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
