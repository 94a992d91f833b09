namespace Zaitaku.Work.Calendar;

/// <summary>Why a day is a holiday under the 祝日法 (国民の祝日に関する法律) or a special law.</summary>
public enum HolidayKind
{
    /// <summary>国民の祝日: a day named in article 2 of the 祝日法 (元日, 春分の日, ...).</summary>
    National,

    /// <summary>振替休日: the first non-holiday after a national holiday that falls on a Sunday (article 3-2).</summary>
    Substitute,

    /// <summary>国民の休日: a day between two national holidays (article 3-3).</summary>
    Citizens,

    /// <summary>A day made a holiday by its own law (即位礼正殿の儀, 大喪の礼, 結婚の儀, 2019's 休日（祝日扱い）).</summary>
    SpecialLaw,
}

/// <summary>
/// One day off under national law, named as the Cabinet Office's list (syukujitsu.csv) names it:
/// 振替休日 and 国民の休日 are both "休日" there, so <see cref="Kind"/> tells them apart.
/// </summary>
public sealed record JapaneseHoliday(DateOnly Date, string Name, HolidayKind Kind)
{
    /// <summary>The name for screens: the official Japanese name and an English twin.</summary>
    public LocalizedText DisplayName => new(Name, HolidayNames.English(Name, Kind));
}

/// <summary>The official holiday names and their English twins.</summary>
internal static class HolidayNames
{
    public const string NewYearsDay = "元日";
    public const string ComingOfAgeDay = "成人の日";
    public const string FoundationDay = "建国記念の日";
    public const string EmperorsBirthday = "天皇誕生日";
    public const string VernalEquinoxDay = "春分の日";
    public const string ShowaDay = "昭和の日";
    public const string ConstitutionDay = "憲法記念日";
    public const string GreeneryDay = "みどりの日";
    public const string ChildrensDay = "こどもの日";
    public const string MarineDay = "海の日";
    public const string MountainDay = "山の日";
    public const string RespectForTheAgedDay = "敬老の日";
    public const string AutumnalEquinoxDay = "秋分の日";
    public const string HealthAndSportsDay = "体育の日";
    public const string SportsDay = "スポーツの日";
    public const string CultureDay = "文化の日";
    public const string LabourThanksgivingDay = "勤労感謝の日";

    /// <summary>休日: how the official list names both 振替休日 and 国民の休日.</summary>
    public const string Holiday = "休日";

    /// <summary>休日（祝日扱い）: 2019's enthronement days, holidays treated as national holidays.</summary>
    public const string HolidayTreatedAsNational = "休日（祝日扱い）";

    private static readonly Dictionary<string, string> EnglishNames = new(StringComparer.Ordinal)
    {
        [NewYearsDay] = "New Year's Day",
        [ComingOfAgeDay] = "Coming of Age Day",
        [FoundationDay] = "National Foundation Day",
        [EmperorsBirthday] = "The Emperor's Birthday",
        [VernalEquinoxDay] = "Vernal Equinox Day",
        [ShowaDay] = "Showa Day",
        [ConstitutionDay] = "Constitution Memorial Day",
        [GreeneryDay] = "Greenery Day",
        [ChildrensDay] = "Children's Day",
        [MarineDay] = "Marine Day",
        [MountainDay] = "Mountain Day",
        [RespectForTheAgedDay] = "Respect for the Aged Day",
        [AutumnalEquinoxDay] = "Autumnal Equinox Day",
        [HealthAndSportsDay] = "Health and Sports Day",
        ["体育の日（スポーツの日）"] = "Health and Sports Day (Sports Day)",
        [SportsDay] = "Sports Day",
        [CultureDay] = "Culture Day",
        [LabourThanksgivingDay] = "Labour Thanksgiving Day",
        [HolidayTreatedAsNational] = "Holiday (treated as a national holiday)",
        ["即位礼正殿の儀"] = "Enthronement Ceremony",
        ["大喪の礼"] = "Funeral of Emperor Showa",
        ["結婚の儀"] = "Imperial Wedding",
    };

    /// <summary>The English twin of an official name; a name we do not know (a future law) stays Japanese.</summary>
    public static string English(string name, HolidayKind kind) => (name, kind) switch
    {
        (Holiday, HolidayKind.Substitute) => "Substitute holiday",
        (Holiday, HolidayKind.Citizens) => "Citizens' holiday",
        (Holiday, _) => "Holiday",
        _ => EnglishNames.TryGetValue(name, out var english) ? english : name,
    };
}
