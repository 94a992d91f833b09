using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Zaitaku.Data;
using Zaitaku.Devices;
using Zaitaku.Devices.Posture;
using Zaitaku.Server.Cli;
using Zaitaku.Testing;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>The PC's posture check-in and the proxy's decision meet: a fresh report opens the systems at once.</summary>
public sealed class GatewayPostureTests
{
    private static async Task<HttpStatusCode> CheckInAsync(GatewayWorld world, X509Certificate2 certificate, bool compliant)
    {
        using var handler = AgentCommand.CreateHandler(certificate, world.Gateway.ServerCa);
        using var client = new HttpClient(handler);
        var body = PostureReportJson.Write(new PostureReport
        {
            OsBuild = "10.0.22631.4460", AntivirusDefinitionsDate = JapanTime.DateOf(world.Now), DiskEncrypted = compliant,
            UserDataStoredLocally = false, ScreenCaptureBlocked = true, AgentVersion = "1.4.0", ReportedAt = world.Now,
        });
        using var response = await client.PostAsync(world.Gateway.PostureEndpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_AfterTheWeekend_OpensTheSystemsWithoutWaitingForTheNextRebuild_AndAFailingOneClosesThem(DatabaseProvider provider)
    {
        X509Certificate2? mondayPc = null;
        // The periodic rebuild is out of the way (1 h): only the check-in itself can tell the gateway.
        var options = GatewayWorld.DefaultOptions() with { RefreshEvery = TimeSpan.FromHours(1) };
        await using var world = await GatewayWorld.StartAsync(provider, options: options, before: async w =>
        {
            var device = await w.Devices.CreateAsync("TS-PC-0004", DeviceState.Lent);
            mondayPc = w.Devices.LastCertificate();
            // Its agent last reported on Friday.
            await w.ReportPostureAsync(device.Id, mondayPc, w.Now.AddDays(-3));
        });
        using var _ = mondayPc;
        using var pc = await world.SignedInAsync(mondayPc);
        await pc.StartWorkdayAsync();
        await GatewayDenialTests.AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "device_posture_stale");

        Assert.Equal(HttpStatusCode.OK, await CheckInAsync(world, mondayPc!, compliant: true));
        var opened = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, opened.Status);

        Assert.Equal(HttpStatusCode.OK, await CheckInAsync(world, mondayPc!, compliant: false));
        var closed = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Status != HttpStatusCode.OK);
        await GatewayDenialTests.AssertDeniedAsync(world, closed, "docs", "device_noncompliant");
    }
}
