using System.Collections.Frozen;

namespace Zaitaku.Work.Calendar;

/// <summary>Why a day is not a working day.</summary>
public enum NonWorkingDayKind
{
    /// <summary>A national holiday, 振替休日, 国民の休日 or special-law holiday.</summary>
    NationalHoliday,

    /// <summary>年末年始: the offices' year-end closure, 12/29 to 1/3.</summary>
    YearEndClosure,

    /// <summary>Saturday or Sunday.</summary>
    Weekend,

    /// <summary>A closure day the municipality set for itself (e.g. a local anniversary).</summary>
    TenantClosure,
}

/// <summary>Why a day is not a working day, with the text a screen shows.</summary>
/// <param name="Kind">The reason; when several hold, the first in <see cref="NonWorkingDayKind"/>'s order.</param>
/// <param name="Text">What to show: the holiday's name, 年末年始, 土曜日, ...</param>
/// <param name="Holiday">The holiday, when <paramref name="Kind"/> is <see cref="NonWorkingDayKind.NationalHoliday"/>.</param>
public sealed record NonWorkingDay(NonWorkingDayKind Kind, LocalizedText Text, JapaneseHoliday? Holiday = null);

/// <summary>
/// A municipality's working days: not Saturday or Sunday, not a national holiday, not the
/// year-end closure (12/29–1/3) and not one of the tenant's own closure days. Immutable.
/// </summary>
public sealed class WorkCalendar
{
    private static readonly LocalizedText YearEndText = new("年末年始の閉庁日", "Year-end closure");
    private static readonly LocalizedText SaturdayText = new("土曜日", "Saturday");
    private static readonly LocalizedText SundayText = new("日曜日", "Sunday");
    private static readonly LocalizedText TenantClosureText = new("団体が定めた閉庁日", "Closure day set by the municipality");

    private readonly FrozenSet<DateOnly> _tenantClosures;

    /// <summary>A calendar from the given holidays and the tenant's own closure days.</summary>
    public WorkCalendar(JapaneseHolidays holidays, IEnumerable<DateOnly>? tenantClosures = null)
    {
        Holidays = holidays ?? throw new ArgumentNullException(nameof(holidays));
        _tenantClosures = (tenantClosures ?? []).ToFrozenSet();
    }

    /// <summary>The national holidays used.</summary>
    public JapaneseHolidays Holidays { get; }

    /// <summary>The tenant's own closure days.</summary>
    public IReadOnlySet<DateOnly> TenantClosures => _tenantClosures;

    /// <summary>True when staff work on the day.</summary>
    public bool IsWorkingDay(DateOnly date) => WhyNotWorking(date) is null;

    /// <summary>Why the day is not a working day, or null when it is one.</summary>
    public NonWorkingDay? WhyNotWorking(DateOnly date)
    {
        if (Holidays.Find(date) is { } holiday) return new(NonWorkingDayKind.NationalHoliday, holiday.DisplayName, holiday);
        if (IsYearEndClosure(date)) return new(NonWorkingDayKind.YearEndClosure, YearEndText);
        if (date.DayOfWeek == DayOfWeek.Saturday) return new(NonWorkingDayKind.Weekend, SaturdayText);
        if (date.DayOfWeek == DayOfWeek.Sunday) return new(NonWorkingDayKind.Weekend, SundayText);
        if (_tenantClosures.Contains(date)) return new(NonWorkingDayKind.TenantClosure, TenantClosureText);
        return null;
    }

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public IReadOnlyList<DateOnly> WorkingDays(DateOnly from, DateOnly to)
    {
        if (from > to) throw new ArgumentException($"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).", nameof(from));
        var days = new List<DateOnly>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date)) days.Add(date);
            if (date == DateOnly.MaxValue) break;
        }
        return days;
    }

    /// <summary>How many working days there are from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to) => WorkingDays(from, to).Count;

    /// <summary>The first working day after the date.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => AddWorkingDays(date, 1);

    /// <summary>The last working day before the date.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date) => AddWorkingDays(date, -1);

    /// <summary>
    /// The date <paramref name="count"/> working days after the date (before it when negative);
    /// the date itself when 0. For "a request must be made N working days ahead".
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        var step = Math.Sign(count);
        var left = Math.Abs(count);
        while (left > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    /// <summary>12/29–1/3: the closure every municipality's 休日条例 sets (地方自治法 article 4-2).</summary>
    public static bool IsYearEndClosure(DateOnly date) =>
        (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3);
}
