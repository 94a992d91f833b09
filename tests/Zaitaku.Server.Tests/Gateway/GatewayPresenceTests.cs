using Microsoft.AspNetCore.SignalR.Client;
using Zaitaku.Organization;
using Zaitaku.Web.Work;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>The console's live board hears what the gateway's portal records, as in `zaitaku demo` and `serve` with both faces.</summary>
public sealed class GatewayPresenceTests
{
    [Fact]
    public async Task Portal_StartsTheDayAtHome_TheSectionsBoardShowsItLive()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var head = world.Server.CreateClient();
        await world.Seed.SignInAsync(head, Role.SectionHead, world.Server);
        await using var board = new HubConnectionBuilder().WithUrl(new Uri(world.Server.Address, PresenceHub.Path), o => o.Cookies = head.Cookies).Build();
        var received = new TaskCompletionSource<PresenceMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        board.On<PresenceMessage>("presence", m => received.TrySetResult(m));
        await board.StartAsync();
        Assert.True(await board.InvokeAsync<bool>("Watch", world.StaffMember.SectionId));

        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(world.StaffMember.Id.ToString(), message.StaffId);
        Assert.Equal("telework", message.State);
    }
}
