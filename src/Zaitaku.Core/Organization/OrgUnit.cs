namespace Zaitaku.Organization;

/// <summary>The level of a unit in the organisation tree.</summary>
public enum OrgUnitKind
{
    /// <summary>部 / 局 — a department.</summary>
    Department,

    /// <summary>課 / 室 — a section; staff belong to sections.</summary>
    Section,

    /// <summary>係 / 担当 — a unit inside a section; staff may belong to units too.</summary>
    Unit,
}

/// <summary>A department, section or unit (部・課・係), with a code unique in its tenant.</summary>
public sealed class OrgUnit : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The unit's code as the HR system knows it (所属コード); the staff import refers to it.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public OrgUnitKind Kind { get; set; }

    /// <summary>The department a section belongs to, or the section a unit belongs to; null for a department.</summary>
    public Guid? ParentId { get; set; }

    public int SortOrder { get; set; }

    public bool Active { get; set; } = true;

    public static LocalizedText KindLabel(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Department => new("部局", "Department"),
        OrgUnitKind.Section => new("課・室", "Section"),
        _ => new("係・担当", "Unit"),
    };
}
