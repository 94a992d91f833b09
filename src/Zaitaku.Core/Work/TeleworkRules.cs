using Zaitaku.Organization;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Work;

/// <summary>The rule a telework day breaks; its code is part of the public contract.</summary>
public enum TeleworkRule
{
    /// <summary>対象職員 — the employment type is not eligible.</summary>
    Eligibility,

    /// <summary>The staff member is not employed on the day.</summary>
    Employment,

    /// <summary>勤務日 — the day is a holiday, a weekend or a closure day.</summary>
    WorkingDay,

    /// <summary>The day has passed.</summary>
    Past,

    /// <summary>申請期限 — asked later than the rules allow.</summary>
    DaysAhead,

    /// <summary>Asked too far ahead.</summary>
    Horizon,

    /// <summary>The day is already asked for or approved.</summary>
    Overlap,

    /// <summary>週の上限 — more telework days in the week than the rules allow.</summary>
    WeeklyCap,

    /// <summary>週の出勤日数 — fewer office days in the week than the rules require.</summary>
    MinOfficeDays,
}

/// <summary>One day of a request and the rule it breaks, with a message naming both.</summary>
public sealed record TeleworkDayProblem(DateOnly Date, TeleworkRule Rule, LocalizedText Message)
{
    /// <summary>The stable code of the rule, e.g. <c>telework_weekly_cap</c>.</summary>
    public string Code => TeleworkRules.CodeOf(Rule);
}

/// <summary>A request (or an approval) was refused: each day and the rule it breaks. Nothing was changed.</summary>
public sealed record TeleworkRefused(IReadOnlyList<TeleworkDayProblem> Problems) : Error(
    Problems.Count == 1 ? Problems[0].Code : "telework_refused",
    new(string.Join(" / ", Problems.Select(p => p.Message.Ja)), string.Join(" / ", Problems.Select(p => p.Message.En))));

/// <summary>What the rules need to know of the staff member asking.</summary>
public sealed record TeleworkStaff(EmploymentType Employment, DateOnly ActiveFrom, DateOnly? ActiveTo)
{
    /// <summary>Whether the staff member is employed on the day.</summary>
    public bool IsActiveOn(DateOnly date) => ActiveFrom <= date && (ActiveTo is null || date <= ActiveTo);
}

/// <summary>
/// The work rules applied to telework days: when staff ask (<see cref="CheckRequest"/>) and again
/// when the section head approves (<see cref="CheckApproval"/>). Pure: the caller passes the
/// calendar, the staff member's other days and today's Tokyo date.
/// </summary>
public static class TeleworkRules
{
    /// <summary>The stable code of a rule.</summary>
    public static string CodeOf(TeleworkRule rule) => rule switch
    {
        TeleworkRule.Eligibility => "telework_ineligible",
        TeleworkRule.Employment => "telework_not_employed",
        TeleworkRule.WorkingDay => "telework_not_working_day",
        TeleworkRule.Past => "telework_in_past",
        TeleworkRule.DaysAhead => "telework_too_late",
        TeleworkRule.Horizon => "telework_too_far_ahead",
        TeleworkRule.Overlap => "telework_overlap",
        TeleworkRule.WeeklyCap => "telework_weekly_cap",
        _ => "telework_min_office_days",
    };

    /// <summary>The rule's name as the work rules page calls it.</summary>
    public static LocalizedText NameOf(TeleworkRule rule) => rule switch
    {
        TeleworkRule.Eligibility => new("対象職員", "Eligible staff"),
        TeleworkRule.Employment => new("任用期間", "Employment period"),
        TeleworkRule.WorkingDay => new("勤務日", "Working day"),
        TeleworkRule.Past => new("過去の日", "Past day"),
        TeleworkRule.DaysAhead => new("申請期限", "Deadline to ask"),
        TeleworkRule.Horizon => new("申請できる期間", "How far ahead"),
        TeleworkRule.Overlap => new("申請の重複", "Already asked"),
        TeleworkRule.WeeklyCap => new("週の在宅勤務の上限", "Weekly telework cap"),
        _ => new("週の出勤日数", "Office days a week"),
    };

