using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work.Calendar;

public class FiscalYearTests
{
    [Theory]
    [InlineData("2027-03-31", 2026)]
    [InlineData("2026-04-01", 2026)]
    [InlineData("2026-03-31", 2025)]
    [InlineData("2026-12-31", 2026)]
    [InlineData("2027-01-01", 2026)]
    public void Of_Date_FiscalYearStartingTheAprilBefore(string date, int startYear) =>
        Assert.Equal(new FiscalYear(startYear), FiscalYear.Of(DateOnly.Parse(date)));

    [Theory]
    [InlineData(2026, "令和8年度", "FY2026")]
    [InlineData(2019, "令和元年度", "FY2019")]
    [InlineData(2018, "平成30年度", "FY2018")]
    [InlineData(1989, "平成元年度", "FY1989")]
    [InlineData(1988, "昭和63年度", "FY1988")]
    public void Label_FiscalYear_EraFormWithEnglishTwin(int startYear, string ja, string en) =>
        Assert.Equal(new LocalizedText(ja, en), new FiscalYear(startYear).Label);

    [Fact]
    public void WesternLabel_2026_Western年度() =>
        Assert.Equal("2026年度", new FiscalYear(2026).WesternLabel);

    [Fact]
    public void FirstAndLastDay_2026_April1ToMarch31()
    {
        var year = new FiscalYear(2026);

        Assert.Equal(new DateOnly(2026, 4, 1), year.FirstDay);
        Assert.Equal(new DateOnly(2027, 3, 31), year.LastDay);
        Assert.True(year.Contains(new DateOnly(2027, 3, 31)));
        Assert.False(year.Contains(new DateOnly(2027, 4, 1)));
        Assert.False(year.Contains(new DateOnly(2026, 3, 31)));
    }

    [Fact]
    public void MonthStarts_2026_AprilToMarchInOrder()
    {
        var months = new FiscalYear(2026).MonthStarts;

        Assert.Equal(
            ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"],
            months.Select(m => m.ToString("yyyy-MM")));
        Assert.All(months, m => Assert.Equal(1, m.Day));
    }

    [Fact]
    public void NextAndPrevious_2026_NeighbouringYears()
    {
        Assert.Equal(new FiscalYear(2027), new FiscalYear(2026).Next);
        Assert.Equal(new FiscalYear(2025), new FiscalYear(2026).Previous);
        Assert.True(new FiscalYear(2025).CompareTo(new FiscalYear(2026)) < 0);
    }
}
