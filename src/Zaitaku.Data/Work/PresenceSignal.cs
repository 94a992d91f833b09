using Microsoft.EntityFrameworkCore;
using Zaitaku.Data.Changes;

namespace Zaitaku.Data.Work;

/// <summary>
/// Sends a staff member's presence change to every node's boards: a NOTIFY on PostgreSQL (inside the caller's
/// transaction when there is one, so it is heard at commit and only if it commits), in-process on SQLite.
/// Registered as a workday observer by every face that writes workdays (console and gateway portal).
/// </summary>
public sealed class PresenceSignal(ZaitakuDb db, PresenceChanges changes) : IWorkdayObserver
{
    public Task WorkdayChangedAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) => SendAsync(tenantId, staffId, cancellationToken);

    public async Task SendAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken = default)
    {
        if (db.IsPostgres)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [PresenceChanges.Channel, PresenceChanges.Payload(tenantId, staffId)], cancellationToken);
        else
            changes.Raise(tenantId, staffId);
    }
}
