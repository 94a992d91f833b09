using System.Collections.Frozen;

namespace Zaitaku.Work.Calendar;

/// <summary>Where a year's holidays come from.</summary>
public enum HolidaySource
{
    /// <summary>The 祝日法's rules: the Cabinet Office has not published the year (or it was not imported).</summary>
    Rules,

    /// <summary>The Cabinet Office's list built into this version of Zaitaku.</summary>
    Published,

    /// <summary>A newer Cabinet Office list an administrator imported.</summary>
    Imported,
}

/// <summary>
/// Japan's national holidays (国民の祝日・休日), an immutable value built from three sources, each
/// year taken whole from the first that has it: the lists an administrator imported, the
/// Cabinet Office's list built into Zaitaku (1955–2027), and the 祝日法's rules (to 2099).
/// Importing returns a new calendar; the data layer stores <see cref="Imported"/> per deployment
/// and rebuilds the calendar with <see cref="WithImported"/>.
/// </summary>
public sealed class JapaneseHolidays
{
    private const string ResourceName = "Zaitaku.Work.Calendar.syukujitsu.csv";

    private static readonly Lazy<HolidayList> BuiltInList = new(LoadBuiltIn);
    private static readonly Lazy<JapaneseHolidays> OfficialCalendar = new(() => new JapaneseHolidays(BuiltInList.Value, HolidayList.Empty));
    private static readonly Lazy<JapaneseHolidays> RulesCalendar = new(() => new JapaneseHolidays(HolidayList.Empty, HolidayList.Empty));

    private readonly JapaneseHoliday[] _ordered;
    private readonly FrozenDictionary<DateOnly, JapaneseHoliday> _byDate;
    private readonly HolidaySource[] _sourceByYear;

    private JapaneseHolidays(HolidayList published, HolidayList imported)
    {
        Published = published;
        Imported = imported;
        var years = LastYear - FirstYear + 1;
        _sourceByYear = new HolidaySource[years];
        var byYear = new List<JapaneseHoliday>[years];
        for (var i = 0; i < years; i++) byYear[i] = [];

        foreach (var holiday in imported.Holidays) byYear[holiday.Date.Year - FirstYear].Add(holiday);
        foreach (var year in imported.Years) _sourceByYear[year - FirstYear] = HolidaySource.Imported;
        foreach (var holiday in published.Holidays)
        {
            if (!imported.Years.Contains(holiday.Date.Year)) byYear[holiday.Date.Year - FirstYear].Add(holiday);
        }
        foreach (var year in published.Years.Except(imported.Years)) _sourceByYear[year - FirstYear] = HolidaySource.Published;
        for (var year = FirstYear; year <= LastYear; year++)
        {
            if (_sourceByYear[year - FirstYear] == HolidaySource.Rules)
            {
                byYear[year - FirstYear].AddRange(HolidayRules.For(year, HolidayLawExceptions.Enacted));
            }
        }

        _ordered = [.. byYear.SelectMany(h => h).OrderBy(h => h.Date)];
        _byDate = _ordered.ToFrozenDictionary(h => h.Date);
    }

    /// <summary>The first year Zaitaku knows holidays for.</summary>
    public const int FirstYear = HolidayRules.FirstYear;

    /// <summary>The last year Zaitaku knows holidays for (the equinox approximation ends in 2099).</summary>
    public const int LastYear = HolidayRules.LastYear;

    /// <summary>The built-in Cabinet Office list with the rules for later years; nothing imported.</summary>
    public static JapaneseHolidays Official => OfficialCalendar.Value;

    /// <summary>The 祝日法's rules (with the special laws) for every year: for comparing with the lists.</summary>
    internal static JapaneseHolidays RulesOnly => RulesCalendar.Value;

    /// <summary>The built-in Cabinet Office list.</summary>
    public HolidayList Published { get; }

    /// <summary>What administrators imported, newer imports replacing older ones year by year: what a deployment stores.</summary>
    public HolidayList Imported { get; }

    /// <summary>The last year of the built-in Cabinet Office list.</summary>
    public int LastPublishedYear => Published.Years.Count == 0 ? FirstYear - 1 : Published.Years.Max();

    /// <summary>Where the holidays of a year come from.</summary>
    public HolidaySource SourceOf(int year)
    {
        CheckYear(year);
        return _sourceByYear[year - FirstYear];
    }

    /// <summary>The holiday on a date, or null when the date is not a holiday.</summary>
    public JapaneseHoliday? Find(DateOnly date)
    {
        CheckYear(date.Year);
        return _byDate.GetValueOrDefault(date);
    }

    /// <summary>True when the date is a national holiday, a 振替休日, a 国民の休日 or a special-law holiday.</summary>
    public bool IsHoliday(DateOnly date) => Find(date) is not null;

    /// <summary>The holidays from <paramref name="from"/> to <paramref name="to"/>, both included, in date order.</summary>
    public IReadOnlyList<JapaneseHoliday> Between(DateOnly from, DateOnly to)
    {
        if (from > to) throw new ArgumentException($"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).", nameof(from));
        CheckYear(from.Year);
        CheckYear(to.Year);
        var start = LowerBound(from);
        var end = LowerBound(to.AddDays(1));
        return _ordered.AsSpan(start, end - start).ToArray();
    }

    /// <summary>The holidays of a year in date order.</summary>
    public IReadOnlyList<JapaneseHoliday> InYear(int year)
    {
        CheckYear(year);
        return Between(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    /// <summary>
    /// Reads a Cabinet Office CSV (Shift_JIS or UTF-8) and returns a calendar whose years in the
    /// file come from it. A malformed file is refused with the row and column to fix; this
    /// calendar never changes.
    /// </summary>
    public Result<JapaneseHolidays> Import(Stream csv)
    {
        var parsed = HolidayCsv.Parse(csv);
        return parsed.IsOk ? WithImported(parsed.Value) : parsed.Error!;
    }

    /// <summary>This calendar with the given list's years replacing what it had for them (for stored imports).</summary>
    public JapaneseHolidays WithImported(HolidayList imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        foreach (var year in imported.Years) CheckYear(year);
        return new JapaneseHolidays(Published, Imported.OverriddenBy(imported));
    }

    private int LowerBound(DateOnly date)
    {
        int low = 0, high = _ordered.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_ordered[mid].Date < date) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static void CheckYear(int year)
    {
        if (year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Holidays are known for {FirstYear}–{LastYear} only.");
        }
    }

    private static HolidayList LoadBuiltIn()
    {
        using var stream = typeof(JapaneseHolidays).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var parsed = HolidayCsv.Parse(stream);
        return parsed.IsOk
            ? parsed.Value
            : throw new InvalidOperationException($"The built-in holiday list is malformed: {parsed.Error!.Message.En}");
    }
}
