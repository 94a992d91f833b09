namespace Zaitaku.Planning;

/// <summary>
/// 在宅勤務の交代計画の問題 — one planning problem: the working days of a period, the work rules,
/// the telework PCs, the sections and their staff. Read from INSTANCE.json by
/// <see cref="RotationInstanceJson.Read(string)"/>, which also validates it.
/// </summary>
public sealed record RotationInstance
{
    /// <summary>The working days of the period (Asia/Tokyo dates), in the order the plan lists them.</summary>
    public required IReadOnlyList<DateOnly> Days { get; init; }

    /// <summary>The weekly rules of the tenant's telework regulation.</summary>
    public required RotationRules Rules { get; init; }

    /// <summary>Telework PCs available on each day (rule 5).</summary>
    public required int DevicePool { get; init; }

    /// <summary>Optional cap on home staff-days over the period (rule 6, normal operations); null in emergency mode.</summary>
    public int? TargetHomeDays { get; init; }

    /// <summary>The sections (所属) with their office minimums.</summary>
    public required IReadOnlyList<RotationSection> Sections { get; init; }

    /// <summary>The staff (職員) to plan.</summary>
    public required IReadOnlyList<RotationStaff> Staff { get; init; }
}

/// <summary>The weekly limits of rule 2, per calendar week (Monday–Sunday).</summary>
public sealed record RotationRules
{
    /// <summary>At most this many home days in a week.</summary>
    public required int MaxHomeDaysPerWeek { get; init; }

    /// <summary>At least this many office days in a week (fewer when the staff member is present on fewer days).</summary>
    public required int MinOfficeDaysPerWeek { get; init; }
}

/// <summary>A section (所属) and how many of its present staff must be in the office each day (rule 3).</summary>
public sealed record RotationSection
{
    /// <summary>Section id, unique in the instance.</summary>
    public required string Id { get; init; }

    /// <summary>Minimum staff in the office each day (capped by the staff present).</summary>
    public required int MinOffice { get; init; }

    /// <summary>Minimum share (0..1) of present staff in the office each day, rounded up; exact decimal so 0.3 × 10 is 3.</summary>
    public required decimal MinOfficeShare { get; init; }
}

/// <summary>What a staff member's tasks allow (業務単位の在宅可否).</summary>
public enum Eligibility
{
    /// <summary>在宅可 — the work can be done from home.</summary>
    Home,

    /// <summary>交代制なら可 — from home in rotation: at most half of a section's rotation staff at home on a day.</summary>
    Rotation,

    /// <summary>不可 — office only.</summary>
    Office,
}

/// <summary>A staff member (職員) to place at home or in the office on each day.</summary>
public sealed record RotationStaff
{
    /// <summary>Staff id, unique in the instance.</summary>
    public required string Id { get; init; }

    /// <summary>Id of the staff member's section.</summary>
    public required string Section { get; init; }

    /// <summary>Whether the staff member's work can be done from home.</summary>
    public required Eligibility Eligibility { get; init; }

    /// <summary>Days on leave (休暇): exactly these days are <c>leave</c> in the plan.</summary>
    public IReadOnlyList<DateOnly> Leave { get; init; } = [];

    /// <summary>Days that must not be home (e.g. a meeting or counter duty).</summary>
    public IReadOnlyList<DateOnly> FixedOffice { get; init; } = [];

    /// <summary>Days already approved for telework (承認済み): pinned at home. An extension of the format.</summary>
    public IReadOnlyList<DateOnly> FixedHome { get; init; } = [];

    /// <summary>Days the staff member would like to be at home (second objective).</summary>
    public IReadOnlyList<DateOnly> PrefersHome { get; init; } = [];

    /// <summary>Whether a day at home takes a telework PC from the pool (false e.g. for phone-and-mail-only work).</summary>
    public bool NeedsDevice { get; init; } = true;
}
