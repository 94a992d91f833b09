namespace Zaitaku.Data.Changes;

/// <summary>
/// Tells this process's presence boards that a staff member's presence may have changed (a workday started or
/// ended, a break, a manual state, a telework day approved), wherever it happened: on PostgreSQL the change
/// travels as a NOTIFY on <see cref="Channel"/> that every node hears (<c>PostgresPolicyListener</c> raises it); on
/// SQLite (one node, the console and the gateway faces sharing this instance) it is raised in-process.
/// </summary>
public sealed class PresenceChanges
{
    /// <summary>The PostgreSQL channel; the payload is <c>tenant:staff</c> (both GUIDs as 32 hex digits).</summary>
    public const string Channel = "zaitaku_presence";

    /// <summary>Raised with the tenant and the staff member (on a thread-pool or listener thread; keep handlers short).</summary>
    public event Action<Guid, Guid>? Changed;

    public void Raise(Guid tenantId, Guid staffId) => Changed?.Invoke(tenantId, staffId);

    public static string Payload(Guid tenantId, Guid staffId) => $"{tenantId:N}:{staffId:N}";

    /// <summary>Reads a payload sent by <see cref="Payload"/>; false for anything else.</summary>
    public static bool TryParse(string payload, out Guid tenantId, out Guid staffId)
    {
        tenantId = staffId = Guid.Empty;
        var parts = payload.Split(':');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out tenantId) && Guid.TryParseExact(parts[1], "N", out staffId);
    }
}
