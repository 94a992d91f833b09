using Zaitaku.Access;
using Zaitaku.Systems;

namespace Zaitaku.Gateway.Policy;

/// <summary>An internal system as the proxy and the portal need it: where to forward, what to do to its pages, how to show its tile.</summary>
internal sealed record SystemTarget(string Slug, string Name, Segment Segment, Uri Upstream, ScreenControls Controls, string? Description);

/// <summary>A live portal session: whose, with which second factor, until when.</summary>
internal sealed record PortalSession(Guid Id, Guid UserId, string StaffId, string StaffNumber, string StaffName, bool SecondFactor, TimeSpan IdleTimeout, DateTimeOffset ExpiresAt, DateTimeOffset LastSeenAt);

/// <summary>A telework PC as the gateway knows it from its current (unrevoked) certificate.</summary>
internal sealed record PortalDevice(Guid DeviceId, string CertificateSerial, string DeviceSerial, string AssetTag);

/// <summary>
/// Everything the gateway needs to decide for one municipality, built from the database and swapped
/// as a whole when anything in it changes: the access decision's snapshot, the systems' targets, the
/// live portal sessions, and the PCs by their current certificate.
/// </summary>
internal sealed record TenantPolicy(
    Guid TenantId,
    string TenantCode,
    string TenantName,
    PolicySnapshot Snapshot,
    IReadOnlyDictionary<string, SystemTarget> Systems,
    IReadOnlyDictionary<Guid, PortalSession> Sessions,
    IReadOnlyDictionary<string, PortalDevice> DevicesByCertificate,
    TimeSpan PortalIdleTimeout,
    DateTimeOffset BuiltAt,
    long BuiltTimestamp)
    // BuiltTimestamp: the process clock when the load began reading the database.
{
    /// <summary>When today's work ends for the staff member (the approved overtime, else the rules' end), Tokyo wall clock.</summary>
    public TimeOnly WorkEndFor(string staffId, DateOnly date)
    {
        foreach (var approval in Snapshot.Approvals)
        {
            if (approval.Staff == staffId && approval.Date == date && approval.OvertimeUntil is { } until) return until;
        }
        return Snapshot.Rules.WorkEnd;
    }
}