    /// <summary>
    /// Checks the days a staff member asks for. <paramref name="taken"/> are their days already asked
    /// for or approved (they count toward the weekly cap and may not be asked again). Returns every
    /// day that breaks a rule, with the first rule it breaks; empty when the request may be made.
    /// </summary>
    public static IReadOnlyList<TeleworkDayProblem> CheckRequest(
        WorkRules rules, WorkCalendar calendar, TeleworkStaff staff, IEnumerable<DateOnly> days, IReadOnlyCollection<DateOnly> taken, DateOnly today)
    {
        var problems = new List<TeleworkDayProblem>();
        var asked = days.Distinct().Order().ToList();
        var takenSet = taken.ToHashSet();
        var counted = new List<DateOnly>();
        foreach (var day in asked)
        {
            var problem = DayProblem(rules, calendar, staff, day, today, forApproval: false)
                ?? (takenSet.Contains(day) ? Problem(day, TeleworkRule.Overlap, new("既に申請済みまたは承認済みの日です", "is already asked for or approved")) : null);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }
            if (WeekProblem(rules, calendar, day, takenSet.Concat(counted)) is { } week)
            {
                problems.Add(week);
                continue;
            }
            counted.Add(day);
        }
        return problems;
    }

    /// <summary>
    /// Checks one asked-for day again at approval, with the rules as they are now.
    /// <paramref name="approved"/> are the staff member's other approved days (not this one).
    /// Returns the rule it breaks, or null when it may be approved.
    /// </summary>
    public static TeleworkDayProblem? CheckApproval(
        WorkRules rules, WorkCalendar calendar, TeleworkStaff staff, DateOnly day, IReadOnlyCollection<DateOnly> approved, DateOnly today) =>
        DayProblem(rules, calendar, staff, day, today, forApproval: true)
        ?? (approved.Contains(day) ? Problem(day, TeleworkRule.Overlap, new("既に承認済みの日です", "is already approved")) : null)
        ?? WeekProblem(rules, calendar, day, approved);

    /// <summary>
    /// The working days of a weekly pattern: each of <paramref name="weekdays"/> from
    /// <paramref name="from"/> to <paramref name="to"/>; holidays and closure days are left out
    /// (and returned apart, so a screen can say so).
    /// </summary>
    public static (IReadOnlyList<DateOnly> Days, IReadOnlyList<(DateOnly Date, NonWorkingDay Why)> Skipped) ExpandPattern(
        WorkCalendar calendar, DateOnly from, DateOnly to, IReadOnlySet<DayOfWeek> weekdays)
    {
        var days = new List<DateOnly>();
        var skipped = new List<(DateOnly, NonWorkingDay)>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (!weekdays.Contains(date.DayOfWeek)) continue;
            if (calendar.WhyNotWorking(date) is { } why) skipped.Add((date, why));
            else days.Add(date);
        }
        return (days, skipped);
    }

    /// <summary>The Monday of the week (Monday to Sunday) the date falls in.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static TeleworkDayProblem? DayProblem(WorkRules rules, WorkCalendar calendar, TeleworkStaff staff, DateOnly day, DateOnly today, bool forApproval)
    {
        if (!rules.IsEligible(staff.Employment))
        {
            var type = StaffMember.EmploymentLabel(staff.Employment);
            return Problem(day, TeleworkRule.Eligibility,
                new($"{type.Ja}はテレワークの対象外です", $"{type.En} staff may not telework"));
        }
        if (!staff.IsActiveOn(day))
            return Problem(day, TeleworkRule.Employment, new("任用期間外の日です", "is outside the employment period"));
        if (day < today)
            return Problem(day, TeleworkRule.Past, new("過去の日です", "has passed"));
        if (calendar.WhyNotWorking(day) is { } why)
            return Problem(day, TeleworkRule.WorkingDay, new($"{why.Text.Ja}のため勤務日ではありません", $"is not a working day ({why.Text.En})"));
        if (forApproval) return null;
        if (day.DayNumber - today.DayNumber < rules.MinDaysAhead)
        {
            return Problem(day, TeleworkRule.DaysAhead, rules.MinDaysAhead == 1
                ? new("前日までに申請してください", "must be asked for by the day before")
                : new($"{rules.MinDaysAhead}日前までに申請してください", $"must be asked for {rules.MinDaysAhead} days ahead"));
        }
        if (day.DayNumber - today.DayNumber > rules.MaxDaysAhead)
            return Problem(day, TeleworkRule.Horizon, new($"申請できるのは{rules.MaxDaysAhead}日先までです", $"can be asked for at most {rules.MaxDaysAhead} days ahead"));
        return null;
    }

    private static TeleworkDayProblem? WeekProblem(WorkRules rules, WorkCalendar calendar, DateOnly day, IEnumerable<DateOnly> others)
    {
        var monday = WeekStart(day);
        var sunday = monday.AddDays(6);
        var inWeek = others.Where(d => d >= monday && d <= sunday && d != day).Distinct().Count() + 1;
        if (inWeek > rules.MaxTeleworkDaysPerWeek)
        {
            return Problem(day, TeleworkRule.WeeklyCap, new(
                $"週{rules.MaxTeleworkDaysPerWeek}日までの上限を超えます（この週{inWeek}日目）",
                $"exceeds the cap of {rules.MaxTeleworkDaysPerWeek} days a week (day {inWeek} of the week)"));
        }
        var workingDays = calendar.CountWorkingDays(monday, sunday);
        if (workingDays - inWeek < rules.MinOfficeDaysPerWeek)
        {
            return Problem(day, TeleworkRule.MinOfficeDays, new(
                $"週{rules.MinOfficeDaysPerWeek}日以上の出勤が必要です（この週の勤務日{workingDays}日のうち在宅{inWeek}日）",
                $"needs at least {rules.MinOfficeDaysPerWeek} office days a week ({inWeek} of the week's {workingDays} working days at home)"));
        }
        return null;
    }

    private static TeleworkDayProblem Problem(DateOnly day, TeleworkRule rule, LocalizedText what)
    {
        var date = WorkText.Day(day);
        var name = NameOf(rule);
        return new(day, rule, new($"{date.Ja}: {what.Ja}（{name.Ja}）", $"{date.En}: {what.En} ({name.En})"));
    }
}
