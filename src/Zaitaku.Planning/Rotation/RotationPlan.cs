namespace Zaitaku.Planning;

/// <summary>Where a staff member is on one day of the plan.</summary>
public enum DayPlace
{
    /// <summary>出勤 — in the office.</summary>
    Office,

    /// <summary>在宅 — working from home.</summary>
    Home,

    /// <summary>休暇 — on leave.</summary>
    Leave,
}

/// <summary>How good the plan is known to be.</summary>
public enum PlanStatus
{
    /// <summary>Home staff-days equal the proven bound: no plan has more.</summary>
    Optimal,

    /// <summary>A plan keeping every rule, with home staff-days below the proven bound.</summary>
    Feasible,

    /// <summary>No plan keeps every rule (only pinned home days can cause this); see <see cref="RotationPlan.Conflicts"/>.</summary>
    Infeasible,
}

/// <summary>
/// The planner's answer, written to PLAN.json by <see cref="RotationPlanJson"/>:
/// status, home staff-days, the proven upper bound on them, and each staff member's days.
/// </summary>
public sealed record RotationPlan
{
    /// <summary>Optimal, feasible or infeasible.</summary>
    public required PlanStatus Status { get; init; }

    /// <summary>Home staff-days in the plan (0 when infeasible).</summary>
    public required int HomeDays { get; init; }

    /// <summary>A proven upper bound on the home staff-days of any plan (0 when infeasible).</summary>
    public required int Bound { get; init; }

    /// <summary>Per staff id, one place per day in the order of <see cref="RotationInstance.Days"/>; empty when infeasible.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<DayPlace>> Assignments { get; init; }

    /// <summary>prefersHome days honoured (at home) in the plan.</summary>
    public int PrefersHomeHonoured { get; init; }

    /// <summary>What cannot be met when the instance is infeasible; empty otherwise.</summary>
    public IReadOnlyList<PlanConflict> Conflicts { get; init; } = [];

    /// <summary>Wall-clock time the solve took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Relative gap (bound − homeDays) / bound, 0 when the bound is 0.</summary>
    public double Gap => Bound == 0 ? 0 : (double)(Bound - HomeDays) / Bound;
}

/// <summary>One rule that the pinned days of an infeasible instance break.</summary>
/// <param name="Rule">Which hard rule (1–6) cannot be met.</param>
/// <param name="Day">The day concerned, when the conflict is about one day.</param>
/// <param name="Section">The section concerned, if any.</param>
/// <param name="Staff">The staff member concerned, if any.</param>
/// <param name="Message">What cannot be met, with the numbers.</param>
public sealed record PlanConflict(int Rule, DateOnly? Day, string? Section, string? Staff, LocalizedText Message);
