using System.Globalization;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Work;

/// <summary>Dates and times as the work messages write them.</summary>
public static class WorkText
{
    /// <summary>2026年12月7日(月) / Mon 7 Dec 2026.</summary>
    public static LocalizedText Day(DateOnly date) => new(
        $"{JapaneseDate.FormatWestern(date)}({JapaneseDate.Weekday(date)})",
        date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));

    /// <summary>17:15.</summary>
    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant as Tokyo wall-clock time: 2026/12/07 17:15.</summary>
    public static string Instant(DateTimeOffset instant) =>
        JapanTime.ToTokyo(instant).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Minutes as hours and minutes: 7:45.</summary>
    public static string Duration(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{(minutes < 0 ? "-" : "")}{Math.Abs(minutes) / 60}:{Math.Abs(minutes) % 60:D2}");
}
