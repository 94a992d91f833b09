using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Devices;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>
/// The attacks issue 5 lists, each made for real against the gateway on HTTPS: every one is refused,
/// logged, and nothing of it reaches an internal system.
/// </summary>
public sealed class GatewayAttackTests
{
    private static string Cookie(GatewayClient client) => $"__Host-zaitaku-gw={client.SessionCookie}";

    [Theory]
    [InlineData("/s/docs/a%2Ftax/x", "path_invalid")]
    [InlineData("/s/docs/a%2ftax", "path_invalid")]
    [InlineData("/s/docs/%2e%2e/tax/x", "data_class_restricted")]
    [InlineData("/s/docs/list/%2E%2e/%2e%2E/tax", "data_class_restricted")]
    [InlineData("/s/docs/%252e%252e/tax/x", "path_invalid")]
    [InlineData("/s/docs/list%252Fx", "path_invalid")]
    [InlineData("/s/docs/a%5C..%5Ctax", "path_invalid")]
    [InlineData("/s/docs/%c0%ae%c0%ae/tax", "path_invalid")]
    [InlineData("/s/docs/%e0%80%ae/tax", "path_invalid")]
    [InlineData("/s/docs/a//tax", "path_invalid")]
    [InlineData("/s/docs/..;/tax", "path_invalid")]
    public async Task Proxy_PathAttack_DeniedLoggedAndNeverForwarded(string path, string reason)
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var page = await pc.GetAsync(path);

