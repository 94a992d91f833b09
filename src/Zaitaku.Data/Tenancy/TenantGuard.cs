using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Zaitaku.Organization;

namespace Zaitaku.Data.Tenancy;

/// <summary>Refuses to save a record into, or out of, a tenant other than the current one.</summary>
internal static class TenantGuard
{
    public static void Check(ChangeTracker tracker, TenantContext tenant)
    {
        foreach (var entry in tracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty && tenant.TenantId is { } current)
                entry.Entity.TenantId = current;
            if (tenant.TenantId is null || entry.Entity.TenantId != tenant.TenantId)
                throw new TenantViolationException(entry.Metadata.ClrType.Name, entry.Entity.TenantId, tenant.TenantId);
            if (entry.State == EntityState.Modified && entry.Property(nameof(ITenantOwned.TenantId)).IsModified)
                throw new TenantViolationException(entry.Metadata.ClrType.Name, entry.Entity.TenantId, tenant.TenantId);
        }
    }
}

/// <summary>A write into a tenant other than the current one: a programming error, refused.</summary>
public sealed class TenantViolationException(string entity, Guid entityTenant, Guid? currentTenant)
    : InvalidOperationException($"Refused to save {entity} of tenant {entityTenant} while the current tenant is {currentTenant?.ToString() ?? "none"}.");
