using System.Globalization;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work.Calendar;

public class JapaneseDateTests
{
    [Theory]
    [InlineData("2019-04-30", "平成31年4月30日")]
    [InlineData("2019-05-01", "令和元年5月1日")]
    [InlineData("2019-12-31", "令和元年12月31日")]
    [InlineData("2020-01-01", "令和2年1月1日")]
    [InlineData("2026-11-26", "令和8年11月26日")]
    [InlineData("1989-01-07", "昭和64年1月7日")]
    [InlineData("1989-01-08", "平成元年1月8日")]
    [InlineData("1955-01-01", "昭和30年1月1日")]
    [InlineData("1926-12-25", "昭和元年12月25日")]
    [InlineData("1912-07-30", "大正元年7月30日")]
    [InlineData("1873-01-01", "明治6年1月1日")]
    public void Format_Date_EraForm(string date, string expected) =>
        Assert.Equal(expected, JapaneseDate.Format(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2026-11-26", "R8.11.26")]
    [InlineData("2019-05-01", "R1.5.1")]
    [InlineData("2019-04-30", "H31.4.30")]
    [InlineData("1988-12-31", "S63.12.31")]
    public void FormatShort_Date_EraInitialAndNumbers(string date, string expected) =>
        Assert.Equal(expected, JapaneseDate.FormatShort(DateOnly.Parse(date)));

    [Theory]
    [InlineData("2026-11-26", "木")]
    [InlineData("2026-11-29", "日")]
    [InlineData("2026-11-30", "月")]
    [InlineData("2026-11-28", "土")]
    public void Weekday_Date_JapaneseName(string date, string expected) =>
        Assert.Equal(expected, JapaneseDate.Weekday(DateOnly.Parse(date)));

    [Fact]
    public void FormatWithWeekday_Date_EraFormAndWeekday() =>
        Assert.Equal("令和8年11月26日(木)", JapaneseDate.FormatWithWeekday(new DateOnly(2026, 11, 26)));

    [Fact]
    public void FormatWestern_Date_WesternYearInJapaneseForm() =>
        Assert.Equal("2026年11月26日", JapaneseDate.FormatWestern(new DateOnly(2026, 11, 26)));

    [Fact]
    public void EraYearOf_EveryDay1873To2100_AgreesWithDotNetJapaneseCalendar()
    {
        var japanese = new CultureInfo("ja-JP");
        var calendar = new JapaneseCalendar();
        japanese.DateTimeFormat.Calendar = calendar;

        for (var date = JapaneseDate.FirstSupportedDate; date.Year <= 2100; date = date.AddDays(1))
        {
            var dateTime = date.ToDateTime(TimeOnly.MinValue);
            var (era, year) = JapaneseDate.EraYearOf(date);
            Assert.Equal(japanese.DateTimeFormat.GetEraName(calendar.GetEra(dateTime)), era.Name);
            Assert.Equal(calendar.GetYear(dateTime), year);
        }
    }

    [Fact]
    public void Format_BeforeTheGregorianCalendarInJapan_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseDate.Format(new DateOnly(1872, 12, 31)));
}
