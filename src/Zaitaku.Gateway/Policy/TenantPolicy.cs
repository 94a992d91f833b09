using System.Security.Cryptography.X509Certificates;
using Zaitaku.Access;
using Zaitaku.Systems;

namespace Zaitaku.Gateway.Policy;

/// <summary>An internal system as the proxy needs it: where to forward, and what to do to its pages.</summary>
internal sealed record SystemTarget(string Slug, string Name, Segment Segment, Uri Upstream, ScreenControls Controls);

/// <summary>A live portal session: whose, with which second factor, until when.</summary>
internal sealed record PortalSession(Guid Id, Guid UserId, string StaffId, string StaffNumber, string StaffName, bool SecondFactor, TimeSpan IdleTimeout, DateTimeOffset ExpiresAt, DateTimeOffset LastSeenAt);

/// <summary>A telework PC as the gateway knows it from its current certificate.</summary>
internal sealed record DeviceIdentity(string CertificateSerial, string DeviceSerial, string AssetTag);

/// <summary>
/// Everything the gateway needs to decide for one municipality, built from the database and swapped
/// as a whole when anything in it changes: the access decision's snapshot, the systems' targets, the
/// live portal sessions, and the tenant's certificate authority with its revoked serials.
/// </summary>
internal sealed record TenantPolicy(
    Guid TenantId,
    string TenantCode,
    string TenantName,
    PolicySnapshot Snapshot,
    IReadOnlyDictionary<string, SystemTarget> Systems,
    IReadOnlyDictionary<Guid, PortalSession> Sessions,
    IReadOnlyDictionary<string, DeviceIdentity> DevicesByCertificate,
    X509Certificate2? CertificateAuthority,
    Zaitaku.Devices.Pki.DeviceCertificateValidator? Validator,
    Zaitaku.Devices.Pki.RevokedSerialSet RevokedSerials,
    TimeOnly WorkEnd,
    IReadOnlyDictionary<string, TimeOnly?> OvertimeUntil,
    TimeSpan PortalIdleTimeout,
    DateTimeOffset BuiltAt);
