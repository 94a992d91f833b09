using Microsoft.Extensions.Time.Testing;
using Zaitaku.Work;

namespace Zaitaku.Core.Tests.Work;

public class WorkdayRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    private static DateTimeOffset At(int hour, int minute = 0, int dayOffset = 0) =>
        JapanTime.At(Day.AddDays(dayOffset), new TimeOnly(hour, minute));

    [Fact]
    public void CheckEnd_EndBeforeStart_RefusedNamingBothTimes()
    {
        var error = WorkdayRules.CheckEnd(At(8, 30), At(8, 0));

        Assert.Equal("workday_end_before_start", error?.Code);
        Assert.Equal("終業（2026/11/26 08:00）が始業（2026/11/26 08:30）より前です", error?.Message.Ja);
    }

    [Fact]
    public void CheckEnd_PastMidnightWithinADay_Accepted_MoreThanADayLater_Refused()
    {
        Assert.Null(WorkdayRules.CheckEnd(At(8, 30), At(1, 0, dayOffset: 1)));
        Assert.Equal("workday_too_long", WorkdayRules.CheckEnd(At(8, 30), At(9, 0, dayOffset: 1))?.Code);
    }

    [Fact]
    public void IsOpenPastMidnight_DayStillOpen_FlaggedFromMidnightInTokyo()
    {
        var time = new FakeTimeProvider(At(23, 59));
        Assert.False(WorkdayRules.IsOpenPastMidnight(Day, null, time.GetUtcNow()));

        time.Advance(TimeSpan.FromMinutes(2)); // 00:01 in Tokyo, still 15:01 of the same day in UTC

        Assert.True(WorkdayRules.IsOpenPastMidnight(Day, null, time.GetUtcNow()));
        Assert.False(WorkdayRules.IsOpenPastMidnight(Day, At(17, 15), time.GetUtcNow()));
    }

    [Fact]
    public void Measure_StandardDayWithoutRecordedBreaks_SevenHoursFortyFiveLessTheStandardHour()
    {
        var time = WorkdayRules.Measure(WorkRules.Default, Day, At(8, 30), At(17, 15), []);

        Assert.Equal(new WorkedTime(7 * 60 + 45, 60, 0), time);
    }

    [Fact]
    public void Measure_HalfDayNotCoveringTheStandardBreak_NoBreakDeducted()
    {
        var time = WorkdayRules.Measure(WorkRules.Default, Day, At(8, 30), At(11, 30), []);

        Assert.Equal(new WorkedTime(180, 0, 0), time);
    }

    [Fact]
    public void Measure_RecordedBreaks_ReplaceTheStandardBreak()
    {
        BreakSpan[] breaks = [new(At(12, 0), At(12, 45)), new(At(15, 0), At(15, 10))];

        var time = WorkdayRules.Measure(WorkRules.Default, Day, At(8, 30), At(17, 15), breaks);

        Assert.Equal(55, time.BreakMinutes);
        Assert.Equal(525 - 55, time.WorkedMinutes);
    }

    [Fact]
    public void Measure_CorrectedBreakTotal_WinsOverRecordedBreaks()
    {
        var time = WorkdayRules.Measure(WorkRules.Default, Day, At(8, 30), At(17, 15), [new(At(12, 0), At(12, 10))], correctedBreakMinutes: 60);

        Assert.Equal(60, time.BreakMinutes);
    }

    [Fact]
    public void Measure_LongDay_OvertimeIsWhatExceedsTheStandardDay()
    {
        var time = WorkdayRules.Measure(WorkRules.Default, Day, At(8, 30), At(19, 0), []);

        // 8:30 to 19:00 is 630 minutes, less the standard hour's break: 570, of which 465 are the standard day.
        Assert.Equal(new WorkedTime(570, 60, 105), time);
    }

    [Theory]
    [InlineData(17, 30, null, false)] // within the 15 minutes' grace
    [InlineData(17, 31, null, true)]
    [InlineData(18, 50, "19:00", false)] // approved until 19:00
    [InlineData(19, 20, "19:00", true)]
    public void IsUnapprovedOvertime_DayAtHome_FlaggedPastTheEndOrTheApprovedOvertime(int hour, int minute, string? until, bool flagged)
    {
        TimeOnly? approved = until is null ? null : TimeOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(flagged, WorkdayRules.IsUnapprovedOvertime(WorkRules.Default, Day, WorkPlace.Home, At(hour, minute), approved));
    }

    [Fact]
    public void IsUnapprovedOvertime_InTheOfficeOrWhenTheRuleIsOff_NeverFlagged()
    {
        Assert.False(WorkdayRules.IsUnapprovedOvertime(WorkRules.Default, Day, WorkPlace.Office, At(21, 0), null));
        Assert.False(WorkdayRules.IsUnapprovedOvertime(WorkRules.Default with { OvertimeRequiresApproval = false }, Day, WorkPlace.Home, At(21, 0), null));
    }
}

public class OvertimeRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    [Fact]
    public void CheckRequest_BeforeTheEndOfWork_Accepted_AfterIt_RefusedAsNotInAdvance()
    {
        var time = new FakeTimeProvider(JapanTime.At(Day, new TimeOnly(17, 0)));
        Assert.Null(OvertimeRules.CheckRequest(WorkRules.Default, Day, new TimeOnly(19, 0), "議会答弁の資料作成", time.GetUtcNow()));

        time.Advance(TimeSpan.FromMinutes(15));
        var error = OvertimeRules.CheckRequest(WorkRules.Default, Day, new TimeOnly(19, 0), "議会答弁の資料作成", time.GetUtcNow());

        Assert.Equal("overtime_too_late", error?.Code);
        Assert.Contains("終業時刻（17:15）より前に申請してください", error?.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRequest_UntilNotAfterTheEndOfWorkOrNoReason_Invalid()
    {
        var now = JapanTime.At(Day, new TimeOnly(9, 0));

        Assert.Equal("overtime_invalid", OvertimeRules.CheckRequest(WorkRules.Default, Day, new TimeOnly(17, 0), "資料作成", now)?.Code);
        Assert.Equal("overtime_invalid", OvertimeRules.CheckRequest(WorkRules.Default, Day, new TimeOnly(19, 0), " ", now)?.Code);
    }

    [Fact]
    public void CheckApproval_OnceTheOvertimeIsOver_Refused()
    {
        var time = new FakeTimeProvider(JapanTime.At(Day, new TimeOnly(18, 59)));
        Assert.Null(OvertimeRules.CheckApproval(Day, new TimeOnly(19, 0), time.GetUtcNow()));

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("overtime_approval_too_late", OvertimeRules.CheckApproval(Day, new TimeOnly(19, 0), time.GetUtcNow())?.Code);
    }
}
