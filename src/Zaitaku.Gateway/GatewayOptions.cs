using System.Net;

namespace Zaitaku.Gateway;

/// <summary>How a gateway node runs (configuration section <c>Gateway</c>).</summary>
public sealed record GatewayOptions
{
    /// <summary>This node's name in the decision log (default: the machine name).</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>A node that could not refresh its policy for this long denies everything with <c>policy_stale</c> (default 60 s).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Each tenant's policy is rebuilt at least this often, besides on every change notification (default 20 s).</summary>
    public TimeSpan RefreshEvery { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Peers whose X-Forwarded-For is believed (the VPN concentrator, a load balancer); nobody else's.</summary>
    public IReadOnlyList<IPNetwork> TrustedForwarders { get; init; } = [];

    /// <summary>The largest HTML page the gateway rewrites (watermark, print block, links); larger pages are blocked.</summary>
    public long MaxRewrittenHtmlBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How long the proxy waits for an internal system's response to start.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The tenants (municipality codes) this gateway serves; empty for every active tenant of the
    /// deployment. A prefecture that runs one gateway per municipality lists one code.
    /// </summary>
    public IReadOnlyList<string> TenantCodes { get; init; } = [];

    /// <summary>How often the gateway looks for new CAs, revocations and rule changes (default 1 s, the design's bound).</summary>
    public TimeSpan TrustRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most posture reports written in one database transaction.</summary>
    public int PostureBatchSize { get; init; } = 500;
}
