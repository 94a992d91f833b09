using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;

namespace Zaitaku.Data.Changes;

/// <summary>
/// Tells the gateways of this process that something their access policy reads has changed for a
/// tenant: a device revoked, a staff member deactivated, an approval, a workday started or ended, a
/// system, route or setting edited, a session ended. On PostgreSQL the change travels as a NOTIFY
/// sent inside the saving transaction (so every node hears it at commit, and only if it commits); on
/// SQLite (one node) it is raised in-process after the commit.
/// </summary>
public sealed class PolicyChanges
{
    /// <summary>The PostgreSQL channel of the notifications.</summary>
    public const string Channel = "zaitaku_policy";

    private static readonly HashSet<Type> Relevant =
    [
        typeof(Tenant), typeof(StaffMember), typeof(UserAccount), typeof(SignInSession),
        typeof(Zaitaku.Systems.RegisteredSystem), typeof(Zaitaku.Systems.RegisteredRoute), typeof(Zaitaku.Systems.GatewaySettings),
    ];

    // Changes of these alone do not change any decision (and happen on every request or sign-in).
    private static readonly HashSet<string> Ignored =
    [
        "LastSeenAt", "LastSignInAt", "AccessFailedCount", "LockoutEnd", "ConcurrencyStamp", "TotpLastStep", "NameKey", "KanaKey", "LastUsedAt",
    ];

    /// <summary>Raised with the tenant whose policy changed (on a thread-pool thread; keep handlers short).</summary>
    public event Action<Guid>? Changed;

    /// <summary>Adds entity types that the gateway's policy reads (features register theirs at start-up).</summary>
    public static void Register(params Type[] types)
    {
        lock (Relevant)
        {
            foreach (var type in types) Relevant.Add(type);
        }
    }

    public void Raise(Guid tenantId) => Changed?.Invoke(tenantId);

    /// <summary>PostgreSQL: announces the tenant's change on <see cref="Channel"/> in the context's current transaction (heard by every node when it commits).</summary>
    internal static Task NotifyAsync(ZaitakuDb db, Guid tenantId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, tenantId.ToString()], cancellationToken);

    /// <summary>The tenants whose policy the tracked changes (and rows written in bulk) touch.</summary>
    internal static HashSet<Guid> Affected(ChangeTracker tracker, IEnumerable<(Type Type, List<object> Rows)> bulk)
    {
        var tenants = new HashSet<Guid>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            bool relevant;
            lock (Relevant) relevant = Relevant.Contains(entry.Metadata.ClrType);
            if (!relevant) continue;
            if (entry.State == EntityState.Modified && !entry.Properties.Any(p => p.IsModified && !Ignored.Contains(p.Metadata.Name))) continue;
            if (TenantOf(entry.Entity) is { } tenant) tenants.Add(tenant);
        }
        foreach (var (type, rows) in bulk)
        {
            bool relevant;
            lock (Relevant) relevant = Relevant.Contains(type);
            if (!relevant) continue;
            foreach (var row in rows)
            {
                if (TenantOf(row) is { } tenant) tenants.Add(tenant);
            }
        }
        return tenants;
    }

    private static Guid? TenantOf(object entity) => entity switch
    {
        ITenantOwned owned => owned.TenantId,
        Tenant tenant => tenant.Id,
        UserAccount account => account.TenantId,
        SignInSession session => session.TenantId,
        _ => null,
    };
}
