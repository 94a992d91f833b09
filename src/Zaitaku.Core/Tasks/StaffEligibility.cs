namespace Zaitaku.Tasks;

/// <summary>
/// How a staff member's eligibility follows from the tasks they do (work is chosen by task, not
/// by section). The office-bound share of their time is office-only tasks plus half of rotation
/// tasks (a rotation task is done at home on half the days, as in the worked example). Staff
/// whose office-bound share fits in the office days the work rules keep anyway (1 day in 5 =
/// 20%) are <c>home</c>; those whose share fits in every other day (50%) are <c>rotation</c>;
/// the rest are <c>office</c>. Staff with no task listed are <c>office</c> until listed.
/// </summary>
/// <param name="HomeMaxOfficeBoundPercent">Largest office-bound share (% of listed time) for <c>home</c>; 20 matches at least one office day a week.</param>
/// <param name="RotationMaxOfficeBoundPercent">Largest office-bound share for <c>rotation</c>; 50 matches every other day at home.</param>
public sealed record EligibilityRule(int HomeMaxOfficeBoundPercent = 20, int RotationMaxOfficeBoundPercent = 50)
{
    /// <summary>The default: 20% and 50%.</summary>
    public static readonly EligibilityRule Default = new();

    /// <summary>
    /// The eligibility of listed time shares (any scale; only their ratio counts). Integer
    /// arithmetic, so that a share exactly at a bound is inside it.
    /// </summary>
    public TeleworkClass Classify(int homePercent, int rotationPercent, int officePercent)
    {
        long total = homePercent + rotationPercent + officePercent;
        if (total <= 0) return TeleworkClass.Office;

        // (office + rotation / 2) / total ≤ bound / 100, doubled to stay in integers.
        long officeBound200 = (2L * officePercent + rotationPercent) * 100;
        if (officeBound200 <= 2L * HomeMaxOfficeBoundPercent * total) return TeleworkClass.Home;
        if (officeBound200 <= 2L * RotationMaxOfficeBoundPercent * total) return TeleworkClass.Rotation;
        return TeleworkClass.Office;
    }

    /// <summary>The first problem of the rule, or null: 0 ≤ home bound ≤ rotation bound ≤ 100.</summary>
    public TaskInputError? Validate()
    {
        if (HomeMaxOfficeBoundPercent is < 0 or > 100)
        {
            return new TaskInputError(TaskErrorCodes.OutOfRange, "homeMaxOfficeBoundPercent", "0～100 で指定してください", "must be 0..100");
        }

        if (RotationMaxOfficeBoundPercent < HomeMaxOfficeBoundPercent || RotationMaxOfficeBoundPercent > 100)
        {
            return new TaskInputError(TaskErrorCodes.OutOfRange, "rotationMaxOfficeBoundPercent",
                "在宅可の上限以上、100 以下で指定してください", "must be at least the home bound and at most 100");
        }

        return null;
    }
}

/// <summary>A staff member's eligibility and what it comes from.</summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="SectionId">Their section.</param>
/// <param name="Eligibility">The planner's eligibility: home, rotation or office.</param>
/// <param name="HomePercent">Listed time on tasks that can be done from home.</param>
/// <param name="RotationPercent">Listed time on tasks possible at home in rotation.</param>
/// <param name="OfficePercent">Listed time on office-only tasks.</param>
/// <param name="Reasons">The reasons of their tasks that are not 在宅可 (<c>no_tasks_listed</c> when none is listed).</param>
public sealed record StaffEligibility(string StaffId, string SectionId, TeleworkClass Eligibility, int HomePercent, int RotationPercent, int OfficePercent, TaskReasonSet Reasons)
{
    /// <summary>Office-bound share of the listed time, in percent: office-only time plus half of rotation time.</summary>
    public decimal OfficeBoundPercent
    {
        get
        {
            var total = HomePercent + RotationPercent + OfficePercent;
            return total == 0 ? 100m : (OfficePercent + RotationPercent / 2m) * 100m / total;
        }
    }
}
