namespace Zaitaku.Data.Tenancy;

/// <summary>
/// The tenant and actor of the current unit of work (a request, a CLI verb). The database filters
/// every tenant-owned query by <see cref="TenantId"/>; with none set, tenant-owned queries return
/// nothing: a forgotten scope fails closed.
/// </summary>
public sealed class TenantContext
{
    /// <summary>The tenant whose data may be read and written; null for none.</summary>
    public Guid? TenantId { get; private set; }

    /// <summary>The user acting, for the audit trail.</summary>
    public Guid? ActorUserId { get; private set; }

    /// <summary>The actor as people read it (sign-in ID and name, API token, "system").</summary>
    public string ActorName { get; private set; } = "system";

    /// <summary>The client address, for the audit trail.</summary>
    public string IpAddress { get; set; } = "";

    public void SetTenant(Guid? tenantId) => TenantId = tenantId;

    public void SetActor(Guid? userId, string name)
    {
        ActorUserId = userId;
        ActorName = name;
    }
}
