using Zaitaku.Organization;

namespace Zaitaku.Work;

/// <summary>
/// A tenant's work rules for telework (勤務規程・服務規程), each with the default DOMAIN.md gives.
/// Checked when a request is made and again when it is approved; vary them with <c>with { ... }</c>.
/// </summary>
public sealed record WorkRules
{
    /// <summary>The rules a new tenant starts with.</summary>
    public static readonly WorkRules Default = new();

    /// <summary>所属長の承認 — each telework day needs the section head's approval; when false a valid request is approved as it is made.</summary>
    public bool ApprovalRequired { get; init; } = true;

    /// <summary>Whether probationary staff (条件付採用) may telework; not unless the tenant says so.</summary>
    public bool ProbationaryEligible { get; init; }

    /// <summary>Whether fiscal-year appointed staff (会計年度任用職員) may telework; not unless the tenant says so.</summary>
    public bool FiscalYearAppointedEligible { get; init; }

    /// <summary>Whether re-employed staff (再任用職員) may telework.</summary>
    public bool ReemployedEligible { get; init; } = true;

    /// <summary>At most this many telework days in a week (Monday to Sunday).</summary>
    public int MaxTeleworkDaysPerWeek { get; init; } = 4;

    /// <summary>At least this many of a week's working days in the office (some towns keep 3).</summary>
    public int MinOfficeDaysPerWeek { get; init; } = 1;

    /// <summary>時間外勤務 while teleworking only when approved before the overtime.</summary>
    public bool OvertimeRequiresApproval { get; init; } = true;

    /// <summary>Minutes past the end of work (or of approved overtime) before a day at home counts as unapproved overtime.</summary>
    public int OvertimeGraceMinutes { get; init; } = 15;

    /// <summary>始業 — start of working hours, Asia/Tokyo wall clock.</summary>
    public TimeOnly WorkStart { get; init; } = new(8, 30);

    /// <summary>終業 — end of working hours, Asia/Tokyo wall clock.</summary>
    public TimeOnly WorkEnd { get; init; } = new(17, 15);

    /// <summary>Start of the standard break (休憩), applied to a day on which no break was recorded.</summary>
    public TimeOnly BreakStart { get; init; } = new(12, 0);

    /// <summary>End of the standard break.</summary>
    public TimeOnly BreakEnd { get; init; } = new(13, 0);

    /// <summary>A request must be made at least this many days before the day (0: on the day itself).</summary>
    public int MinDaysAhead { get; init; } = 1;

    /// <summary>A request may be made at most this many days before the day.</summary>
    public int MaxDaysAhead { get; init; } = 92;

    /// <summary>在宅勤務等手当 — the monthly telework allowance in yen.</summary>
    public long AllowanceYen { get; init; } = 3_000;

    /// <summary>The allowance is due when telework days average more than this many a month.</summary>
    public int AllowanceThresholdDays { get; init; } = 10;

    /// <summary>How many months (the paid month and those before it) the average is taken over.</summary>
    public int AllowanceAveragingMonths { get; init; } = 1;

    /// <summary>The standard day's working minutes: working hours less the standard break.</summary>
    public int StandardDayMinutes => (int)((WorkEnd - WorkStart).TotalMinutes - StandardBreakMinutes);

    /// <summary>The standard break in minutes.</summary>
    public int StandardBreakMinutes => (int)(BreakEnd - BreakStart).TotalMinutes;

    /// <summary>Whether staff of the employment type may telework at all.</summary>
    public bool IsEligible(EmploymentType employment) => employment switch
    {
        EmploymentType.Regular => true,
        EmploymentType.Probationary => ProbationaryEligible,
        EmploymentType.FiscalYearAppointed => FiscalYearAppointedEligible,
        _ => ReemployedEligible,
    };

