using System.Net;

namespace Zaitaku.Access;

/// <summary>
/// One request through the gateway, as the decision sees it. A value type passed by
/// <c>in</c>, so deciding allocates nothing.
/// </summary>
/// <param name="Staff">The signed-in staff id, or null when nobody is signed in.</param>
/// <param name="Mfa">The session passed the one-time code (多要素認証).</param>
/// <param name="DeviceSerial">The serial of the presented device certificate, or null when none was presented.</param>
/// <param name="SourceAddress">The client's address (IPv4, IPv6 or IPv4-mapped IPv6), or null when unknown.</param>
/// <param name="System">The id of the target internal system, or null when the request names none.</param>
/// <param name="Method">The HTTP method; recorded in the decision log, no check reads it today.</param>
/// <param name="Path">The raw path as received (before any decoding); a query after <c>?</c> is ignored.</param>
public readonly record struct AccessRequest(
    string? Staff,
    bool Mfa,
    string? DeviceSerial,
    IPAddress? SourceAddress,
    string? System,
    string Method,
    string Path);
