using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>Portal sessions end by themselves: after the idle timeout, at the end of the working day, and when the staff member is deactivated.</summary>
public sealed class GatewaySessionTests
{
    [Fact]
    public async Task Session_IdleForLongerThanTheTimeout_Ended()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        world.Server.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);

        // 15 minutes (the default) after the last request.
        world.Server.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await GatewayDenialTests.AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "not_signed_in");
        var portal = await pc.GetAsync("/portal/");
        Assert.Contains("セッションが終了しました", portal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_OldCookieOnTheSameConnectionAfterSignOut_Refused()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);
        var cookie = pc.SessionCookie!;

        await pc.SignOutAsync();
        // The same client (its keep-alive connection already carried this cookie, allowed) sends it again.
        pc.Cookies["__Host-zaitaku-gw"] = cookie;
        await GatewayDenialTests.AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "not_signed_in");
    }

    [Fact]
    public async Task Session_AtTheEndOfWorkHours_Ended()
    {
        await using var world = await GatewayWorld.StartAsync(now: new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.FromHours(9)));
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);

        // 17:15 is the end of work in the default rules; the session was opened until then.
        world.Server.Time.Advance(TimeSpan.FromMinutes(15));
        await GatewayDenialTests.AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "not_signed_in");
    }

    [Fact]
    public async Task Session_OfAStaffMemberDeactivatedInTheConsole_Ended()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/s/docs/list")).Status);

        using (var scoped = world.OpenDb())
        {
            var member = await scoped.Db.Staff.SingleAsync(s => s.Id == world.StaffMember.Id);
            member.ActiveTo = JapanTime.DateOf(world.Now).AddDays(-1);
            await scoped.Db.SaveChangesAsync();
        }
        var page = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/s/docs/list"), p => p.Status != HttpStatusCode.OK);

        await GatewayDenialTests.AssertDeniedAsync(world, page, "docs", "not_signed_in");
        // Requests made before the change reached the gateway went through; none after.
        var forwarded = world.Upstream.Received.Count;
        await GatewayDenialTests.AssertDeniedAsync(world, await pc.GetAsync("/s/docs/list"), "docs", "not_signed_in");
        Assert.Equal(forwarded, world.Upstream.Received.Count);
    }
}
