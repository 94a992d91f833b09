namespace Zaitaku.Organization;

/// <summary>
/// A municipality (自治体) — the tenant. Every record of the organisation belongs to exactly one
/// tenant, and no tenant ever sees another's data.
/// </summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>The local government code (全国地方公共団体コード, six digits), e.g. 132136 for 東村山市.</summary>
    public required string Code { get; set; }

    /// <summary>The municipality's name, e.g. 東村山市.</summary>
    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many years audit records are kept before a purge may remove them (default 5).</summary>
    public int AuditRetentionYears { get; set; } = 5;

    /// <summary>Whether every staff member, not only the administrative roles, must use a second factor in the console.</summary>
    public bool RequireMfaForAllStaff { get; set; }

    /// <summary>The shortest password allowed (default 12).</summary>
    public int PasswordMinLength { get; set; } = Identity.PasswordPolicy.DefaultMinLength;

    /// <summary>False for a municipality that has left the deployment; its users cannot sign in.</summary>
    public bool Active { get; set; } = true;
}

/// <summary>A record that belongs to one tenant; every query of it is scoped to the caller's tenant.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
