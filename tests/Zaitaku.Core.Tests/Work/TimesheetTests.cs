using Microsoft.Extensions.Time.Testing;
using Zaitaku.Budget;
using Zaitaku.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work;

public class TimesheetTests
{
    private static readonly WorkCalendar Calendar = new(JapaneseHolidays.Official);
    private static readonly YearMonth November = new(2026, 11);

    private static WorkdayFacts Day(int day, WorkPlace place, string start, string? end) =>
        new(new DateOnly(2026, 11, day), place,
            JapanTime.At(new DateOnly(2026, 11, day), TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)),
            end is null ? null : JapanTime.At(new DateOnly(2026, 11, day), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), []);

    [Fact]
    public void Compute_November2026_CountsHomeDaysOnlyWhenApprovedStartedAndEnded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        WorkdayFacts[] workdays =
        [
            Day(2, WorkPlace.Home, "08:30", "17:15"),
            Day(4, WorkPlace.Home, "08:30", "19:00"), // home past the end without approved overtime
            Day(5, WorkPlace.Office, "08:30", "17:15"),
            Day(6, WorkPlace.Office, "08:30", "18:00"),
            Day(9, WorkPlace.Home, "08:30", null), // left open
        ];
        var approved = new HashSet<DateOnly> { new(2026, 11, 2), new(2026, 11, 4), new(2026, 11, 9), new(2026, 11, 10) };

        var (days, figures) = Timesheets.Compute(WorkRules.Default, Calendar, November, workdays, approved, new Dictionary<DateOnly, TimeOnly>(), time.GetUtcNow());

        Assert.Equal(30, days.Count);
        // November 2026: 21 weekdays less 文化の日 (3rd) and 勤労感謝の日 (23rd).
        Assert.Equal(19, figures.WorkingDays);
        Assert.Equal(2, figures.TeleworkDays);
        Assert.Equal(2, figures.OfficeDays);
        Assert.Equal(465 + 570 + 465 + 510, figures.WorkedMinutes);
        Assert.Equal(105 + 45, figures.OvertimeMinutes);
        Assert.Equal(1, figures.OpenDays);
        Assert.Equal(1, figures.UnapprovedOvertimeDays);
        Assert.True(days[8].OpenPastMidnight);
        Assert.True(days[3].UnapprovedOvertime);
        Assert.Equal("文化の日", days[2].NonWorking?.Text.Ja);
    }

    [Fact]
    public void Compute_ApprovedOvertime_NotFlagged()
    {
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9));
        var overtime = new Dictionary<DateOnly, TimeOnly> { [new DateOnly(2026, 11, 4)] = new(19, 0) };

        var (_, figures) = Timesheets.Compute(WorkRules.Default, Calendar, November, [Day(4, WorkPlace.Home, "08:30", "19:00")],
            new HashSet<DateOnly> { new(2026, 11, 4) }, overtime, now);

        Assert.Equal(0, figures.UnapprovedOvertimeDays);
        Assert.Equal(1, figures.TeleworkDays);
    }
}

public class MonthlyAllowanceTests
{
    [Theory]
    [InlineData(11, 3000)]
    [InlineData(10, 0)] // "more than 10 days": exactly 10 is not enough
    [InlineData(0, 0)]
    public void Due_OneMonth_PaidWhenMoreThanTenDays(int days, long yen) =>
        Assert.Equal(yen, MonthlyAllowance.Due(WorkRules.Default, [days]));

    [Fact]
    public void Due_TenantAmountAndThreshold_Used()
    {
        var rules = WorkRules.Default with { AllowanceYen = 5_000, AllowanceThresholdDays = 8 };

        Assert.Equal(5_000, MonthlyAllowance.Due(rules, [9]));
        Assert.Equal(0, MonthlyAllowance.Due(rules, [8]));
    }

    [Fact]
    public void Due_AveragedOverThreeMonths_UsesTheLastThree()
    {
        var rules = WorkRules.Default with { AllowanceAveragingMonths = 3 };

        Assert.Equal(3_000, MonthlyAllowance.Due(rules, [0, 12, 12, 9])); // 33 / 3 = 11
        Assert.Equal(0, MonthlyAllowance.Due(rules, [20, 12, 9, 9])); // 30 / 3 = 10
    }
}

public class PresenceTests
{
    private static readonly PresenceFacts AtHome = new(Started: true, Ended: false, WorkPlace.Home, OnBreak: false, null, null);

    [Fact]
    public void Derive_FromTheWorkdayRecord_EachState()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(PresenceState.Telework, Presence.Derive(AtHome, now));
        Assert.Equal(PresenceState.Present, Presence.Derive(AtHome with { Place = WorkPlace.Office }, now));
        Assert.Equal(PresenceState.Away, Presence.Derive(AtHome with { OnBreak = true }, now));
        Assert.Equal(PresenceState.Off, Presence.Derive(AtHome with { Ended = true }, now));
        Assert.Equal(PresenceState.Off, Presence.Derive(AtHome with { Started = false }, now));
    }

    [Fact]
    public void Derive_ManualStateUntilItExpires_ThenTheWorkdayAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(9)));
        var facts = AtHome with { Manual = PresenceState.Meeting, ManualUntil = time.GetUtcNow().AddHours(1) };

        Assert.Equal(PresenceState.Meeting, Presence.Derive(facts, time.GetUtcNow()));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PresenceState.Telework, Presence.Derive(facts, time.GetUtcNow()));
    }

    [Fact]
    public void Label_EveryState_TheWordsStaffUse()
    {
        Assert.Equal(["在席", "テレワーク中", "会議中", "離席中", "外出", "休暇", "退勤"], Enum.GetValues<PresenceState>().Select(s => Presence.Label(s).Ja));
    }
}

public class WorkRulesTests
{
    [Fact]
    public void Default_TheDomainDefaults()
    {
        var rules = WorkRules.Default;

        Assert.Empty(rules.Validate());
        Assert.True(rules.ApprovalRequired);
        Assert.Equal(4, rules.MaxTeleworkDaysPerWeek);
        Assert.Equal(1, rules.MinOfficeDaysPerWeek);
        Assert.Equal(3_000, rules.AllowanceYen);
        Assert.Equal(10, rules.AllowanceThresholdDays);
        Assert.Equal(465, rules.StandardDayMinutes);
        Assert.False(rules.IsEligible(Zaitaku.Organization.EmploymentType.Probationary));
        Assert.False(rules.IsEligible(Zaitaku.Organization.EmploymentType.FiscalYearAppointed));
        Assert.True(rules.IsEligible(Zaitaku.Organization.EmploymentType.Regular));
    }

    [Fact]
    public void Validate_BadSettings_EachNamed()
    {
        var rules = WorkRules.Default with { MaxTeleworkDaysPerWeek = 8, WorkEnd = new TimeOnly(8, 0), AllowanceYen = -1 };

        var problems = rules.Validate();

        Assert.Equal([WorkRuleField.MaxTeleworkDaysPerWeek, WorkRuleField.AllowanceYen, WorkRuleField.WorkEnd, WorkRuleField.BreakStart], problems.Select(p => p.Field));
        Assert.Contains("週の在宅勤務の上限日数: 0〜7の範囲で入力してください", new WorkRulesInvalid(problems).Message.Ja, StringComparison.Ordinal);
    }
}