    /// <summary>Every problem of the rules themselves; empty when they can be saved.</summary>
    public IReadOnlyList<WorkRuleProblem> Validate()
    {
        var problems = new List<WorkRuleProblem>();
        void Range(WorkRuleField field, int value, int min, int max)
        {
            if (value < min || value > max)
                problems.Add(new(field, new($"{min}〜{max}の範囲で入力してください", $"must be {min} to {max}")));
        }
        Range(WorkRuleField.MaxTeleworkDaysPerWeek, MaxTeleworkDaysPerWeek, 0, 7);
        Range(WorkRuleField.MinOfficeDaysPerWeek, MinOfficeDaysPerWeek, 0, 7);
        Range(WorkRuleField.OvertimeGraceMinutes, OvertimeGraceMinutes, 0, 120);
        Range(WorkRuleField.MinDaysAhead, MinDaysAhead, 0, 60);
        Range(WorkRuleField.MaxDaysAhead, MaxDaysAhead, 1, 366);
        Range(WorkRuleField.AllowanceThresholdDays, AllowanceThresholdDays, 0, 31);
        Range(WorkRuleField.AllowanceAveragingMonths, AllowanceAveragingMonths, 1, 12);
        if (AllowanceYen is < 0 or > 1_000_000)
            problems.Add(new(WorkRuleField.AllowanceYen, new("0〜1,000,000円の範囲で入力してください", "must be 0 to 1,000,000 yen")));
        if (MaxDaysAhead < MinDaysAhead)
            problems.Add(new(WorkRuleField.MaxDaysAhead, new("「何日前まで」より後の日数にしてください", "must be at least the minimum days ahead")));
        if (WorkEnd <= WorkStart)
            problems.Add(new(WorkRuleField.WorkEnd, new("始業時刻より後の時刻にしてください", "must be after the start of work")));
        if (BreakEnd < BreakStart)
            problems.Add(new(WorkRuleField.BreakEnd, new("休憩開始より後の時刻にしてください", "must be after the start of the break")));
        else if (BreakStart < WorkStart || BreakEnd > WorkEnd)
            problems.Add(new(WorkRuleField.BreakStart, new("休憩は勤務時間内にしてください", "the break must lie within working hours")));
        return problems;
    }

    /// <summary>The rule's name as screens and messages show it.</summary>
    public static LocalizedText Label(WorkRuleField field) => field switch
    {
        WorkRuleField.ApprovalRequired => new("所属長の承認", "Section head's approval"),
        WorkRuleField.ProbationaryEligible => new("条件付採用職員の対象", "Probationary staff eligible"),
        WorkRuleField.FiscalYearAppointedEligible => new("会計年度任用職員の対象", "Fiscal-year staff eligible"),
        WorkRuleField.ReemployedEligible => new("再任用職員の対象", "Re-employed staff eligible"),
        WorkRuleField.MaxTeleworkDaysPerWeek => new("週の在宅勤務の上限日数", "Most telework days a week"),
        WorkRuleField.MinOfficeDaysPerWeek => new("週の出勤の最低日数", "Fewest office days a week"),
        WorkRuleField.OvertimeRequiresApproval => new("在宅での時間外勤務の事前承認", "Prior approval of overtime at home"),
        WorkRuleField.OvertimeGraceMinutes => new("時間外勤務とみなすまでの猶予（分）", "Grace before overtime (minutes)"),
        WorkRuleField.WorkStart => new("始業時刻", "Start of work"),
        WorkRuleField.WorkEnd => new("終業時刻", "End of work"),
        WorkRuleField.BreakStart => new("休憩開始", "Break from"),
        WorkRuleField.BreakEnd => new("休憩終了", "Break until"),
        WorkRuleField.MinDaysAhead => new("申請期限（何日前まで）", "Ask at least (days ahead)"),
        WorkRuleField.MaxDaysAhead => new("申請できる期間（何日先まで）", "Ask at most (days ahead)"),
        WorkRuleField.AllowanceYen => new("在宅勤務等手当の月額（円）", "Telework allowance a month (yen)"),
        WorkRuleField.AllowanceThresholdDays => new("手当の支給基準（月平均の在宅日数がこの日数を超える）", "Allowance when telework days average more than"),
        _ => new("手当の平均をとる月数", "Months the average is taken over"),
    };
}

/// <summary>The settings of <see cref="WorkRules"/>, for naming a bad value.</summary>
public enum WorkRuleField
{
    ApprovalRequired,
    ProbationaryEligible,
    FiscalYearAppointedEligible,
    ReemployedEligible,
    MaxTeleworkDaysPerWeek,
    MinOfficeDaysPerWeek,
    OvertimeRequiresApproval,
    OvertimeGraceMinutes,
    WorkStart,
    WorkEnd,
    BreakStart,
    BreakEnd,
    MinDaysAhead,
    MaxDaysAhead,
    AllowanceYen,
    AllowanceThresholdDays,
    AllowanceAveragingMonths,
}

/// <summary>A setting of the work rules and what is wrong with it.</summary>
public sealed record WorkRuleProblem(WorkRuleField Field, LocalizedText Problem);

/// <summary>The work rules cannot be saved: every bad setting and its problem.</summary>
public sealed record WorkRulesInvalid(IReadOnlyList<WorkRuleProblem> Problems) : Error("work_rules_invalid",
    new(string.Join(" / ", Problems.Select(p => $"{WorkRules.Label(p.Field).Ja}: {p.Problem.Ja}")),
        string.Join(" / ", Problems.Select(p => $"{WorkRules.Label(p.Field).En}: {p.Problem.En}"))));
