using System.Net;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>What the operator's Prometheus reads from a gateway node.</summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task Metrics_FromLoopback_RequestDurationsAndConnections_NotThePoolAndRoutingMeters()
    {
        await using var world = await GatewayWorld.StartAsync();
        using var pc = world.Client();
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/portal/")).Status);

        // The exporter collects on a schedule: ask until the portal's request is counted.
        var metrics = await GatewayWorld.EventuallyAsync(() => pc.GetAsync("/metrics"), page => page.Text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        Assert.Contains("kestrel_", metrics.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_memory_pool", metrics.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing", metrics.Text, StringComparison.Ordinal);
    }
}
