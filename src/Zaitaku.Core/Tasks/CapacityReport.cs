namespace Zaitaku.Tasks;

/// <summary>The level a <see cref="CapacityFigures"/> counts.</summary>
public enum CapacityScope
{
    /// <summary>The whole municipality (自治体全体).</summary>
    Municipality,

    /// <summary>A department (部).</summary>
    Department,

    /// <summary>A section (所属・課).</summary>
    Section,
}

/// <summary>A share of staff at home to compare capacity against.</summary>
/// <param name="Code">Stable code, e.g. <c>emergency</c>.</param>
/// <param name="Name">What the target is, for screens.</param>
/// <param name="HomeShare">The share of staff at home on a day that meets it (0..1).</param>
public sealed record CapacityTarget(string Code, LocalizedText Name, decimal HomeShare)
{
    /// <summary>A pilot's lower end: 20% (Higashimurayama expected 20–25% of staff eligible).</summary>
    public static readonly CapacityTarget PilotLow = new("pilot_low", new("試行（20%）", "pilot (20%)"), 0.20m);

    /// <summary>A pilot's upper end: 25%.</summary>
    public static readonly CapacityTarget PilotHigh = new("pilot_high", new("試行（25%）", "pilot (25%)"), 0.25m);

    /// <summary>The 2020 emergency request: 70% fewer staff in the office (出勤者7割削減), i.e. 70% at home.</summary>
    public static readonly CapacityTarget Emergency = new("emergency", new("緊急時：出勤者7割削減", "emergency: 70% fewer in the office"), 0.70m);

    /// <summary>The targets shown unless a tenant sets its own.</summary>
    public static readonly IReadOnlyList<CapacityTarget> Defaults = [PilotLow, PilotHigh, Emergency];
}

/// <summary>Capacity against one target.</summary>
/// <param name="Target">The target.</param>
/// <param name="RequiredStaff">Staff at home the target needs: ⌈share × staff⌉.</param>
/// <param name="GapStaff">Capacity minus the need: positive is room to spare, negative is the shortfall.</param>
public sealed record TargetGap(CapacityTarget Target, int RequiredStaff, int GapStaff)
{
    /// <summary>True when capacity reaches the target.</summary>
    public bool Met => GapStaff >= 0;
}

/// <summary>How much one reason blocks working from home.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Staff">Staff not eligible for home who do a task blocked by it.</param>
/// <param name="TaskTimeFte">Working time on tasks blocked by it, in full-time staff (a staff member's listed time is 1).</param>
/// <param name="Tasks">Tasks blocked by it.</param>
public sealed record ReasonCount(TaskReasonKind Kind, int Staff, double TaskTimeFte, int Tasks)
{
    /// <summary>The reason's stable code.</summary>
    public string Code => Kind.Code();

    /// <summary>The reason's name for screens.</summary>
    public LocalizedText Name => Kind.Name();
}

/// <summary>Capacity of one section, one department or the municipality.</summary>
/// <param name="Scope">The level.</param>
/// <param name="Id">The section or department id; empty for the municipality.</param>
/// <param name="Name">Its name.</param>
/// <param name="DepartmentId">The department of a section; null otherwise.</param>
/// <param name="Staff">Staff counted.</param>
/// <param name="Home">Staff eligible for home.</param>
/// <param name="Rotation">Staff eligible for home in rotation.</param>
/// <param name="Office">Staff who need the office.</param>
/// <param name="AtHomeOnTypicalDay">Staff who can be at home on a day: home + ⌊rotation / 2⌋ per section (the planner's rotation rule), summed upwards.</param>
/// <param name="Blocking">Reasons that keep work in the office, most staff first.</param>
/// <param name="Targets">Capacity against each target.</param>
public sealed record CapacityFigures(
    CapacityScope Scope,
    string Id,
    string Name,
    string? DepartmentId,
    int Staff,
    int Home,
    int Rotation,
    int Office,
    int AtHomeOnTypicalDay,
    IReadOnlyList<ReasonCount> Blocking,
    IReadOnlyList<TargetGap> Targets)
{
    /// <summary>Share of staff who can be at home on a day (0..1).</summary>
    public decimal HomeShare => Staff == 0 ? 0m : (decimal)AtHomeOnTypicalDay / Staff;
}

/// <summary>Telework capacity at every level, and each staff member's eligibility for the planner.</summary>
/// <param name="Municipality">The whole municipality.</param>
/// <param name="Departments">Each department, in order of first appearance.</param>
/// <param name="Sections">Each section, in the order given.</param>
/// <param name="Staff">Each staff member's eligibility, in the order given.</param>
/// <param name="Rule">The rule eligibility was computed with.</param>
public sealed record CapacityReport(
    CapacityFigures Municipality,
    IReadOnlyList<CapacityFigures> Departments,
    IReadOnlyList<CapacityFigures> Sections,
    IReadOnlyList<StaffEligibility> Staff,
    EligibilityRule Rule);
