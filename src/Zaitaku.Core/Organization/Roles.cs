namespace Zaitaku.Organization;

/// <summary>What a user may do in a tenant. A user can hold several roles.</summary>
public enum Role
{
    /// <summary>職員 — asks for telework, records the workday.</summary>
    Staff,

    /// <summary>所属長 — the head of a section, who approves telework for the sections assigned.</summary>
    SectionHead,

    /// <summary>情報政策課 — the IT department: systems, routes, devices, the audit log.</summary>
    ItAdmin,

    /// <summary>人事課 — HR: staff list, work rules, reports.</summary>
    HrAdmin,

    /// <summary>監査 — read-only access to audit logs and reports.</summary>
    Auditor,

    /// <summary>The tenant's administrator: organisation, accounts, roles, API tokens.</summary>
    TenantAdmin,
}

/// <summary>A role held by a user in their tenant; a section head's assignment names the section.</summary>
public sealed class RoleAssignment : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public Role Role { get; set; }

    /// <summary>For <see cref="Role.SectionHead"/>: the section headed.</summary>
    public Guid? SectionId { get; set; }

    public static LocalizedText Label(Role role) => role switch
    {
        Role.Staff => new("職員", "Staff"),
        Role.SectionHead => new("所属長", "Section head"),
        Role.ItAdmin => new("情報政策課（IT管理者）", "IT administrator"),
        Role.HrAdmin => new("人事課（人事管理者）", "HR administrator"),
        Role.Auditor => new("監査", "Auditor"),
        _ => new("自治体管理者", "Tenant administrator"),
    };

    /// <summary>Roles that must sign in with a second factor whatever the tenant says.</summary>
    public static bool RequiresSecondFactor(Role role) => role is Role.ItAdmin or Role.HrAdmin or Role.Auditor or Role.TenantAdmin;
}
