namespace Zaitaku.Work.Calendar;

/// <summary>One row of the Cabinet Office's list: a date and its official name. This is what a deployment stores.</summary>
public readonly record struct HolidayEntry(DateOnly Date, string Name);

/// <summary>
/// Whole years of the Cabinet Office's list (国民の祝日・休日), either the copy built into Zaitaku or
/// one an administrator imported. Each year it holds replaces every other source for that year.
/// </summary>
public sealed class HolidayList
{
    private static readonly HashSet<string> SpecialLawNames = new(StringComparer.Ordinal)
    {
        HolidayNames.HolidayTreatedAsNational, "即位礼正殿の儀", "大喪の礼", "結婚の儀",
    };

    private HolidayList(IReadOnlyList<JapaneseHoliday> holidays)
    {
        Holidays = holidays;
        Years = holidays.Select(h => h.Date.Year).ToHashSet();
    }

    /// <summary>An empty list (nothing imported).</summary>
    public static HolidayList Empty { get; } = new([]);

    /// <summary>The holidays in date order.</summary>
    public IReadOnlyList<JapaneseHoliday> Holidays { get; }

    /// <summary>The years the list covers.</summary>
    public IReadOnlySet<int> Years { get; }

    /// <summary>The rows to store, in date order.</summary>
    public IEnumerable<HolidayEntry> Entries => Holidays.Select(h => new HolidayEntry(h.Date, h.Name));

    /// <summary>
    /// Rebuilds a list from stored rows (already checked when they were imported). Dates must be
    /// unique; the kind of each "休日" is worked out from its neighbours.
    /// </summary>
    public static HolidayList From(IEnumerable<HolidayEntry> entries)
    {
        var byDate = new SortedDictionary<DateOnly, string>();
        foreach (var entry in entries)
        {
            if (!byDate.TryAdd(entry.Date, entry.Name))
            {
                throw new ArgumentException($"The date {entry.Date:yyyy-MM-dd} appears twice.", nameof(entries));
            }
        }

        var holidays = new List<JapaneseHoliday>(byDate.Count);
        foreach (var (date, name) in byDate)
        {
            holidays.Add(new JapaneseHoliday(date, name, KindOf(date, name, byDate)));
        }
        return new HolidayList(holidays);
    }

    /// <summary>The list with this list's years replaced by the newer list's years.</summary>
    public HolidayList OverriddenBy(HolidayList newer) =>
        From(Entries.Where(e => !newer.Years.Contains(e.Date.Year)).Concat(newer.Entries));

    // The official list names both 振替休日 and 国民の休日 "休日": a 休日 is a 振替休日 when the run of
    // holidays just before it contains a national holiday on a Sunday.
    private static HolidayKind KindOf(DateOnly date, string name, SortedDictionary<DateOnly, string> all)
    {
        if (SpecialLawNames.Contains(name)) return HolidayKind.SpecialLaw;
        if (name != HolidayNames.Holiday) return HolidayKind.National;

        for (var day = date.AddDays(-1); all.TryGetValue(day, out var before); day = day.AddDays(-1))
        {
            if (before != HolidayNames.Holiday && day.DayOfWeek == DayOfWeek.Sunday) return HolidayKind.Substitute;
        }
        return HolidayKind.Citizens;
    }
}
