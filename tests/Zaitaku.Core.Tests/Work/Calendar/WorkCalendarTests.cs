using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work.Calendar;

public class WorkCalendarTests
{
    private static readonly WorkCalendar Calendar = new(JapaneseHolidays.Official);

    [Theory]
    [InlineData("2026-11-26", true)] // Thursday
    [InlineData("2026-11-28", false)] // Saturday
    [InlineData("2026-11-29", false)] // Sunday
    [InlineData("2026-11-23", false)] // 勤労感謝の日, a Monday
    [InlineData("2026-09-22", false)] // 国民の休日
    [InlineData("2026-12-28", true)] // the last day before the year-end closure
    [InlineData("2026-12-29", false)]
    [InlineData("2026-12-31", false)]
    [InlineData("2027-01-01", false)]
    [InlineData("2027-01-04", true)] // the first day after it
    public void IsWorkingDay_Day_AsTheOfficeWorks(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void IsWorkingDay_YearEndClosureOnWeekdays2027_NotWorking()
    {
        // 2027-12-29 to 2028-01-03 are Wednesday to Monday; none is a national holiday but 元日.
        var days = Enumerable.Range(0, 6).Select(i => new DateOnly(2027, 12, 29).AddDays(i));

        Assert.All(days, day => Assert.False(Calendar.IsWorkingDay(day), $"{day}"));
        Assert.Equal(NonWorkingDayKind.YearEndClosure, Calendar.WhyNotWorking(new DateOnly(2028, 1, 3))!.Kind);
    }

    [Fact]
    public void WhyNotWorking_Holiday_HolidayNameInBothLanguages()
    {
        var reason = Calendar.WhyNotWorking(new DateOnly(2026, 11, 23))!;

        Assert.Equal(NonWorkingDayKind.NationalHoliday, reason.Kind);
        Assert.Equal(new LocalizedText("勤労感謝の日", "Labour Thanksgiving Day"), reason.Text);
        Assert.Equal(new DateOnly(2026, 11, 23), reason.Holiday?.Date);
    }

    [Fact]
    public void WhyNotWorking_SundayHoliday_TheHolidayRatherThanTheWeekend() =>
        Assert.Equal("憲法記念日", Calendar.WhyNotWorking(new DateOnly(2026, 5, 3))!.Text.Ja);

    [Fact]
    public void WhyNotWorking_NewYearsDay_TheHolidayRatherThanTheClosure() =>
        Assert.Equal(NonWorkingDayKind.NationalHoliday, Calendar.WhyNotWorking(new DateOnly(2027, 1, 1))!.Kind);

    [Theory]
    [InlineData("2026-12-30", NonWorkingDayKind.YearEndClosure, "年末年始の閉庁日", "Year-end closure")]
    [InlineData("2026-11-28", NonWorkingDayKind.Weekend, "土曜日", "Saturday")]
    [InlineData("2026-11-29", NonWorkingDayKind.Weekend, "日曜日", "Sunday")]
    public void WhyNotWorking_Day_ReasonForScreens(string date, NonWorkingDayKind kind, string ja, string en)
    {
        var reason = Calendar.WhyNotWorking(DateOnly.Parse(date))!;

        Assert.Equal(kind, reason.Kind);
        Assert.Equal(new LocalizedText(ja, en), reason.Text);
    }

    [Fact]
    public void WhyNotWorking_WorkingDay_Null() =>
        Assert.Null(Calendar.WhyNotWorking(new DateOnly(2026, 11, 26)));

    [Fact]
    public void WhyNotWorking_TenantClosureDay_TenantClosure()
    {
        var calendar = new WorkCalendar(JapaneseHolidays.Official, [new DateOnly(2026, 6, 1)]);

        var reason = calendar.WhyNotWorking(new DateOnly(2026, 6, 1));

        Assert.Equal(NonWorkingDayKind.TenantClosure, reason?.Kind);
        Assert.Equal("団体が定めた閉庁日", reason?.Text.Ja);
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void WorkingDays_April2026_21Days()
    {
        // 30 days, 8 of them Saturdays or Sundays, 4/29 昭和の日 a Wednesday.
        var days = Calendar.WorkingDays(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30));

        Assert.Equal(21, days.Count);
        Assert.Equal(new DateOnly(2026, 4, 1), days[0]);
        Assert.Equal(new DateOnly(2026, 4, 30), days[^1]);
        Assert.DoesNotContain(new DateOnly(2026, 4, 29), days);
    }

    [Fact]
    public void WorkingDays_GoldenWeek2026_OnlyTheWeekdaysBetweenHolidays()
    {
        var days = Calendar.WorkingDays(new DateOnly(2026, 4, 29), new DateOnly(2026, 5, 8));

        Assert.Equal(["2026-04-30", "2026-05-01", "2026-05-07", "2026-05-08"], days.Select(d => d.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void WorkingDays_TenantClosures_LeftOut()
    {
        var calendar = new WorkCalendar(JapaneseHolidays.Official, [new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 4)]);

        // 4/1 is a Wednesday, 4/4 a Saturday already off.
        Assert.Equal(20, calendar.CountWorkingDays(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)));
    }

    [Fact]
    public void WorkingDays_SingleDay_InclusiveBounds()
    {
        Assert.Equal([new DateOnly(2026, 11, 26)], Calendar.WorkingDays(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26)));
        Assert.Empty(Calendar.WorkingDays(new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 28)));
    }

