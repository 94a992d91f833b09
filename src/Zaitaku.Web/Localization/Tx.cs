using System.Globalization;

namespace Zaitaku.Web.Localization;

/// <summary>
/// The console's localisation: every text is written in Japanese (the default) and English side by
/// side, so a translation can never be missing. The request's UI culture picks one.
/// </summary>
public static class Tx
{
    public static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>True when the current request is shown in English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the current UI culture.</summary>
    public static string T(string ja, string en) => IsEnglish ? en : ja;

    /// <summary>A <see cref="LocalizedText"/> in the current UI culture.</summary>
    public static string T(LocalizedText text) => text.Current;

    /// <summary>A count with its unit: 1,234人 / 1,234 staff.</summary>
    public static string Count(long n, string jaUnit, string enUnit) =>
        IsEnglish ? $"{n.ToString("N0", CultureInfo.InvariantCulture)} {enUnit}" : $"{n.ToString("N0", CultureInfo.InvariantCulture)}{jaUnit}";

    /// <summary>An instant as Tokyo wall-clock time: 2026/11/26 13:05.</summary>
    public static string DateTime(DateTimeOffset instant) =>
        JapanTime.ToTokyo(instant).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An instant with seconds, for logs.</summary>
    public static string DateTimeSeconds(DateTimeOffset instant) =>
        JapanTime.ToTokyo(instant).ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A date as staff expect it: 2026/11/26（令和8年）in Japanese, 2026-11-26 in English.</summary>
    public static string Date(DateOnly date) =>
        IsEnglish ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{date:yyyy/MM/dd}（{Era(date)}）";

    /// <summary>The Japanese era year of a date: 令和8年, 令和元年.</summary>
    public static string Era(DateOnly date)
    {
        var calendar = new JapaneseCalendar();
        var dt = date.ToDateTime(TimeOnly.MinValue);
        var era = calendar.GetEra(dt);
        var year = calendar.GetYear(dt);
        var format = (CultureInfo)Japanese.Clone();
        format.DateTimeFormat.Calendar = calendar;
        var name = format.DateTimeFormat.GetEraName(era);
        return year == 1 ? $"{name}元年" : $"{name}{year}年";
    }
}
