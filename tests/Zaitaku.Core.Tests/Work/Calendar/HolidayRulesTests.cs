using Zaitaku.Work.Calendar;

namespace Zaitaku.Core.Tests.Work.Calendar;

public class HolidayRulesTests
{
    public static TheoryData<int> PublishedYears => OfficialList.Years(OfficialList.FirstYear, OfficialList.LastYear);

    [Theory]
    [MemberData(nameof(PublishedYears))]
    public void For_PublishedYear_ReproducesOfficialListWithSpecialLaws(int year)
    {
        var rules = HolidayRules.For(year, HolidayLawExceptions.Enacted);

        Assert.Equal(
            OfficialList.InYear(year).Select(r => (r.Key, r.Value)),
            rules.Select(h => (h.Date, h.Name)));
        // The kinds the rules give agree with the kinds read from the list's neighbours.
        Assert.Equal(JapaneseHolidays.Official.InYear(year).Select(h => h.Kind), rules.Select(h => h.Kind));
    }

    [Fact]
    public void For_WithoutSpecialLaws_DiffersFromOfficialListOnlyOnSpecialLawDays()
    {
        var differences = new SortedSet<DateOnly>();
        for (var year = OfficialList.FirstYear; year <= OfficialList.LastYear; year++)
        {
            var rules = HolidayRules.For(year, HolidayLawExceptions.None).ToDictionary(h => h.Date, h => h.Name);
            var listed = OfficialList.InYear(year).ToDictionary(r => r.Key, r => r.Value);
            foreach (var date in rules.Keys.Union(listed.Keys))
            {
                if (rules.GetValueOrDefault(date) != listed.GetValueOrDefault(date)) differences.Add(date);
            }
        }

        string[] specialLawDays =
        [
            "1959-04-10", // 皇太子明仁親王の結婚の儀
            "1989-02-24", // 昭和天皇の大喪の礼
            "1990-11-12", // 即位礼正殿の儀
            "1993-06-09", // 皇太子徳仁親王の結婚の儀
            "2019-04-30", "2019-05-01", "2019-05-02", // 天皇の即位の日 and the 国民の休日 it makes
            "2019-10-14", // the list's name 体育の日（スポーツの日）
            "2019-10-22", // 即位礼正殿の儀
            "2020-07-20", "2020-07-23", "2020-07-24", "2020-08-10", "2020-08-11", "2020-10-12", // Olympics 2020
            "2021-07-19", "2021-07-22", "2021-07-23", "2021-08-08", "2021-08-09", "2021-08-11", "2021-10-11", // Olympics 2021
        ];
        Assert.Equal(specialLawDays, differences.Select(d => d.ToString("yyyy-MM-dd")));
    }

    [Theory]
    [InlineData(2028, 20, 22)]
    [InlineData(2029, 20, 23)]
    [InlineData(2030, 20, 23)]
    [InlineData(2032, 20, 22)]
    public void For_YearAfterPublishedList_EquinoxDaysAsForecast(int year, int vernal, int autumnal)
    {
        var holidays = HolidayRules.For(year, HolidayLawExceptions.Enacted)
            .Where(h => h.Kind == HolidayKind.National)
            .ToDictionary(h => h.Name, h => h.Date);

        Assert.Equal(new DateOnly(year, 3, vernal), holidays["春分の日"]);
        Assert.Equal(new DateOnly(year, 9, autumnal), holidays["秋分の日"]);
    }

    [Fact]
    public void For_2028_EveryHolidayOfTheYear()
    {
        string[] expected =
        [
            "2028-01-01 元日", "2028-01-10 成人の日", "2028-02-11 建国記念の日", "2028-02-23 天皇誕生日",
            "2028-03-20 春分の日", "2028-04-29 昭和の日", "2028-05-03 憲法記念日", "2028-05-04 みどりの日",
            "2028-05-05 こどもの日", "2028-07-17 海の日", "2028-08-11 山の日", "2028-09-18 敬老の日",
            "2028-09-22 秋分の日", "2028-10-09 スポーツの日", "2028-11-03 文化の日", "2028-11-23 勤労感謝の日",
        ];

        Assert.Equal(expected, HolidayRules.For(2028, HolidayLawExceptions.Enacted).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}"));
    }

    [Theory]
    [InlineData("2029-09-24", HolidayKind.Substitute)] // 秋分の日 9/23 is a Sunday
    [InlineData("2030-05-06", HolidayKind.Substitute)] // こどもの日 on a Sunday
    [InlineData("2030-08-12", HolidayKind.Substitute)] // 山の日 on a Sunday
    [InlineData("2032-09-21", HolidayKind.Citizens)] // between 敬老の日 9/20 and 秋分の日 9/22
    public void For_YearAfterPublishedList_SubstituteAndCitizensHolidays(string date, HolidayKind kind)
    {
        var day = DateOnly.Parse(date);
        var holiday = HolidayRules.For(day.Year, HolidayLawExceptions.Enacted).Single(h => h.Date == day);

        Assert.Equal("休日", holiday.Name);
        Assert.Equal(kind, holiday.Kind);
    }

    [Fact]
    public void For_1997SundayBetweenHolidays_NoHolidayUnderTheOldRule()
    {
        // 1997-05-04 was a Sunday between two holidays: before 2007 it stayed a plain Sunday, and 5/6 a working day.
        var days = HolidayRules.For(1997, HolidayLawExceptions.Enacted).Select(h => h.Date).ToHashSet();

        Assert.DoesNotContain(new DateOnly(1997, 5, 4), days);
        Assert.DoesNotContain(new DateOnly(1997, 5, 6), days);
        Assert.Contains(new DateOnly(1997, 5, 5), days);
    }

    [Theory]
    [InlineData(1948)]
    [InlineData(2100)]
    public void For_YearOutsideTheRules_Throws(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HolidayRules.For(year, HolidayLawExceptions.Enacted));
}
