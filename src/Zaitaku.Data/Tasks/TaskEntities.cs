using Zaitaku.Organization;
using Zaitaku.Tasks;

namespace Zaitaku.Data.Tasks;

/// <summary>
/// 業務 — one task of a section's inventory (業務棚卸し) as stored: what decides whether it can be
/// done from home, and the section head's decision if one overrides the computed class. The pure
/// record the rules read is <see cref="WorkTask"/>.
/// </summary>
public sealed class InventoryTask : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>業務ID — unique in the tenant; the key of the import file.</summary>
    public required string Code { get; set; }

    /// <summary>The section (課・室) whose task it is.</summary>
    public Guid SectionId { get; set; }

    /// <summary>業務名, e.g. 「予算要求資料の作成」.</summary>
    public required string Name { get; set; }

    /// <summary>A note on what the task involves, for the section's own reading.</summary>
    public string? Description { get; set; }

    /// <summary>窓口業務: serving visitors in person.</summary>
    public bool CounterWork { get; set; }

    /// <summary>Handles highly confidential personal data (機微な個人情報).</summary>
    public bool ConfidentialPersonalData { get; set; }

    /// <summary>The registered internal systems (<c>Systems</c> table) the task needs.</summary>
    public List<Guid> SystemIds { get; set; } = [];

    /// <summary>How often paper originals (紙の原本) must be handled.</summary>
    public Frequency PaperOriginals { get; set; }

    /// <summary>How often people must work in the same room (対面での作業).</summary>
    public Frequency SameRoom { get; set; }

    /// <summary>所属長の判断 — the class the section head decided; null when the computed class stands.</summary>
    public TeleworkClass? OverrideClass { get; set; }

    /// <summary>The section head's written justification (10 to 1,000 characters).</summary>
    public string? OverrideJustification { get; set; }

    /// <summary>The account that decided.</summary>
    public Guid? OverrideByUserId { get; set; }

    /// <summary>Who decided, as people read it (sign-in ID and name).</summary>
    public string? OverrideByName { get; set; }

    /// <summary>When the decision was made (UTC).</summary>
    public DateTimeOffset? OverrideAt { get; set; }

    public int SortOrder { get; set; }

    /// <summary>The decision as the rules read it, or null.</summary>
    public TaskOverride? Override => OverrideClass is { } decided
        ? new TaskOverride(decided, OverrideJustification ?? "", OverrideByName ?? "", OverrideAt ?? DateTimeOffset.MinValue)
        : null;
}

/// <summary>A staff member does a task for a share of their working time (担当割合).</summary>
public sealed class TaskAssignmentEntry : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid TaskId { get; set; }

    public Guid StaffId { get; set; }

    /// <summary>Share of the staff member's working time, 1..100; a staff member's shares add up to at most 100.</summary>
    public int Percent { get; set; }
}

/// <summary>
/// How many staff a section keeps in the office each day (rule 3 of the planner), in normal
/// operations and in an emergency (BCP: the essential services' minimum staffing).
/// </summary>
public sealed class SectionStaffing : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SectionId { get; set; }

    /// <summary>Staff in the office each day in normal operations (at least this many of those present).</summary>
    public int MinOffice { get; set; } = SectionStaffingDefaults.MinOffice;

    /// <summary>Share of present staff in the office each day in normal operations, in percent (rounded up).</summary>
    public int MinOfficePercent { get; set; } = SectionStaffingDefaults.MinOfficePercent;

    /// <summary>最低限の出勤者 in an emergency: staff the essential services need in the office each day.</summary>
    public int EmergencyMinOffice { get; set; } = SectionStaffingDefaults.EmergencyMinOffice;

    /// <summary>Share of present staff the essential services need in the office in an emergency, in percent.</summary>
    public int EmergencyMinOfficePercent { get; set; } = SectionStaffingDefaults.EmergencyMinOfficePercent;
}

/// <summary>What a section keeps in the office when it has set nothing.</summary>
public static class SectionStaffingDefaults
{
    /// <summary>One person answers the section's phone and visitors on every day.</summary>
    public const int MinOffice = 1;

    public const int MinOfficePercent = 0;

    /// <summary>In an emergency too, one person keeps the section reachable.</summary>
    public const int EmergencyMinOffice = 1;

    public const int EmergencyMinOfficePercent = 0;
}