        await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", reason);
        Assert.Empty(world.Upstream.Received);
    }

    [Fact]
    public async Task Gateway_DotSegmentsLeavingTheSystemsAddress_NotFound_NotForwarded_AndLogged()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var page = await pc.GetAsync("/s/docs/%2e%2e/%2e%2e/etc/passwd");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("\"code\":\"not_found\"", page.Html, StringComparison.Ordinal);
        var record = Assert.Single(await world.DecisionsAsync(page.HeaderRequestId));
        Assert.Equal((false, "not_found", 404, world.StaffMember.StaffNumber), (record.Allow, record.Reasons, record.Status, record.StaffNumber));
        Assert.Empty(world.Upstream.Received);
    }

    [Fact]
    public async Task DecisionLog_OverlongSystemNameAndPath_Logged_WithoutFailingOtherRequests_OnPostgres()
    {
        await using var world = await GatewayWorld.StartAsync(Zaitaku.Data.DatabaseProvider.Postgres);
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var longSystem = await pc.GetAsync("/s/" + new string('a', 300) + "/x");
        var longPath = await pc.GetAsync("/portal/" + new string('p', 5000));
        var next = await pc.GetAsync("/s/docs/list");

        Assert.Equal(HttpStatusCode.Forbidden, longSystem.Status);
        Assert.Equal(["system_unknown"], longSystem.Reasons);
        Assert.Equal(32, Assert.Single(await world.DecisionsAsync(longSystem.RequestId)).System!.Length);
        Assert.Equal(HttpStatusCode.NotFound, longPath.Status);
        Assert.Equal(2048, Assert.Single(await world.DecisionsAsync(longPath.HeaderRequestId)).Path.Length);
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Theory]
    [InlineData("/s/docs/list%00.html")]
    [InlineData("/s/docs/%00/../tax")]
    public async Task Proxy_EncodedNul_RefusedByTheServerBeforeAnySystem(string path)
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var page = await pc.GetAsync(path);

        // Kestrel itself refuses a path that decodes to NUL (400), before the gateway's pipeline; nothing is forwarded.
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Empty(world.Upstream.Received);
    }

    [Theory]
    [InlineData("GET /s/docs/..\\tax\\x HTTP/1.1")]
    [InlineData("GET /s/docs/a\\..\\..\\tax HTTP/1.1")]
    public async Task Proxy_RawBackslashInTheRequestLine_RefusedAndNeverForwarded(string requestLine)
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var answer = await world.RawAsync(world.Pc, $"{requestLine}\r\nHost: 127.0.0.1\r\nCookie: {Cookie(pc)}\r\nConnection: close\r\n\r\n");

        Assert.Matches("^HTTP/1.1 (400|403) ", answer);
        if (answer.StartsWith("HTTP/1.1 403", StringComparison.Ordinal)) Assert.Contains("<code>path_invalid</code>", answer, StringComparison.Ordinal);
        Assert.Empty(world.Upstream.Received);
    }

    [Fact]
    public async Task Proxy_HostHeaderNamingAnotherUpstream_StillGoesOnlyToTheSystemsOwnUpstream()
    {
        await using var world = await GatewayWorld.StartAsync();
        await using var other = await TestUpstream.StartAsync("他のシステム");
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var page = await pc.GetAsync("/s/docs/list", r => r.Headers.Host = other.Address.Authority);
        var absolute = await world.RawAsync(world.Pc, $"GET {other.Address}list HTTP/1.1\r\nHost: {other.Address.Authority}\r\nCookie: {Cookie(pc)}\r\nConnection: close\r\n\r\n");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var received = Assert.Single(world.Upstream.Received);
        Assert.Equal(world.Upstream.Address.Authority, received.Host);
        Assert.Matches("^HTTP/1.1 (400|403|404) ", absolute);
        Assert.Empty(other.Received);
        Assert.Single(world.Upstream.Received);
    }

    [Fact]
    public async Task Proxy_ForwardedForFromAnUntrustedPeer_IsIgnored()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        using var stranger = world.Client(from: GatewayWorld.Stranger);
        foreach (var (name, value) in pc.Cookies) stranger.Cookies[name] = value;

        var page = await stranger.GetAsync("/s/docs/list", r => r.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.20.3.4"));

        var record = await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", "route_unknown");
        Assert.Equal("127.0.0.3", record.SourceAddress);
        Assert.Null(record.Route);
        Assert.Empty(world.Upstream.Received);
    }

    [Fact]
    public async Task Proxy_ContentLengthWithTransferEncoding_RefusedAndNothingForwarded()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        const string smuggled = "GET /s/docs/smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        var body = "0\r\n\r\n" + smuggled;

        var answer = await world.RawAsync(world.Pc,
            $"POST /s/docs/list HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {Cookie(pc)}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {body.Length}\r\nTransfer-Encoding: chunked\r\n\r\n{body}");

        Assert.Matches("^HTTP/1.1 400 ", answer);
        Assert.Contains("<code>request_malformed</code>", answer, StringComparison.Ordinal);
        // The connection is closed after the refusal: the request hidden behind the body is never read.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(answer, "HTTP/1.1 \\d{3} "));
        Assert.Empty(world.Upstream.Received);
        var requestId = System.Text.RegularExpressions.Regex.Match(answer, "X-Request-Id: ([0-9a-f]+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Groups[1].Value;
        var record = Assert.Single(await world.DecisionsAsync(requestId));
        Assert.Equal((false, "request_malformed", 400, "POST"), (record.Allow, record.Reasons, record.Status, record.Method));
    }

    [Fact]
    public async Task Proxy_ChunkedRequestBody_Refused()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var answer = await world.RawAsync(world.Pc,
            $"POST /s/docs/list HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {Cookie(pc)}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n3\r\na=1\r\n0\r\n\r\n");

        Assert.Matches("^HTTP/1.1 400 ", answer);
        Assert.Empty(world.Upstream.Received);
    }

    [Fact]
    public async Task Proxy_HopByHopHeadersNamingForwardingHeaders_ChangeNeitherDecisionNorForwardedIdentity()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var answer = await world.RawAsync(world.Pc,
            $"GET /s/docs/list HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {Cookie(pc)}\r\nX-Forwarded-For: 10.20.3.4\r\n" +
            "Connection: close, X-Forwarded-For, X-Request-Id, X-Forwarded-Prefix, Cookie\r\n\r\n");
        // Through the trusted forwarder, a client asking it to drop X-Forwarded-For: the gateway still reads the address it gave.
        using var lte = world.Client(from: GatewayWorld.Forwarder);
        foreach (var (name, value) in pc.Cookies) lte.Cookies[name] = value;
        var fromLte = await lte.GetAsync("/s/docs/list", r =>
        {
            r.Headers.TryAddWithoutValidation("X-Forwarded-For", "100.64.1.1");
            r.Headers.Connection.Add("X-Forwarded-For");
        });

        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        var received = Assert.Single(world.Upstream.Received);
        Assert.Equal(["127.0.0.1"], received.All("X-Forwarded-For"));
        Assert.Equal("/s/docs", received.Header("X-Forwarded-Prefix"));
        Assert.Matches("^[0-9a-f]{16}$", received.Header("X-Request-Id"));
        Assert.Null(received.Header("Cookie"));
        var records = await world.DecisionsAsync(received.Header("X-Request-Id"), 2);
        Assert.All(records, r => Assert.Equal(("127.0.0.1", "vpn", world.StaffMember.StaffNumber), (r.SourceAddress, r.Route, r.StaffNumber)));
        await GatewayDenialTests.AssertDeniedAsync(world, fromLte, "docs", "route_not_closed");
        Assert.Single(world.Upstream.Received);
    }

    [Theory]
    [InlineData("finance", "system_not_remote")]
    [InlineData("juki", "segment_mynumber")]
    public async Task Proxy_WebSocketUpgradeToASystemNotAllowed_Denied(string system, string reason)
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        var answer = await world.RawAsync(world.Pc,
            $"GET /s/{system}/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {Cookie(pc)}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403 ", answer, StringComparison.Ordinal);
        Assert.Contains($"<code>{reason}</code>", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("101 Switching", answer, StringComparison.Ordinal);
        Assert.Empty(world.Upstream.Received);
        var requestId = System.Text.RegularExpressions.Regex.Match(answer, "X-Request-Id: ([0-9a-f]+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Groups[1].Value;
        var record = Assert.Single(await world.DecisionsAsync(requestId));
        Assert.Equal((false, reason, system), (record.Allow, record.Reasons, record.System));
    }

    [Fact]
    public async Task Proxy_CertificateOfAPcReportedLost_DeniedAsUnknownDevice_OnTheNextRequest()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);

        using (var scoped = world.OpenDb())
        {
            var lost = await scoped.Services.GetRequiredService<DeviceService>().ReportLostAsync(world.PcDevice.Id, "電車に置き忘れ", new DeviceCaller(world.StaffMember.Id, false));
            Assert.True(lost.IsOk);
        }
        var page = await pc.GetAsync("/s/docs/list");

        var record = await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", "device_unknown", "not_signed_in");
        Assert.Equal("unknown:" + world.Pc.SerialNumber, record.DeviceSerial);
        Assert.Single(world.Upstream.Received);
        // The portal refuses the PC too.
        Assert.Equal(HttpStatusCode.Forbidden, (await pc.GetAsync("/portal/")).Status);
    }

    [Fact]
    public async Task Proxy_ExpiredCertificate_DeniedAsUnknownDevice()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        world.Server.Time.Advance(world.Pc.NotAfter.ToUniversalTime() - world.Now.UtcDateTime + TimeSpan.FromMinutes(1));
        var page = await pc.GetAsync("/s/docs/list");

        await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", "device_unknown", "not_signed_in");
        Assert.Empty(world.Upstream.Received);
    }

    [Fact]
    public async Task Proxy_AnotherTenantsCertificateWithThisTenantsSessionCookie_Denied()
    {
        X509Certificate2? otherPc = null;
        TenantSeed? other = null;
        await using var world = await GatewayWorld.StartAsync(before: async w =>
        {
            other = await TenantSeed.CreateAsync(w.Server, "131002", "ベータ町", "B");
            var devices = await new DeviceSeed(w.Server, other).PrepareAsync();
            await devices.CreateAsync("B-PC-0001", DeviceState.Lent);
            otherPc = devices.LastCertificate();
        });
        using var _ = otherPc;
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        using var intruder = world.Client(otherPc);
        foreach (var (name, value) in pc.Cookies) intruder.Cookies[name] = value;

        var page = await intruder.GetAsync("/s/docs/list");

        var record = await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", "device_posture_stale", "route_unknown", "not_signed_in", "system_unknown");
        Assert.Equal(other!.Tenant.Id, record.TenantId);
        Assert.Null(record.StaffNumber);
        Assert.Empty(world.Upstream.Received);
    }

    [Fact]
    public async Task Session_CookieReplayedAfterSignOut_AfterTheWorkdayEnded_OrFromAnotherPc_IsRefused()
    {
        X509Certificate2? secondPc = null;
        await using var world = await GatewayWorld.StartAsync(before: async w =>
        {
            // A second PC lent to the same person: the cookie is bound to the certificate, not the person.
            var device = await w.Devices.CreateAsync("TS-PC-0003", DeviceState.Lent);
            secondPc = w.Devices.LastCertificate();
            await w.ReportPostureAsync(device.Id, secondPc, w.Now.AddMinutes(-5));
        });
        using var _ = secondPc;

        using var first = await world.SignedInAsync();
        await first.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/s/docs/list")).Status);
        var firstCookie = first.SessionCookie!;

        using (var otherPc = world.Client(secondPc))
        {
            otherPc.Cookies["__Host-zaitaku-gw"] = firstCookie;
            await GatewayDenialTests.AssertDeniedAsync(world, await otherPc.GetAsync("/s/docs/list"), "docs", "not_signed_in");
        }

        var signedOut = await first.SignOutAsync();
        Assert.Contains("サインアウトしました", signedOut.Text, StringComparison.Ordinal);
        Assert.Null(first.SessionCookie);
        using (var replay = world.Client())
        {
            replay.Cookies["__Host-zaitaku-gw"] = firstCookie;
            await GatewayDenialTests.AssertDeniedAsync(world, await replay.GetAsync("/s/docs/list"), "docs", "not_signed_in");
            var portal = await replay.GetAsync("/portal/");
            Assert.Contains("セッションが終了しました", portal.Text, StringComparison.Ordinal);
        }

        using var second = await world.SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/s/docs/list")).Status);
        var secondCookie = second.SessionCookie!;
        using var console = world.Server.CreateClient();
        await world.Seed.SignInAsync(console, Role.Staff, world.Server);
        var ended = await second.EndWorkdayAsync();
        Assert.Contains("終業を記録しました", ended.Text, StringComparison.Ordinal);
        // Only the gateway's sessions end with the workday, audited as such; the console stays signed in.
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/work/today")).Status);
        using (var scoped = world.OpenDb())
        {
            var audit = await scoped.Db.AuditRecords.Where(r => r.Action == "auth.sessions_ended").OrderByDescending(r => r.Sequence).FirstAsync();
            Assert.Equal(world.Staff.UserId.ToString(), audit.TargetId);
            Assert.Contains("\"reason\":\"workday_ended\",\"channel\":\"gateway\"", audit.Summary, StringComparison.Ordinal);
        }
        using (var replay = world.Client())
        {
            replay.Cookies["__Host-zaitaku-gw"] = secondCookie;
            await GatewayDenialTests.AssertDeniedAsync(world, await replay.GetAsync("/s/docs/list"), "docs", "not_signed_in");
        }
        // Signed in again after the end of the day, the portal opens but no system does.
        using var late = await world.SignedInAsync();
        await GatewayDenialTests.AssertDeniedAsync(world, await late.GetAsync("/s/docs/list"), "docs", "not_clocked_in");
    }

    [Fact]
    public async Task Session_WorkdayEndedFromTheConsole_EndsTheGatewaySession()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);

        world.Server.Time.Advance(TimeSpan.FromMinutes(5));
        using (var scoped = world.OpenDb())
        {
            scoped.Db.TenantScope.SetActor(world.Staff.UserId, "1006 伊藤 恵子");
            var ended = await scoped.Services.GetRequiredService<WorkdayService>().EndAsync(world.StaffMember.Id, "庁内で終業", WorkdaySource.Console);
            Assert.True(ended.IsOk);
        }
        var page = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Status != HttpStatusCode.OK);

        await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", "not_signed_in");
        // Requests made before the change reached the gateway went through; none after.
        var forwarded = world.Upstream.Received.Count;
        await GatewayDenialTests.AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "not_signed_in");
        Assert.Equal(forwarded, world.Upstream.Received.Count);
    }
}
