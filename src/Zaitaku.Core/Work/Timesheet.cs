using Zaitaku.Budget;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Work;

/// <summary>One workday record as the timesheet reads it.</summary>
/// <param name="Date">The workday (Asia/Tokyo).</param>
/// <param name="Place">At home or in the office.</param>
/// <param name="Start">始業 (UTC instant).</param>
/// <param name="End">終業, or null while open.</param>
/// <param name="Breaks">Recorded breaks.</param>
/// <param name="CorrectedBreakMinutes">A total of break minutes set by an approved correction, replacing the recorded breaks.</param>
public sealed record WorkdayFacts(DateOnly Date, WorkPlace Place, DateTimeOffset Start, DateTimeOffset? End, IReadOnlyList<BreakSpan> Breaks, int? CorrectedBreakMinutes = null);

/// <summary>A day of a monthly timesheet.</summary>
public sealed record TimesheetDay(
    DateOnly Date,
    NonWorkingDay? NonWorking,
    bool TeleworkApproved,
    TimeOnly? OvertimeApprovedUntil,
    WorkdayFacts? Workday,
    WorkedTime? Time,
    bool OpenPastMidnight,
    bool UnapprovedOvertime)
{
    /// <summary>A day at home that counts as work: approved, and its start and end recorded.</summary>
    public bool CountsAsTelework => TeleworkApproved && Workday is { Place: WorkPlace.Home, End: not null };

    /// <summary>A day worked in the office (a day commuted, for 通勤手当).</summary>
    public bool CountsAsOffice => Workday is { Place: WorkPlace.Office, End: not null };
}

/// <summary>The figures of a staff member's month (月次勤務表).</summary>
/// <param name="WorkingDays">The month's working days in the tenant's calendar.</param>
/// <param name="TeleworkDays">Days at home that count as work (approved, started and ended).</param>
/// <param name="OfficeDays">Days worked in the office (days commuted).</param>
/// <param name="WorkedMinutes">Minutes worked, breaks deducted.</param>
/// <param name="OvertimeMinutes">Minutes beyond the standard day, summed.</param>
/// <param name="OpenDays">Days left open past midnight.</param>
/// <param name="UnapprovedOvertimeDays">Days at home that went on past the end of work without approved overtime.</param>
public sealed record TimesheetFigures(int WorkingDays, int TeleworkDays, int OfficeDays, int WorkedMinutes, int OvertimeMinutes, int OpenDays, int UnapprovedOvertimeDays);

/// <summary>Computes a staff member's monthly timesheet from the workday records and the approvals.</summary>
public static class Timesheets
{
    /// <summary>The days of the month and their figures. Days after today are listed with what is approved for them.</summary>
    public static (IReadOnlyList<TimesheetDay> Days, TimesheetFigures Figures) Compute(
        WorkRules rules,
        WorkCalendar calendar,
        YearMonth month,
        IEnumerable<WorkdayFacts> workdays,
        IReadOnlySet<DateOnly> approvedTelework,
        IReadOnlyDictionary<DateOnly, TimeOnly> approvedOvertime,
        DateTimeOffset now)
    {
        var byDate = new Dictionary<DateOnly, WorkdayFacts>();
        foreach (var w in workdays) byDate[w.Date] = w;
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var days = new List<TimesheetDay>(31);
        int working = 0, telework = 0, office = 0, worked = 0, overtime = 0, open = 0, unapproved = 0;
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var why = calendar.WhyNotWorking(date);
            if (why is null) working++;
            byDate.TryGetValue(date, out var w);
            TimeOnly? until = approvedOvertime.TryGetValue(date, out var u) ? u : null;
            WorkedTime? time = w is { End: { } end } ? WorkdayRules.Measure(rules, date, w.Start, end, w.Breaks, w.CorrectedBreakMinutes) : null;
            var day = new TimesheetDay(date, why, approvedTelework.Contains(date), until, w, time,
                w is not null && WorkdayRules.IsOpenPastMidnight(date, w.End, now),
                w is not null && WorkdayRules.IsUnapprovedOvertime(rules, date, w.Place, w.End, until));
            days.Add(day);
            if (day.CountsAsTelework) telework++;
            if (day.CountsAsOffice) office++;
            if (time is { } t)
            {
                worked += t.WorkedMinutes;
                overtime += t.OvertimeMinutes;
            }
            if (day.OpenPastMidnight) open++;
            if (day.UnapprovedOvertime) unapproved++;
        }
        return (days, new TimesheetFigures(working, telework, office, worked, overtime, open, unapproved));
    }
}

/// <summary>在宅勤務等手当: a fixed amount a month where telework days average more than a threshold.</summary>
public static class MonthlyAllowance
{
    /// <summary>
    /// The allowance due for a month, given the telework days of the averaging window (the paid
    /// month last; fewer months when the staff member has not been there as long).
    /// </summary>
    public static long Due(WorkRules rules, IReadOnlyList<int> teleworkDaysByMonth)
    {
        var months = teleworkDaysByMonth.TakeLast(rules.AllowanceAveragingMonths).ToList();
        if (months.Count == 0) return 0;
        // average > threshold, in integers: sum > threshold × months.
        return months.Sum() > (long)rules.AllowanceThresholdDays * months.Count ? rules.AllowanceYen : 0;
    }
}