/// <summary>The tenant's settings of the task inventory and the planner (one row a tenant; defaults until saved).</summary>
public sealed class TaskSettings : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Largest office-bound share of a staff member's time (%) for 在宅可 (<see cref="EligibilityRule"/>).</summary>
    public int HomeMaxOfficeBoundPercent { get; set; } = 20;

    /// <summary>Largest office-bound share (%) for 交代制なら可.</summary>
    public int RotationMaxOfficeBoundPercent { get; set; } = 50;

    /// <summary>The normal plan's default cap on home staff-days, as a share of present staff-days (%); null for none.</summary>
    public int? PlanTargetPercent { get; set; } = 25;

    /// <summary>Telework PCs available each day when the device register (issue 3) has none: entered by HR.</summary>
    public int? TeleworkPcs { get; set; }

    /// <summary>At most this many home days a week in an emergency (BCP).</summary>
    public int EmergencyMaxHomeDaysPerWeek { get; set; } = 5;

    /// <summary>At least this many office days a week in an emergency (0: whole weeks at home allowed).</summary>
    public int EmergencyMinOfficeDaysPerWeek { get; set; }

    /// <summary>The eligibility rule of these settings.</summary>
    public EligibilityRule Rule => new(HomeMaxOfficeBoundPercent, RotationMaxOfficeBoundPercent);
}

/// <summary>What a plan covers.</summary>
public enum PlanScope
{
    /// <summary>One section (所属).</summary>
    Section,

    /// <summary>A department (部) and its sections.</summary>
    Department,

    /// <summary>The whole municipality (全庁).</summary>
    Municipality,
}

/// <summary>Normal operations or the emergency (BCP) mode.</summary>
public enum PlanMode
{
    /// <summary>通常 — within the work rules, with an optional target on home days.</summary>
    Normal,

    /// <summary>緊急時（BCP） — the largest office reduction essential services allow, teams A/B.</summary>
    Emergency,
}

/// <summary>Where a saved plan stands.</summary>
public enum PlanState
{
    /// <summary>計算中 — the planner is working on it.</summary>
    Solving,

    /// <summary>計算済み — a plan (or the reasons there is none) waits for a decision.</summary>
    Solved,

    /// <summary>中断 — the solve stopped without a result (the server stopped, or an error).</summary>
    Failed,

    /// <summary>確定 — accepted: telework requests were created from it.</summary>
    Accepted,

    /// <summary>破棄 — set aside without accepting.</summary>
    Discarded,
}

/// <summary>
/// A rotation plan asked for in the console: its period and scope, the planner's instance (built
/// from the inventory, rules, PCs and pinned days) and its answer, and what became of it.
/// The instance and plan are stored as gzip-compressed JSON (INSTANCE.json / PLAN.json formats).
/// </summary>
public sealed class RotationPlanRecord : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public PlanMode Mode { get; set; }

    public PlanScope Scope { get; set; }

    /// <summary>The section or department planned; null for the municipality.</summary>
    public Guid? UnitId { get; set; }

    /// <summary>First day of the period (Asia/Tokyo).</summary>
    public DateOnly From { get; set; }

    /// <summary>Last day of the period.</summary>
    public DateOnly To { get; set; }

    public PlanState State { get; set; }

    /// <summary>Staff planned.</summary>
    public int StaffCount { get; set; }

    /// <summary>Working days planned.</summary>
    public int DayCount { get; set; }

    /// <summary>Telework PCs assumed available each day.</summary>
    public int DevicePool { get; set; }

    /// <summary>Cap on home staff-days (normal operations), or null.</summary>
    public int? TargetHomeDays { get; set; }

    /// <summary>INSTANCE.json, gzip.</summary>
    public byte[] InstanceData { get; set; } = [];

    /// <summary>PLAN.json with the explanation's inputs, gzip; empty until solved.</summary>
    public byte[] PlanData { get; set; } = [];

    /// <summary>optimal, feasible or infeasible; null until solved.</summary>
    public string? Outcome { get; set; }

    public int HomeDays { get; set; }

    public int Bound { get; set; }

    /// <summary>Solve time in milliseconds.</summary>
    public long ElapsedMs { get; set; }

    /// <summary>The solve's time limit in seconds.</summary>
    public int TimeLimitSeconds { get; set; }

    /// <summary>Why the solve failed, when it did.</summary>
    public string? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }

    public string CreatedByName { get; set; } = "";

    public DateTimeOffset? SolvedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedByName { get; set; }

    /// <summary>Telework days created as approved when accepted.</summary>
    public int RequestsApproved { get; set; }

    /// <summary>Telework days created waiting for approval when accepted.</summary>
    public int RequestsPending { get; set; }
}
