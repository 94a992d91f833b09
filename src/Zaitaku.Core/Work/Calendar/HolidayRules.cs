namespace Zaitaku.Work.Calendar;

/// <summary>
/// The 祝日法 (国民の祝日に関する法律, 1948) and its amendments as rules: the national holidays of
/// article 2 as each amendment dated them, 振替休日 (article 3-2) and 国民の休日 (article 3-3).
/// Used for years the Cabinet Office has not published yet; for published years it is tested
/// against the official list.
/// </summary>
internal static class HolidayRules
{
    /// <summary>The first whole year under the 祝日法 (in force from 1948-07-20).</summary>
    public const int FirstYear = 1949;

    /// <summary>The last year the equinox approximation below is valid for.</summary>
    public const int LastYear = 2099;

    // 振替休日 from 1973-04-12; from 2007 it moves past consecutive holidays instead of only to Monday.
    private static readonly DateOnly SubstituteHolidaysFrom = new(1973, 4, 12);
    private static readonly DateOnly CitizensHolidaysFrom = new(1985, 12, 27);
    private static readonly DateOnly Amendment2007 = new(2007, 1, 1);

    private sealed record NationalHolidayRule(string Name, int FromYear, int ToYear, Func<int, DateOnly> DateIn);

    private static readonly NationalHolidayRule[] Article2 =
    [
        new(HolidayNames.NewYearsDay, 1949, int.MaxValue, y => new(y, 1, 1)),
        new(HolidayNames.ComingOfAgeDay, 1949, 1999, y => new(y, 1, 15)),
        new(HolidayNames.ComingOfAgeDay, 2000, int.MaxValue, y => NthMonday(y, 1, 2)),
        new(HolidayNames.FoundationDay, 1967, int.MaxValue, y => new(y, 2, 11)),
        new(HolidayNames.EmperorsBirthday, 1949, 1988, y => new(y, 4, 29)),
        new(HolidayNames.EmperorsBirthday, 1989, 2018, y => new(y, 12, 23)),
        new(HolidayNames.EmperorsBirthday, 2020, int.MaxValue, y => new(y, 2, 23)),
        new(HolidayNames.VernalEquinoxDay, 1949, int.MaxValue, y => new(y, 3, VernalEquinoxDay(y))),
        new(HolidayNames.GreeneryDay, 1989, 2006, y => new(y, 4, 29)),
        new(HolidayNames.ShowaDay, 2007, int.MaxValue, y => new(y, 4, 29)),
        new(HolidayNames.ConstitutionDay, 1949, int.MaxValue, y => new(y, 5, 3)),
        new(HolidayNames.GreeneryDay, 2007, int.MaxValue, y => new(y, 5, 4)),
        new(HolidayNames.ChildrensDay, 1949, int.MaxValue, y => new(y, 5, 5)),
        new(HolidayNames.MarineDay, 1996, 2002, y => new(y, 7, 20)),
        new(HolidayNames.MarineDay, 2003, int.MaxValue, y => NthMonday(y, 7, 3)),
        new(HolidayNames.MountainDay, 2016, int.MaxValue, y => new(y, 8, 11)),
        new(HolidayNames.RespectForTheAgedDay, 1966, 2002, y => new(y, 9, 15)),
        new(HolidayNames.RespectForTheAgedDay, 2003, int.MaxValue, y => NthMonday(y, 9, 3)),
        new(HolidayNames.AutumnalEquinoxDay, 1949, int.MaxValue, y => new(y, 9, AutumnalEquinoxDay(y))),
        new(HolidayNames.HealthAndSportsDay, 1966, 1999, y => new(y, 10, 10)),
        new(HolidayNames.HealthAndSportsDay, 2000, 2019, y => NthMonday(y, 10, 2)),
        new(HolidayNames.SportsDay, 2020, int.MaxValue, y => NthMonday(y, 10, 2)),
        new(HolidayNames.CultureDay, 1949, int.MaxValue, y => new(y, 11, 3)),
        new(HolidayNames.LabourThanksgivingDay, 1949, int.MaxValue, y => new(y, 11, 23)),
    ];

    /// <summary>The holidays of a year by the rules and the given law exceptions, in date order.</summary>
    public static IReadOnlyList<JapaneseHoliday> For(int year, HolidayLawExceptions exceptions)
    {
        if (year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"The 祝日法 rules are implemented for {FirstYear}–{LastYear}.");
        }

        var days = new SortedDictionary<DateOnly, JapaneseHoliday>();
        // Days that count as 国民の祝日 for articles 3-2 and 3-3.
        var national = new HashSet<DateOnly>();

        foreach (var rule in Article2)
        {
            if (year < rule.FromYear || year > rule.ToYear) continue;
            var date = exceptions.MovedDate(year, rule.Name) ?? rule.DateIn(year);
            days[date] = new JapaneseHoliday(date, exceptions.PublishedNameOf(date) ?? rule.Name, HolidayKind.National);
            national.Add(date);
        }

        foreach (var added in exceptions.Added)
        {
            if (added.Date.Year != year) continue;
            days[added.Date] = new JapaneseHoliday(added.Date, added.Name, HolidayKind.SpecialLaw);
            if (added.TreatedAsNationalHoliday) national.Add(added.Date);
        }

        foreach (var date in national.Where(d => d.DayOfWeek == DayOfWeek.Sunday && d >= SubstituteHolidaysFrom).ToList())
        {
            var substitute = date.AddDays(1);
            if (date >= Amendment2007)
            {
                while (national.Contains(substitute)) substitute = substitute.AddDays(1);
            }
            else if (national.Contains(substitute))
            {
                continue; // before 2007 the substitute was only the Monday after
            }
            if (substitute.Year == year && !days.ContainsKey(substitute))
            {
                days[substitute] = new JapaneseHoliday(substitute, HolidayNames.Holiday, HolidayKind.Substitute);
            }
        }

        foreach (var date in national)
        {
            var between = date.AddDays(1);
            if (between.Year != year || between < CitizensHolidaysFrom) continue;
            if (!national.Contains(between.AddDays(1)) || national.Contains(between) || days.ContainsKey(between)) continue;
            // Before 2007 a Sunday between two holidays stayed an ordinary Sunday.
            if (between < Amendment2007 && between.DayOfWeek == DayOfWeek.Sunday) continue;
            days[between] = new JapaneseHoliday(between, HolidayNames.Holiday, HolidayKind.Citizens);
        }

        return [.. days.Values];
    }

    /// <summary>
    /// 春分の日: the day of the March equinox by the approximation commonly used with the
    /// National Astronomical Observatory's 暦要項 (valid 1900–2099).
    /// </summary>
    public static int VernalEquinoxDay(int year) => year <= 1979
        ? (int)(20.8357 + 0.242194 * (year - 1980) - (int)((year - 1983) / 4.0))
        : (int)(20.8431 + 0.242194 * (year - 1980) - (int)((year - 1980) / 4.0));

    /// <summary>秋分の日: the day of the September equinox by the same approximation.</summary>
    public static int AutumnalEquinoxDay(int year) => year <= 1979
        ? (int)(23.2588 + 0.242194 * (year - 1980) - (int)((year - 1983) / 4.0))
        : (int)(23.2488 + 0.242194 * (year - 1980) - (int)((year - 1980) / 4.0));

    /// <summary>The nth Monday of a month (ハッピーマンデー).</summary>
    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var toMonday = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toMonday + 7 * (n - 1));
    }
}