    [Fact]
    public void WorkingDays_FromAfterTo_Throws() =>
        Assert.Throws<ArgumentException>(() => Calendar.WorkingDays(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1)));

    [Theory]
    [InlineData("2026-05-01", "2026-05-07")] // Friday before Golden Week
    [InlineData("2026-12-28", "2027-01-04")] // across the year-end closure
    [InlineData("2026-11-26", "2026-11-27")]
    [InlineData("2026-09-18", "2026-09-24")] // across the 2026 silver week
    public void NextWorkingDay_Day_FirstWorkingDayAfter(string date, string next) =>
        Assert.Equal(DateOnly.Parse(next), Calendar.NextWorkingDay(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2027-01-04", "2026-12-28")]
    [InlineData("2026-05-07", "2026-05-01")]
    [InlineData("2026-11-30", "2026-11-27")]
    public void PreviousWorkingDay_Day_LastWorkingDayBefore(string date, string previous) =>
        Assert.Equal(DateOnly.Parse(previous), Calendar.PreviousWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void AddWorkingDays_ThreeAheadOverAWeekend_SkipsTheWeekend()
    {
        // Thursday 11/26 + 3: Friday 11/27, Monday 11/30, Tuesday 12/1.
        Assert.Equal(new DateOnly(2026, 12, 1), Calendar.AddWorkingDays(new DateOnly(2026, 11, 26), 3));
        Assert.Equal(new DateOnly(2026, 11, 26), Calendar.AddWorkingDays(new DateOnly(2026, 11, 26), 0));
        Assert.Equal(new DateOnly(2026, 11, 24), Calendar.AddWorkingDays(new DateOnly(2026, 11, 26), -2));
    }

    [Fact]
    public void WorkingDays_ImportedHoliday_LeftOut()
    {
        var csv = "国民の祝日・休日月日,国民の祝日・休日名称\n2028/1/1,元日\n2028/6/1,架空の記念日\n"u8.ToArray();
        var holidays = JapaneseHolidays.Official.Import(new MemoryStream(csv)).Value;

        var calendar = new WorkCalendar(holidays);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2028, 6, 1)));
        Assert.Equal("架空の記念日", calendar.WhyNotWorking(new DateOnly(2028, 6, 1))!.Text.Ja);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2028, 1, 10))); // 成人の日 is not in the imported year
    }
}
