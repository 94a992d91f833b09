using Microsoft.Extensions.Time.Testing;
using Zaitaku.Organization;
using Zaitaku.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work;

public class TeleworkRulesTests
{
    private static readonly WorkCalendar Calendar = new(JapaneseHolidays.Official);
    private static readonly TeleworkStaff Regular = new(EmploymentType.Regular, new DateOnly(2020, 4, 1), null);

    // Thursday 2026-11-26, 10:00 in Tokyo.
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(9)));

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<TeleworkDayProblem> Ask(TimeProvider time, params string[] days) =>
        Ask(WorkRules.Default, Regular, [], time, days);

    private static IReadOnlyList<TeleworkDayProblem> Ask(WorkRules rules, TeleworkStaff staff, IReadOnlyCollection<DateOnly> taken, TimeProvider time, params string[] days) =>
        TeleworkRules.CheckRequest(rules, Calendar, staff, days.Select(D), taken, JapanTime.Today(time));

    [Fact]
    public void CheckRequest_TomorrowForRegularStaff_NoProblem() =>
        Assert.Empty(Ask(Clock(), "2026-11-27"));

    [Fact]
    public void CheckRequest_NationalHoliday_RefusedNamingTheHolidayAndTheRule()
    {
        var problem = Assert.Single(Ask(Clock(), "2027-01-11"));

        Assert.Equal(TeleworkRule.WorkingDay, problem.Rule);
        Assert.Equal("telework_not_working_day", problem.Code);
        Assert.Equal("2027年1月11日(月): 成人の日のため勤務日ではありません（勤務日）", problem.Message.Ja);
        Assert.Contains("Coming of Age Day", problem.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-28", "土曜日")]
    [InlineData("2026-12-29", "年末年始の閉庁日")]
    public void CheckRequest_WeekendOrYearEnd_RefusedAsNotAWorkingDay(string day, string why)
    {
        var problem = Assert.Single(Ask(Clock(), day));

        Assert.Equal(TeleworkRule.WorkingDay, problem.Rule);
        Assert.Contains(why, problem.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRequest_TenantClosureDay_Refused()
    {
        var calendar = new WorkCalendar(JapaneseHolidays.Official, [D("2026-12-01")]);

        var problem = Assert.Single(TeleworkRules.CheckRequest(WorkRules.Default, calendar, Regular, [D("2026-12-01")], [], D("2026-11-26")));

        Assert.Contains("団体が定めた閉庁日", problem.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRequest_DayInThePast_Refused()
    {
        var problem = Assert.Single(Ask(Clock(), "2026-11-25"));

        Assert.Equal("telework_in_past", problem.Code);
        Assert.StartsWith("2026年11月25日(水): 過去の日です", problem.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRequest_TodayWithOneDayAhead_RefusedAsTooLate_ButAllowedWhenTheTenantAllowsTheSameDay()
    {
        var time = Clock();

        Assert.Equal(TeleworkRule.DaysAhead, Assert.Single(Ask(time, "2026-11-26")).Rule);
        Assert.Empty(Ask(WorkRules.Default with { MinDaysAhead = 0 }, Regular, [], time, "2026-11-26"));
    }

    [Fact]
    public void CheckRequest_TomorrowAfterTheClockPassesMidnightInTokyo_RefusedAsTooLate()
    {
        var time = Clock();
        Assert.Empty(Ask(time, "2026-11-27"));

        // 00:30 in Tokyo on the 27th is still the 26th in UTC: the Tokyo date decides.
        time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 0, 30, 0, TimeSpan.FromHours(9)));

        Assert.Equal(TeleworkRule.DaysAhead, Assert.Single(Ask(time, "2026-11-27")).Rule);
    }

    [Fact]
    public void CheckRequest_BeyondTheHorizon_Refused()
    {
        var problem = Assert.Single(Ask(WorkRules.Default with { MaxDaysAhead = 30 }, Regular, [], Clock(), "2027-01-05"));

        Assert.Equal("telework_too_far_ahead", problem.Code);
        Assert.Contains("30日先まで", problem.Message.Ja, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmploymentType.Probationary, "条件付採用")]
    [InlineData(EmploymentType.FiscalYearAppointed, "会計年度任用職員")]
    public void CheckRequest_IneligibleEmployment_RefusedUnlessTheTenantSaysSo(EmploymentType employment, string label)
    {
        var staff = Regular with { Employment = employment };

        var problem = Assert.Single(Ask(WorkRules.Default, staff, [], Clock(), "2026-11-27"));
        Assert.Equal("telework_ineligible", problem.Code);
        Assert.Contains(label, problem.Message.Ja, StringComparison.Ordinal);

        var allowing = WorkRules.Default with { ProbationaryEligible = true, FiscalYearAppointedEligible = true };
        Assert.Empty(Ask(allowing, staff, [], Clock(), "2026-11-27"));
    }

    [Fact]
    public void CheckRequest_AfterTheEmploymentEnds_Refused()
    {
        var leaving = Regular with { ActiveTo = D("2026-11-30") };

        var problem = Assert.Single(Ask(WorkRules.Default, leaving, [], Clock(), "2026-11-30", "2026-12-01"));

        Assert.Equal(D("2026-12-01"), problem.Date);
        Assert.Equal(TeleworkRule.Employment, problem.Rule);
    }

    [Fact]
    public void CheckRequest_FiveDaysOfOneWeek_TheFifthBreaksTheWeeklyCap()
    {
        var problem = Assert.Single(Ask(Clock(), "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"));

        Assert.Equal(D("2026-12-04"), problem.Date);
        Assert.Equal("telework_weekly_cap", problem.Code);
        Assert.Equal("2026年12月4日(金): 週4日までの上限を超えます（この週5日目）（週の在宅勤務の上限）", problem.Message.Ja);
    }

    [Fact]
    public void CheckRequest_DaysAlreadyTakenCountTowardTheCap()
    {
        IReadOnlyCollection<DateOnly> taken = [D("2026-11-30"), D("2026-12-01"), D("2026-12-02")];

        Assert.Empty(Ask(WorkRules.Default, Regular, taken, Clock(), "2026-12-03"));
        var problem = Assert.Single(Ask(WorkRules.Default, Regular, taken, Clock(), "2026-12-03", "2026-12-04"));
        Assert.Equal(D("2026-12-04"), problem.Date);
    }

    [Fact]
    public void CheckRequest_DayAlreadyTaken_RefusedAsOverlap()
    {
        var problem = Assert.Single(Ask(WorkRules.Default, Regular, [D("2026-12-01")], Clock(), "2026-12-01"));

        Assert.Equal("telework_overlap", problem.Code);
    }

    [Fact]
    public void CheckRequest_TownKeepingThreeOfficeDays_TheThirdDayOfTheWeekRefused()
    {
        var town = WorkRules.Default with { MinOfficeDaysPerWeek = 3 };

        var problem = Assert.Single(Ask(town, Regular, [], Clock(), "2026-11-30", "2026-12-01", "2026-12-02"));

        Assert.Equal(D("2026-12-02"), problem.Date);
        Assert.Equal("telework_min_office_days", problem.Code);
        Assert.Contains("週3日以上の出勤が必要です", problem.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRequest_WeekWithAHoliday_KeepsAnOfficeDayOfTheFourWorkingDays()
    {
        // 2027-01-11 is 成人の日: Tuesday to Friday are the week's four working days.
        var problem = Assert.Single(Ask(Clock(), "2027-01-12", "2027-01-13", "2027-01-14", "2027-01-15"));

        Assert.Equal(D("2027-01-15"), problem.Date);
        Assert.Equal(TeleworkRule.MinOfficeDays, problem.Rule);
        Assert.Contains("勤務日4日のうち在宅4日", problem.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckApproval_RulesTightenedSinceTheRequest_RefusedWithTheRuleAsItIsNow()
    {
        var today = JapanTime.Today(Clock());
        IReadOnlyCollection<DateOnly> approved = [D("2026-11-30"), D("2026-12-01")];
        Assert.Null(TeleworkRules.CheckApproval(WorkRules.Default, Calendar, Regular, D("2026-12-02"), approved, today));

        var tightened = WorkRules.Default with { MaxTeleworkDaysPerWeek = 2 };
        var problem = TeleworkRules.CheckApproval(tightened, Calendar, Regular, D("2026-12-02"), approved, today);

        Assert.Equal(TeleworkRule.WeeklyCap, problem?.Rule);
    }

    [Fact]
    public void CheckApproval_DayAskedForPassesWhileTheClockMoves_RefusedOnceInThePast()
    {
        var time = Clock();
        Assert.Null(TeleworkRules.CheckApproval(WorkRules.Default, Calendar, Regular, D("2026-11-27"), [], JapanTime.Today(time)));

        time.Advance(TimeSpan.FromHours(14)); // 00:00 on the 27th in Tokyo: the day itself may still be approved
        Assert.Null(TeleworkRules.CheckApproval(WorkRules.Default, Calendar, Regular, D("2026-11-27"), [], JapanTime.Today(time)));

        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TeleworkRule.Past, TeleworkRules.CheckApproval(WorkRules.Default, Calendar, Regular, D("2026-11-27"), [], JapanTime.Today(time))?.Rule);
    }

    [Fact]
    public void ExpandPattern_MondaysAndFridaysOverDecember_LeavesOutTheYearEndClosure()
    {
        var (days, skipped) = TeleworkRules.ExpandPattern(Calendar, D("2026-12-01"), D("2027-01-08"), new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Friday });

        Assert.Equal(["2026-12-04", "2026-12-07", "2026-12-11", "2026-12-14", "2026-12-18", "2026-12-21", "2026-12-25", "2026-12-28", "2027-01-04", "2027-01-08"],
            days.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([D("2027-01-01")], skipped.Select(s => s.Date));
    }

    [Fact]
    public void WeekStart_EveryDayOfAWeek_ItsMonday()
    {
        for (var day = D("2026-11-30"); day <= D("2026-12-06"); day = day.AddDays(1))
            Assert.Equal(D("2026-11-30"), TeleworkRules.WeekStart(day));
    }
}
