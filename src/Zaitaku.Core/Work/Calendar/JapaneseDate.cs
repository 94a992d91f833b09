using System.Globalization;

namespace Zaitaku.Work.Calendar;

/// <summary>An era (元号) of the Japanese calendar.</summary>
/// <param name="Name">The era's name (令和).</param>
/// <param name="Letter">Its initial in short dates (R).</param>
/// <param name="Start">Its first day in the Gregorian calendar.</param>
public sealed record JapaneseEra(string Name, char Letter, DateOnly Start);

/// <summary>
/// Dates as Japanese screens and documents write them: 令和8年11月26日(木), R8.11.26, 元年 for
/// an era's first year. The eras are kept here rather than read from the OS (ICU or the
/// registry) so that every machine formats alike; tests compare them with .NET's
/// <see cref="JapaneseCalendar"/>.
/// </summary>
public static class JapaneseDate
{
    private static readonly string[] WeekdayNames = ["日", "月", "火", "水", "木", "金", "土"];

    /// <summary>The eras since Japan took up the Gregorian calendar, oldest first.</summary>
    public static IReadOnlyList<JapaneseEra> Eras { get; } =
    [
        new("明治", 'M', new DateOnly(1868, 10, 23)),
        new("大正", 'T', new DateOnly(1912, 7, 30)),
        new("昭和", 'S', new DateOnly(1926, 12, 25)),
        new("平成", 'H', new DateOnly(1989, 1, 8)),
        new("令和", 'R', new DateOnly(2019, 5, 1)),
    ];

    /// <summary>The first date formatted: Japan used the Gregorian calendar from 明治6年 (1873).</summary>
    public static DateOnly FirstSupportedDate { get; } = new(1873, 1, 1);

    /// <summary>The era and the year within it (1 for 元年).</summary>
    public static (JapaneseEra Era, int Year) EraYearOf(DateOnly date)
    {
        if (date < FirstSupportedDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "Japanese dates are formatted from 1873-01-01, when Japan took up the Gregorian calendar.");
        }
        for (var i = Eras.Count - 1; ; i--)
        {
            if (date >= Eras[i].Start) return (Eras[i], date.Year - Eras[i].Start.Year + 1);
        }
    }

    /// <summary>The era year as written: 令和元年, 令和8年.</summary>
    public static string EraYear(DateOnly date)
    {
        var (era, year) = EraYearOf(date);
        return EraYear(era, year);
    }

    /// <summary>令和8年11月26日; 令和元年5月1日 for the first year.</summary>
    public static string Format(DateOnly date) => $"{EraYear(date)}{date.Month}月{date.Day}日";

    /// <summary>令和8年11月26日(木).</summary>
    public static string FormatWithWeekday(DateOnly date) => $"{Format(date)}({Weekday(date)})";

    /// <summary>R8.11.26; the first year is 1 (R1.5.1), as forms write it.</summary>
    public static string FormatShort(DateOnly date)
    {
        var (era, year) = EraYearOf(date);
        return $"{era.Letter}{year}.{date.Month}.{date.Day}";
    }

    /// <summary>2026年11月26日: the Western year in Japanese form.</summary>
    public static string FormatWestern(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>The weekday's one-character name: 木.</summary>
    public static string Weekday(DateOnly date) => WeekdayNames[(int)date.DayOfWeek];

    internal static string EraYear(JapaneseEra era, int year) =>
        year == 1 ? $"{era.Name}元年" : $"{era.Name}{year.ToString(CultureInfo.InvariantCulture)}年";
}

/// <summary>
/// A fiscal year (年度), April to March, named by the calendar year it starts in:
/// <c>FiscalYear.Of(2027-03-31)</c> is 2026, 令和8年度.
/// </summary>
public readonly record struct FiscalYear(int StartYear) : IComparable<FiscalYear>
{
    /// <summary>The fiscal year a date falls in.</summary>
    public static FiscalYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>April 1.</summary>
    public DateOnly FirstDay => new(StartYear, 4, 1);

    /// <summary>March 31 of the next calendar year.</summary>
    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    /// <summary>The fiscal year after this one.</summary>
    public FiscalYear Next => new(StartYear + 1);

    /// <summary>The fiscal year before this one.</summary>
    public FiscalYear Previous => new(StartYear - 1);

    /// <summary>True when the date falls in this fiscal year.</summary>
    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    /// <summary>The first day of each month in fiscal order: April, May, ..., March.</summary>
    public IReadOnlyList<DateOnly> MonthStarts
    {
        get
        {
            var first = FirstDay;
            return [.. Enumerable.Range(0, 12).Select(first.AddMonths)];
        }
    }

    /// <summary>
    /// 令和8年度 / FY2026. The era is the one in force at the end of the starting calendar year,
    /// as usage has it: April 1988–March 1989 is 昭和63年度, April 2019–March 2020 is 令和元年度.
    /// </summary>
    public LocalizedText Label
    {
        get
        {
            var (era, year) = JapaneseDate.EraYearOf(new DateOnly(StartYear, 12, 31));
            return new($"{JapaneseDate.EraYear(era, year)}度", $"FY{StartYear}");
        }
    }

    /// <summary>2026年度: the Western form many municipalities print beside the era form.</summary>
    public string WesternLabel => $"{StartYear}年度";

    /// <inheritdoc />
    public int CompareTo(FiscalYear other) => StartYear.CompareTo(other.StartYear);

    /// <inheritdoc />
    public override string ToString() => Label.Ja;
}
