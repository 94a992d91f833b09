namespace Zaitaku.Work.Calendar;

/// <summary>A day off that a law of its own adds, outside the 祝日法's list.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">Its name as the Cabinet Office's list writes it.</param>
/// <param name="TreatedAsNationalHoliday">
/// True when the law says the day counts as a 国民の祝日 for the 祝日法's rules (so that it can
/// make a 国民の休日 of the day before or after, as in 2019).
/// </param>
/// <param name="Law">The law that made the day a holiday.</param>
internal sealed record SpecialLawHoliday(DateOnly Date, string Name, bool TreatedAsNationalHoliday, string Law);

/// <summary>A national holiday that a special law moves to another day for one year.</summary>
/// <param name="Name">The holiday moved (海の日, スポーツの日, 山の日).</param>
/// <param name="Date">The day it moved to; its year is the only year moved.</param>
/// <param name="Law">The law that moved it.</param>
internal sealed record MovedNationalHoliday(string Name, DateOnly Date, string Law);

/// <summary>A day whose name in the official list differs from the name the 祝日法 gives it that year.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">The name the official list uses.</param>
/// <param name="Why">Why the list names it so.</param>
internal sealed record PublishedName(DateOnly Date, string Name, string Why);

/// <summary>
/// What the 祝日法's general rules cannot derive: holidays by special laws, one-year moves and
/// the official list's own naming. Kept explicit, with the law's name, so that the rules can be
/// shown to reproduce the published list exactly once these are applied.
/// </summary>
internal sealed record HolidayLawExceptions(
    IReadOnlyList<SpecialLawHoliday> Added,
    IReadOnlyList<MovedNationalHoliday> Moved,
    IReadOnlyList<PublishedName> Names)
{
    private const string Enthronement2019Law = "天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律（平成30年）";
    private const string OlympicsLaw2020 = "平成三十二年東京オリンピック競技大会・東京パラリンピック競技大会特別措置法（平成30年改正）";
    private const string OlympicsLaw2021 = "平成三十二年東京オリンピック競技大会・東京パラリンピック競技大会特別措置法（令和2年改正、大会の延期による）";

    /// <summary>No exceptions: the 祝日法's general rules alone.</summary>
    public static HolidayLawExceptions None { get; } = new([], [], []);

    /// <summary>Every exception from 1949 to the last law passed.</summary>
    public static HolidayLawExceptions Enacted { get; } = new(
        Added:
        [
            new(new(1959, 4, 10), "結婚の儀", false, "皇太子明仁親王の結婚の儀の行われる日を休日とする法律（昭和34年）"),
            new(new(1989, 2, 24), "大喪の礼", false, "昭和天皇の大喪の礼の行われる日を休日とする法律（平成元年）"),
            new(new(1990, 11, 12), "即位礼正殿の儀", false, "即位礼正殿の儀の行われる日を休日とする法律（平成2年）"),
            new(new(1993, 6, 9), "結婚の儀", false, "皇太子徳仁親王の結婚の儀の行われる日を休日とする法律（平成5年）"),
            // The 2019 law makes both days count as national holidays, which turns 4/30 and 5/2 into 国民の休日.
            new(new(2019, 5, 1), HolidayNames.HolidayTreatedAsNational, true, Enthronement2019Law),
            new(new(2019, 10, 22), HolidayNames.HolidayTreatedAsNational, true, Enthronement2019Law),
        ],
        Moved:
        [
            new(HolidayNames.MarineDay, new(2020, 7, 23), OlympicsLaw2020),
            new(HolidayNames.SportsDay, new(2020, 7, 24), OlympicsLaw2020),
            new(HolidayNames.MountainDay, new(2020, 8, 10), OlympicsLaw2020),
            new(HolidayNames.MarineDay, new(2021, 7, 22), OlympicsLaw2021),
            new(HolidayNames.SportsDay, new(2021, 7, 23), OlympicsLaw2021),
            new(HolidayNames.MountainDay, new(2021, 8, 8), OlympicsLaw2021),
        ],
        Names:
        [
            new(new(2019, 10, 14), "体育の日（スポーツの日）",
                "内閣府の一覧は、2020年1月1日施行の祝日法改正（体育の日をスポーツの日に改称）を先取りしてこう表記している"),
        ]);

    /// <summary>The day a special law moves the named holiday to in the given year, if any.</summary>
    public DateOnly? MovedDate(int year, string name)
    {
        foreach (var move in Moved)
        {
            if (move.Date.Year == year && move.Name == name) return move.Date;
        }
        return null;
    }

    /// <summary>The official list's own name for the day, if it differs from the rule's.</summary>
    public string? PublishedNameOf(DateOnly date)
    {
        foreach (var name in Names)
        {
            if (name.Date == date) return name.Name;
        }
        return null;
    }
}
