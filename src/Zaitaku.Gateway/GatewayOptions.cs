namespace Zaitaku.Gateway;

/// <summary>How the gateway face trusts and serves telework PCs.</summary>
public sealed record GatewayOptions
{
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
