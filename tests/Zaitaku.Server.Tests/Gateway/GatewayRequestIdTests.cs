using System.Globalization;
using System.Net;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>Request ids: what a denial page tells people to quote to the help desk, and what the decision log indexes.</summary>
public sealed class GatewayRequestIdTests
{
    [Fact]
    public async Task RequestId_OfManyRequests_SixteenHexDigitsDistinctStartingWithTheTime()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = await world.SignedInAsync();
        await pc.StartWorkdayAsync();
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var page = await pc.GetAsync("/s/docs/list");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            ids.Add(page.HeaderRequestId!);
        }

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{16}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // The first eight digits are the gateway's Unix seconds: ids sort by time, so the log's request-id index appends.
        var now = world.Now.ToUnixTimeSeconds();
        Assert.All(ids, id => Assert.Equal(now, long.Parse(id[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        // Within a second they ascend (a per-node counter), unless the counter wrapped once in between.
        Assert.True(ids.Zip(ids.Skip(1)).Count(p => string.CompareOrdinal(p.First, p.Second) > 0) <= 1);
        Assert.Single(await world.DecisionsAsync(ids[^1]), r => r.Kind == Zaitaku.Audit.DecisionEntryKind.Decision);
    }
}
