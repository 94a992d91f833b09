using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Devices;
using Zaitaku.Devices.Pki;
using Zaitaku.Devices.Posture;
using Zaitaku.Gateway;
using Zaitaku.Gateway.Devices;
using Zaitaku.Organization;
using Zaitaku.Server.Cli;
using Zaitaku.Testing;
using Zaitaku.Web.Devices;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>
/// Real posture check-ins: the gateway host on loopback HTTPS, a client presenting a device
/// certificate that the console issued (the technician's PKCS#12 hand-out), one new mutual-TLS
/// connection per report, on the same database as the console.
/// </summary>
public sealed class PostureCheckInTests
{
    private static string Report(DateTimeOffset now, bool encrypted = true, int definitionsAgeDays = 1) => PostureReportJson.Write(new PostureReport
    {
        OsBuild = "10.0.22631.4460",
        AntivirusDefinitionsDate = JapanTime.DateOf(now).AddDays(-definitionsAgeDays),
        DiskEncrypted = encrypted,
        UserDataStoredLocally = false,
        ScreenCaptureBlocked = true,
        AgentVersion = "1.4.0",
        ReportedAt = now,
    });

    private static async Task<(HttpStatusCode Status, JsonElement Body)> CheckInAsync(GatewayServer gateway, X509Certificate2? certificate, string body)
    {
        using var handler = certificate is null
            ? new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, server, _, _) => Trusted(server, gateway.ServerCa) } }
            : AgentCommand.CreateHandler(certificate, gateway.ServerCa);
        using var client = new HttpClient(handler);
        using var response = await client.PostAsync(gateway.PostureEndpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static bool Trusted(X509Certificate? server, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(server!);
        return chain.Build(presented);
    }

    private static async Task<List<Data.Devices.PostureCheckIn>> StoredAsync(ConsoleServer server, TenantSeed seed) 
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        return await scoped.Db.PostureReports.AsNoTracking().ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_WithTheCertificateZaitakuIssued_IsStoredWithTheVerdictAndTheFailingRulesNamed(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var pc = await devices.CreateAsync("TS-PC-0001", DeviceState.Lent);
        using var certificate = devices.LastCertificate();
        await using var gateway = await GatewayServer.StartAsync(server);
        var now = server.Time.GetUtcNow();

        var (okStatus, ok) = await CheckInAsync(gateway, certificate, Report(now));
        var (badStatus, bad) = await CheckInAsync(gateway, certificate, Report(now, encrypted: false, definitionsAgeDays: 4));

        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.True(ok.GetProperty("compliant").GetBoolean());
        Assert.Equal("TS-PC-0001", ok.GetProperty("assetTag").GetString());
        Assert.Equal(HttpStatusCode.OK, badStatus);
        Assert.False(bad.GetProperty("compliant").GetBoolean());
        var failures = bad.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(["antivirus_definitions_stale", "disk_not_encrypted"], failures.Select(f => f.GetProperty("code").GetString()));
        Assert.Contains("4日前", failures[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        var stored = (await StoredAsync(server, seed)).OrderBy(p => p.Compliant).ToList();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, p => Assert.Equal(pc.Id, p.DeviceId));
        Assert.Equal(certificate.SerialNumber, stored[0].CertificateSerial);
        Assert.Equal("antivirus_definitions_stale,disk_not_encrypted", stored[0].FailureCodes);
        Assert.Equal("", stored[1].FailureCodes);

        // The console's page of the PC shows the history.
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var detail = await scoped.Services.GetRequiredService<DeviceQueries>().DetailAsync(pc.Id);
        Assert.Equal(2, detail!.Posture.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_AfterThePcIsReportedLost_RefusedAsRevoked_AndNothingStored(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var pc = await devices.CreateAsync("TS-PC-0002", DeviceState.Lent);
        using var certificate = devices.LastCertificate();
        await using var gateway = await GatewayServer.StartAsync(server);
        var now = server.Time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await CheckInAsync(gateway, certificate, Report(now))).Status);

        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.TenantScope.SetActor(seed.StaffLogin.UserId, "1006 伊藤 恵子");
            var lost = await scoped.Services.GetRequiredService<DeviceService>().ReportLostAsync(pc.Id, "電車に置き忘れ", new DeviceCaller(seed.StaffLogin.StaffId, false));
            Assert.True(lost.IsOk);
        }
        var (status, problem) = await CheckInAsync(gateway, certificate, Report(now));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("certificate_revoked", problem.GetProperty("code").GetString());
        Assert.Contains("失効しています", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Single(await StoredAsync(server, seed));
    }

    [Fact]
    public async Task CheckIn_OtherTenantsAndImpostorCertificates_Refused_OnAGatewayServingOneTenant()
    {
        await using var server = await ConsoleServer.StartAsync();
        var a = await TenantSeed.CreateAsync(server, "131001", "アルファ市", "A");
        var b = await TenantSeed.CreateAsync(server, "131002", "ベータ町", "B");
        var aDevices = await new DeviceSeed(server, a).PrepareAsync();
        var bDevices = await new DeviceSeed(server, b).PrepareAsync();
        await aDevices.CreateAsync("A-PC-0001", DeviceState.Lent, a.StaffLogin.StaffId);
        using var aCertificate = aDevices.LastCertificate();
        await bDevices.CreateAsync("B-PC-0001", DeviceState.Lent, b.StaffLogin.StaffId);
        using var bCertificate = bDevices.LastCertificate();
        // A CA anyone could make with アルファ市's code and name: the same subject, another key.
        using var impostorCa = DeviceCertificateAuthority.Create("131001", "アルファ市", server.Time.GetUtcNow().AddDays(-1)).Value;
        using var impostor = impostorCa.Issue("A-PC-0001", "SNAPC0001", server.Time.GetUtcNow()).Value;
        await using var gateway = await GatewayServer.StartAsync(server, new GatewayOptions { TenantCodes = ["131001"], TrustRefreshInterval = TimeSpan.Zero });
        var now = server.Time.GetUtcNow();

        var ownTenant = await CheckInAsync(gateway, aCertificate, Report(now));
        var otherTenant = await CheckInAsync(gateway, bCertificate, Report(now));
        var forged = await CheckInAsync(gateway, impostor.Certificate, Report(now));

        Assert.Equal(HttpStatusCode.OK, ownTenant.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "certificate_not_issued_by_tenant_ca"), (otherTenant.Status, otherTenant.Body.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "certificate_not_issued_by_tenant_ca"), (forged.Status, forged.Body.GetProperty("code").GetString()));
        Assert.Empty(await StoredAsync(server, b));
        Assert.Single(await StoredAsync(server, a));
    }

    [Fact]
    public async Task CheckIn_WithoutACertificate_Refused401_MalformedReport_Refused400NamingTheField()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        await devices.CreateAsync("TS-PC-0003", DeviceState.Lent);
        using var certificate = devices.LastCertificate();
        await using var gateway = await GatewayServer.StartAsync(server);
        var now = server.Time.GetUtcNow();

        var anonymous = await CheckInAsync(gateway, null, Report(now));
        var malformed = await CheckInAsync(gateway, certificate, Report(now).Replace("\"diskEncrypted\":true", "\"diskEncrypted\":\"yes\"", StringComparison.Ordinal));
        var notJson = await CheckInAsync(gateway, certificate, "{\"osBuild\":");
        var huge = await CheckInAsync(gateway, certificate, new string(' ', PostureReportJson.MaxBytes + 1));

        Assert.Equal((HttpStatusCode.Unauthorized, "certificate_required"), (anonymous.Status, anonymous.Body.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("posture_report_invalid", malformed.Body.GetProperty("code").GetString());
        Assert.Equal("diskEncrypted: true か false で指定してください（\"yes\"）。", malformed.Body.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "posture_report_too_large"), (huge.Status, huge.Body.GetProperty("code").GetString()));
        Assert.Empty(await StoredAsync(server, seed));
    }

    [Fact]
    public async Task CheckIn_Refused_IsLoggedWithItsCodeCertificateAndTenant_ASampleOfEachCode()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var pc = await devices.CreateAsync("TS-PC-0004", DeviceState.Lent);
        using var certificate = devices.LastCertificate();
        await using var gateway = await GatewayServer.StartAsync(server);
        var log = new CapturedLog();
        gateway.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(log);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            Assert.True((await scoped.Services.GetRequiredService<DeviceService>().ReportLostAsync(pc.Id, "盗難", new DeviceCaller(null, true))).IsOk);
        }
        var now = server.Time.GetUtcNow();

        for (var i = 0; i < PostureRefusals.SampleSize + 3; i++) Assert.Equal(HttpStatusCode.Forbidden, (await CheckInAsync(gateway, certificate, Report(now))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckInAsync(gateway, null, Report(now))).Status);

        var refused = log.Lines.Where(l => l.EventId == 5201).Select(l => l.Message).ToList();
        var serial = CertificateSerial.Normalize(certificate.SerialNumber)!;
        var revoked = refused.Where(m => m.Contains("certificate_revoked", StringComparison.Ordinal)).ToList();
        Assert.Equal(PostureRefusals.SampleSize, revoked.Count);
        Assert.All(revoked, m => Assert.Contains($"certificate {serial}, tenant 131001, from 127.0.0.1", m, StringComparison.Ordinal));
        Assert.Single(refused, m => m.Contains("certificate_required", StringComparison.Ordinal));
    }

    /// <summary>Keeps every log line written through the logger factory it is added to.</summary>
    private sealed class CapturedLog : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(int EventId, string Message)> Lines { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Writer(Lines);

        public void Dispose()
        {
        }

        private sealed class Writer(System.Collections.Concurrent.ConcurrentQueue<(int, string)> lines) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((eventId.Id, formatter(state, exception)));
        }
    }

    [Fact]
    public async Task AgentReport_FromAFile_WithTheHandoutPemAndItsPassword_PrintsTheVerdictAndExitsByIt()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        await devices.CreateAsync("TS-PC-0004", DeviceState.Lent);
        var handout = devices.LastIssue!.Handout;
        await using var gateway = await GatewayServer.StartAsync(server);
        var folder = Directory.CreateTempSubdirectory("zaitaku-agent-").FullName;
        var certPath = Path.Combine(folder, "device.crt.pem");
        var keyPath = Path.Combine(folder, "device.key.pem");
        await File.WriteAllTextAsync(certPath, handout.CertificatePem);
        await File.WriteAllTextAsync(keyPath, handout.EncryptedPrivateKeyPem);
        var good = Path.Combine(folder, "good.json");
        var bad = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(good, Report(server.Time.GetUtcNow()));
        await File.WriteAllTextAsync(bad, Report(server.Time.GetUtcNow(), encrypted: false));

        async Task<(int Code, string Out, string Err)> RunAsync(string file, string? password = null)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await ZaitakuCli.RunAsync(["agent", "report", "--gateway", gateway.Address.ToString(), "--cert", certPath, "--key", keyPath,
                "--key-password", password ?? handout.Password, "--ca", gateway.ServerCaPath, "--file", file], output, error);
            return (code, output.ToString(), error.ToString());
        }

        var compliant = await RunAsync(good);
        var notCompliant = await RunAsync(bad);
        var wrongPassword = await RunAsync(good, "not-the-password");

        Assert.Equal(0, compliant.Code);
        Assert.Contains("適合しています", compliant.Out, StringComparison.Ordinal);
        Assert.Equal(3, notCompliant.Code);
        Assert.Contains("disk_not_encrypted: ディスク暗号化が無効です", notCompliant.Out, StringComparison.Ordinal);
        Assert.Equal(2, wrongPassword.Code);
        Assert.Equal(2, (await StoredAsync(server, seed)).Count);
    }

    [Fact]
    public async Task AgentReport_FromThisHost_SendsAReportTheGatewayAccepts()
    {
        await using var server = await ConsoleServer.StartAsync(now: DateTimeOffset.UtcNow);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        await devices.CreateAsync("TS-PC-0005", DeviceState.Lent);
        var handout = devices.LastIssue!.Handout;
        await using var gateway = await GatewayServer.StartAsync(server);
        var folder = Directory.CreateTempSubdirectory("zaitaku-agent-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "c.pem"), handout.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(folder, "k.pem"), handout.EncryptedPrivateKeyPem);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await ZaitakuCli.RunAsync(["agent", "report", "--gateway", gateway.Address.ToString(), "--cert", Path.Combine(folder, "c.pem"),
            "--key", Path.Combine(folder, "k.pem"), "--key-password", handout.Password, "--ca", gateway.ServerCaPath, "--from-host"], output, error);

        // Linux cannot block screen capture, so the host's own report is stored but never compliant.
        Assert.True(code == 3, $"exit {code}: {output}{error}");
        Assert.Contains("screen_capture_not_blocked", output.ToString(), StringComparison.Ordinal);
        var stored = Assert.Single(await StoredAsync(server, seed));
        Assert.Equal(Agent.HostPosture.AgentVersion, stored.AgentVersion);
    }

    [Fact]
    public void HostPosture_PreparedLinuxRoot_ReadsOsVersionDefinitionsAndUserData()
    {
        var root = Directory.CreateTempSubdirectory("zaitaku-host-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        File.WriteAllText(Path.Combine(root, "etc/os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n");
        Directory.CreateDirectory(Path.Combine(root, "var/lib/clamav"));
        var daily = Path.Combine(root, "var/lib/clamav/daily.cld");
        File.WriteAllText(daily, "");
        File.SetLastWriteTimeUtc(daily, new DateTime(2026, 11, 24, 20, 0, 0, DateTimeKind.Utc)); // 25th in Tokyo
        var home = Path.Combine(root, "home/user");
        Directory.CreateDirectory(Path.Combine(home, "Documents"));
        File.WriteAllText(Path.Combine(home, "Documents/memo.txt"), "業務メモ");
        var probe = new Agent.HostPosture(root);

        var report = probe.Read(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero), home);

        Assert.Equal("12", report.OsBuild);
        Assert.Equal(new DateOnly(2026, 11, 25), report.AntivirusDefinitionsDate);
        Assert.True(report.UserDataStoredLocally);
        Assert.False(report.DiskEncrypted);
        Assert.False(report.ScreenCaptureBlocked);
        Assert.Contains(probe.Notes, n => n.Contains("暗号化なし", StringComparison.Ordinal));
        Assert.True(PostureReportJson.Parse(PostureReportJson.Write(report)).IsOk);
    }
}
