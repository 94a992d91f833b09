using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work.Calendar;

public class JapaneseHolidaysTests
{
    public static TheoryData<int> Years2000To2027 => OfficialList.Years(2000, 2027);

    public static TheoryData<int> Years1955To1999 => OfficialList.Years(OfficialList.FirstYear, 1999);

    [Theory]
    [MemberData(nameof(Years2000To2027))]
    [MemberData(nameof(Years1955To1999))]
    public void Official_PublishedYear_HasExactlyTheOfficialListsHolidays(int year)
    {
        var calendar = JapaneseHolidays.Official;
        var listed = OfficialList.InYear(year).ToList();
        Assert.True(listed.Count >= 9, $"the official list has {listed.Count} rows for {year}");

        foreach (var (date, name) in listed)
        {
            Assert.Equal(name, calendar.Find(date)?.Name);
        }
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            if (!OfficialList.All.ContainsKey(date)) Assert.False(calendar.IsHoliday(date), $"{date:yyyy-MM-dd} is not in the official list");
        }
        Assert.Equal(listed.Select(r => (r.Key, r.Value)), calendar.InYear(year).Select(h => (h.Date, h.Name)));
    }

    [Theory]
    [InlineData("2019-04-30", "休日", HolidayKind.Citizens)]
    [InlineData("2019-05-01", "休日（祝日扱い）", HolidayKind.SpecialLaw)]
    [InlineData("2019-05-02", "休日", HolidayKind.Citizens)]
    [InlineData("2019-10-22", "休日（祝日扱い）", HolidayKind.SpecialLaw)]
    [InlineData("2020-07-23", "海の日", HolidayKind.National)]
    [InlineData("2020-07-24", "スポーツの日", HolidayKind.National)]
    [InlineData("2020-08-10", "山の日", HolidayKind.National)]
    [InlineData("2021-07-22", "海の日", HolidayKind.National)]
    [InlineData("2021-07-23", "スポーツの日", HolidayKind.National)]
    [InlineData("2021-08-08", "山の日", HolidayKind.National)]
    [InlineData("2021-08-09", "休日", HolidayKind.Substitute)]
    [InlineData("1990-11-12", "即位礼正殿の儀", HolidayKind.SpecialLaw)]
    [InlineData("1989-02-24", "大喪の礼", HolidayKind.SpecialLaw)]
    public void Find_SpecialLawDay_IsHolidayWithOfficialName(string date, string name, HolidayKind kind)
    {
        var holiday = JapaneseHolidays.Official.Find(DateOnly.Parse(date));

        Assert.Equal(name, holiday?.Name);
        Assert.Equal(kind, holiday?.Kind);
    }

    [Theory]
    [InlineData("2020-07-20")] // 海の日 moved to 7/23 by the Olympics law
    [InlineData("2020-08-11")]
    [InlineData("2020-10-12")]
    [InlineData("2021-07-19")]
    [InlineData("2021-08-11")]
    [InlineData("2021-10-11")]
    [InlineData("2019-12-23")] // no 天皇誕生日 in 2019
    public void IsHoliday_DayASpecialLawMovedAway_False(string date) =>
        Assert.False(JapaneseHolidays.Official.IsHoliday(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2009-09-22")]
    [InlineData("2015-09-22")]
    [InlineData("2026-09-22")]
    public void Find_DayBetweenTwoHolidays_IsCitizensHoliday(string date)
    {
        var holiday = JapaneseHolidays.Official.Find(DateOnly.Parse(date));

        Assert.Equal("休日", holiday?.Name);
        Assert.Equal(HolidayKind.Citizens, holiday?.Kind);
        Assert.Equal("Citizens' holiday", holiday?.DisplayName.En);
    }

    [Fact]
    public void Find_20260506AfterSundayConstitutionDay_IsSubstituteHoliday()
    {
        var holiday = JapaneseHolidays.Official.Find(new DateOnly(2026, 5, 6));

        Assert.Equal("休日", holiday?.Name);
        Assert.Equal(HolidayKind.Substitute, holiday?.Kind);
        Assert.Equal("Substitute holiday", holiday?.DisplayName.En);
    }

    [Fact]
    public void DisplayName_NewYearsDay_JapaneseWithEnglishTwin()
    {
        var holiday = JapaneseHolidays.Official.Find(new DateOnly(2026, 1, 1))!;

        Assert.Equal(new LocalizedText("元日", "New Year's Day"), holiday.DisplayName);
    }

    [Fact]
    public void Between_GoldenWeek2026_InclusiveAndInDateOrder()
    {
        var holidays = JapaneseHolidays.Official.Between(new DateOnly(2026, 5, 3), new DateOnly(2026, 5, 6));

        Assert.Equal(
            [(new DateOnly(2026, 5, 3), "憲法記念日"), (new DateOnly(2026, 5, 4), "みどりの日"), (new DateOnly(2026, 5, 5), "こどもの日"), (new DateOnly(2026, 5, 6), "休日")],
            holidays.Select(h => (h.Date, h.Name)));
    }

    [Fact]
    public void Between_AcrossPublishedAndRuleYears_JoinsBoth()
    {
        var holidays = JapaneseHolidays.Official.Between(new DateOnly(2027, 11, 1), new DateOnly(2028, 1, 31));

        Assert.Equal(
            ["2027-11-03", "2027-11-23", "2028-01-01", "2028-01-10"],
            holidays.Select(h => h.Date.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void Between_FromAfterTo_Throws() =>
        Assert.Throws<ArgumentException>(() => JapaneseHolidays.Official.Between(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));

    [Theory]
    [InlineData(1955, HolidaySource.Published)]
    [InlineData(2027, HolidaySource.Published)]
    [InlineData(2028, HolidaySource.Rules)]
    [InlineData(1949, HolidaySource.Rules)]
    [InlineData(2099, HolidaySource.Rules)]
    public void SourceOf_Year_PublishedUpTo2027ThenRules(int year, HolidaySource source) =>
        Assert.Equal(source, JapaneseHolidays.Official.SourceOf(year));

    [Fact]
    public void LastPublishedYear_BuiltInList_Is2027() =>
        Assert.Equal(2027, JapaneseHolidays.Official.LastPublishedYear);

    [Theory]
    [InlineData("1948-12-31")]
    [InlineData("2100-01-01")]
    public void Find_OutsideSupportedYears_Throws(string date) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.Official.Find(DateOnly.Parse(date)));
}
