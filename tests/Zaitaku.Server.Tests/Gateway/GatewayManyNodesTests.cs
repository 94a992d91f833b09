using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Changes;
using Zaitaku.Testing;
using Zaitaku.Web.Devices;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>
/// Two gateway nodes on one PostgreSQL database, each with its own change hub as separate processes
/// would have: what is committed on one side reaches the other only through LISTEN/NOTIFY.
/// PostgreSQL comes from ZAITAKU_TEST_POSTGRES (./test.sh) or a throwaway cluster, as every PostgreSQL test here.
/// </summary>
public sealed class GatewayManyNodesTests
{
    [Fact]
    public async Task Revocation_CommittedBesideNodeA_DeniedByNodeB_WithinOneSecond()
    {
        // Node A is the console's process (console and gateway share its hub); node B hears only PostgreSQL.
        // Neither polls its trust in the meantime (1 h), and B rebuilds its policy by itself only every 20 s.
        var quiet = GatewayWorld.DefaultOptions() with { TrustRefreshInterval = TimeSpan.FromHours(1) };
        await using var world = await GatewayWorld.StartAsync(DatabaseProvider.Postgres, options: quiet with { NodeName = "node-a" });
        await using var nodeB = await GatewayServer.StartAsync(world.Server, quiet with { NodeName = "node-b" }, new PolicyChanges());

        using var onA = await world.SignedInAsync();
        await onA.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/s/docs/list")).Status);
        using var onB = new GatewayClient(nodeB, world.Pc);
        foreach (var (name, value) in onA.Cookies) onB.Cookies[name] = value;
        // The session and the workday opened through node A reached node B by notification.
        var reached = await GatewayWorld.EventuallyAsync(() => onB.GetAsync("/s/docs/list"), p => p.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, reached.Status);

        using (var scoped = world.OpenDb())
        {
            var lost = await scoped.Services.GetRequiredService<DeviceService>().ReportLostAsync(world.PcDevice.Id, "電車に置き忘れ", new DeviceCaller(world.StaffMember.Id, false));
            Assert.True(lost.IsOk);
        }
        var committed = Stopwatch.StartNew();
        GatewayPage page;
        do page = await onB.GetAsync("/s/docs/list");
        while (page.Status == HttpStatusCode.OK && committed.Elapsed < TimeSpan.FromSeconds(1));

        Assert.True(page.Status == HttpStatusCode.Forbidden, $"node B still allowed the revoked PC {committed.ElapsedMilliseconds} ms after the commit");
        var record = await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", "device_unknown", "not_signed_in");
        Assert.Equal("node-b", record.Node);
        await GatewayDenialTests.AssertDeniedAsync(world, await onA.GetAsync("/s/docs/list"), "docs", "device_unknown", "not_signed_in");
    }
}
