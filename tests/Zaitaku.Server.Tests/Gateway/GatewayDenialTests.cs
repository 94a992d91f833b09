using System.Net;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Access;
using Zaitaku.Audit;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>
/// Denials as a teleworker meets them: a Japanese page that names every failing reason in plain
/// words with its code and a request id for the help desk, and the same reasons in the decision log.
/// </summary>
public sealed class GatewayDenialTests
{
    /// <summary>The page lists exactly these codes, each with its Japanese explanation, and the log has the same record.</summary>
    internal static async Task<DecisionRecord> AssertDeniedAsync(GatewayWorld world, GatewayPage page, string? system, params string[] codes)
    {
        Assert.True(page.Status == HttpStatusCode.Forbidden, $"expected a denial of {string.Join(",", codes)}, got {(int)page.Status}: {page.Text}");
        Assert.Equal("アクセスできません Access denied", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(codes, page.Reasons);
        foreach (var code in codes)
        {
            Assert.True(ReasonCodes.TryParse(code, out var reason));
            Assert.Contains(reason.Explanation().Ja, page.Text, StringComparison.Ordinal);
        }
        Assert.Matches("^[0-9a-f]{16}$", page.RequestId);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var record = Assert.Single(await world.DecisionsAsync(page.RequestId));
        Assert.Equal(page.HeaderRequestId, record.RequestId);
        Assert.False(record.Allow);
        Assert.Equal(string.Join(',', codes), record.Reasons);
        Assert.Equal(403, record.Status);
        Assert.Equal(system, record.System);
        return record;
    }

    [Fact]
    public async Task Proxy_EachFailingCheck_DeniedWithItsReasonsOnTheJapanesePage_AndLogged()
    {
        await using var world = await GatewayWorld.StartAsync();

        // No certificate: the gateway does not even know the municipality.
        using (var stranger = new GatewayClient(world.Gateway, null))
        {
            var page = await stranger.GetAsync("/s/docs/list");
            var record = await AssertDeniedAsync(world, page, "docs", "no_device_certificate", "route_unknown", "not_signed_in", "system_unknown");
            Assert.Null(record.TenantId);
            Assert.Null(record.DeviceSerial);
        }

        using var pc = world.Client();
        var anonymous = await AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "not_signed_in");
        Assert.Equal(world.PcDevice.SerialNumber, anonymous.DeviceSerial);
        Assert.Equal(world.Seed.Tenant.Id, anonymous.TenantId);

        world.Server.Time.Advance(TimeSpan.FromSeconds(31));
        await pc.SignInAsync(world.Staff, world.StaffTotp, world.Now);
        var notStarted = await AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "not_clocked_in");
        Assert.Equal(world.StaffMember.StaffNumber, notStarted.StaffNumber);

        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);
        await AssertDeniedAsync(world, await pc.GetAsync("/s/juki/residents/1"), "juki", "segment_mynumber");
        await AssertDeniedAsync(world, await pc.GetAsync("/s/finance/ledger"), "finance", "system_not_remote");
        await AssertDeniedAsync(world, await pc.GetAsync("/s/nosuch/"), "nosuch", "system_unknown");
        var tax = await AssertDeniedAsync(world, await pc.GetAsync("/s/docs/a/../tax/x"), "docs", "data_class_restricted");
        Assert.Equal("/tax/x", tax.Path);
        await AssertDeniedAsync(world, await pc.GetAsync("/s/docs/TAX"), "docs", "data_class_restricted");
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/taxonomy")).Status);

        // From home LTE through the trusted VPN concentrator: LGWAN systems are shut, the Internet mail open.
        using (var lte = world.Client(from: GatewayWorld.Forwarder))
        {
            foreach (var (name, value) in pc.Cookies) lte.Cookies[name] = value;
            void FromLte(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation("X-Forwarded-For", "100.64.1.1");
            var open = await AssertDeniedAsync(world, await lte.GetAsync("/s/docs/list", FromLte), "docs", "route_not_closed");
            Assert.Equal(("100.64.1.1", "lte"), (open.SourceAddress, open.Route));
            Assert.Equal(HttpStatusCode.OK, (await lte.GetAsync("/s/mail/inbox", FromLte)).Status);
            Assert.Equal(["100.64.1.1"], world.Upstream.Received.Last().All("X-Forwarded-For"));
        }

        // The section head's approval withdrawn: the next requests are refused.
        using (var scoped = world.OpenDb())
        {
            var approval = await scoped.Db.TeleworkRequests.SingleAsync(r => r.StaffId == world.StaffMember.Id);
            approval.Status = RequestStatus.Cancelled;
            approval.CancelledAt = world.Now;
            await scoped.Db.SaveChangesAsync();
        }
        var withdrawn = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Status == HttpStatusCode.Forbidden);
        await AssertDeniedAsync(world, withdrawn, "docs", "no_approved_telework");
    }

    [Fact]
    public async Task Proxy_AnotherStaffMembersPcWithStalePostureAndNoApproval_DeniedWithEveryReason()
    {
        System.Security.Cryptography.X509Certificates.X509Certificate2? stalePc = null;
        await using var world = await GatewayWorld.StartAsync(before: async w =>
        {
            var hr = w.Seed.Logins[Role.HrAdmin];
            var device = await w.Devices.CreateAsync("TS-PC-0002", DeviceState.Lent, hr.StaffId);
            stalePc = w.Devices.LastCertificate();
            // The agent last reported 25 hours ago; the rules allow 24.
            await w.ReportPostureAsync(device.Id, stalePc, w.Now.AddHours(-25));
        });
        using var _ = stalePc;
        var hr = world.Seed.Logins[Role.HrAdmin];

        using var own = world.Client(stalePc);
        world.Server.Time.Advance(TimeSpan.FromSeconds(31));
        var home = await own.SignInAsync(hr, hr.TotpSecret, world.Now);
        Assert.Contains("承認なし", home.Document.QuerySelector("[data-testid=approval]")!.TextContent, StringComparison.Ordinal);
        await AssertDeniedAsync(world, await own.GetAsync("/s/docs/list"), "docs", "device_posture_stale", "no_approved_telework", "not_clocked_in");

        // The same person on a PC lent to someone else.
        using var borrowed = world.Client();
        world.Server.Time.Advance(TimeSpan.FromSeconds(31));
        await borrowed.SignInAsync(hr, hr.TotpSecret, world.Now);
        await AssertDeniedAsync(world, await borrowed.GetAsync("/s/docs/list"), "docs", "device_not_assigned", "no_approved_telework", "not_clocked_in");
    }

    [Fact]
    public async Task Proxy_BeforeTheStartOfWorkHours_DeniedOutsideWorkHours_ThenOpenAtTheStart()
    {
        await using var world = await GatewayWorld.StartAsync(now: new DateTimeOffset(2026, 11, 26, 8, 20, 0, TimeSpan.FromHours(9)));
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();

        await AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "outside_work_hours");
        world.Server.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);
    }
}
