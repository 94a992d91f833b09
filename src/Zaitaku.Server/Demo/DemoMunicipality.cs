using Zaitaku.Organization;

namespace Zaitaku.Server.Demo;

/// <summary>
/// デモ市: a city hall of about 1,000 staff in departments (部), sections (課) and units (係), with
/// realistic names and every employment type. Deterministic: the same seed gives the same city.
/// </summary>
internal static class DemoMunicipality
{
    public const string Code = "990001";
    public const string Name = "デモ市";

    /// <summary>Departments, their sections and, where a section is large, its units (係).</summary>
    public static readonly (string Code, string Name, (string Code, string Name, int Staff, string[] Units)[] Sections)[] Structure =
    [
        ("100", "総務部", [("110", "総務課", 24, ["文書法制係", "庶務係"]), ("120", "人事課", 18, ["人事係", "給与厚生係"]), ("130", "情報政策課", 16, ["情報システム係", "デジタル推進係"]), ("140", "契約管財課", 14, [])]),
        ("200", "企画部", [("210", "企画政策課", 15, []), ("220", "財政課", 14, []), ("230", "秘書広報課", 12, [])]),
        ("300", "市民部", [("310", "市民課", 48, ["住民記録係", "窓口サービス係"]), ("320", "保険年金課", 40, ["国保係", "年金係"]), ("330", "課税課", 42, ["市民税係", "資産税係"]), ("340", "納税課", 30, []), ("350", "地域振興課", 16, [])]),
        ("400", "健康福祉部", [("410", "福祉総務課", 26, []), ("420", "障害福祉課", 34, []), ("430", "高齢介護課", 44, ["介護保険係", "高齢福祉係"]), ("440", "生活福祉課", 36, []), ("450", "健康増進課", 38, [])]),
        ("500", "子ども家庭部", [("510", "子育て支援課", 32, []), ("520", "保育課", 78, ["保育運営係", "保育園"]), ("530", "児童相談課", 20, [])]),
        ("600", "環境建設部", [("610", "環境保全課", 22, []), ("620", "ごみ対策課", 40, []), ("630", "道路課", 34, []), ("640", "都市計画課", 24, []), ("650", "下水道課", 22, [])]),
        ("700", "教育部", [("710", "教育総務課", 20, []), ("720", "学務課", 26, []), ("730", "生涯学習課", 38, ["社会教育係", "図書館"]), ("740", "スポーツ振興課", 18, [])]),
        ("800", "会計・行政委員会", [("810", "会計課", 12, []), ("820", "議会事務局", 10, []), ("830", "選挙管理委員会事務局", 6, []), ("840", "監査委員事務局", 6, [])]),
    ];

    public sealed record Unit(string Code, string Name, OrgUnitKind Kind, string? ParentCode, int SortOrder);

    public sealed record Person(string StaffNumber, string FamilyName, string GivenName, string FamilyNameKana, string GivenNameKana,
        EmploymentType Employment, string SectionCode, string Position, DateOnly ActiveFrom, string Email);

    public static IReadOnlyList<Unit> Units()
    {
        var units = new List<Unit>();
        var order = 0;
        foreach (var (code, name, sections) in Structure)
        {
            units.Add(new Unit(code, name, OrgUnitKind.Department, null, order++));
            foreach (var section in sections)
            {
                units.Add(new Unit(section.Code, section.Name, OrgUnitKind.Section, code, order++));
                var n = 1;
                foreach (var unit in section.Units) units.Add(new Unit($"{section.Code}-{n++}", unit, OrgUnitKind.Unit, section.Code, order++));
            }
        }
        return units;
    }

    /// <summary>The staff: a 部長 per department, a 課長 per section, a 係長 per unit, then staff of every employment type.</summary>
    public static IReadOnlyList<Person> Staff(DateOnly today, int seed = 2026)
    {
        var random = new Random(seed);
        var people = new List<Person>();
        var number = 10001;
        var usedNames = new HashSet<string>();

        Person Make(string sectionCode, string position, EmploymentType employment)
        {
            (string Kanji, string Kana) family, given;
            do
            {
                family = DemoNames.Family[random.Next(DemoNames.Family.Length)];
                given = DemoNames.Given[random.Next(DemoNames.Given.Length)];
            }
            while (!usedNames.Add(family.Kanji + given.Kanji) && usedNames.Count < 8000);
            var staffNumber = (number++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var years = employment switch
            {
                EmploymentType.Probationary => 0,
                EmploymentType.FiscalYearAppointed => 0,
                _ => random.Next(1, 30),
            };
            var fiscalStart = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
            var from = employment == EmploymentType.Probationary ? fiscalStart.AddMonths(random.Next(0, 3)) : fiscalStart.AddYears(-years);
            return new Person(staffNumber, family.Kanji, given.Kanji, family.Kana, given.Kana, employment, sectionCode, position, from,
                $"{RomanLetters(family.Kana)}.{staffNumber}@demo-city.lg.jp");
        }

        foreach (var (code, _, sections) in Structure)
        {
            people.Add(Make(sections[0].Code, "部長", EmploymentType.Regular));
            foreach (var section in sections)
            {
                people.Add(Make(section.Code, "課長", EmploymentType.Regular));
                var targets = section.Units.Length == 0 ? [section.Code] : Enumerable.Range(1, section.Units.Length).Select(i => $"{section.Code}-{i}").ToArray();
                foreach (var target in targets.Where(t => t != section.Code)) people.Add(Make(target, "係長", EmploymentType.Regular));
                // The listed sizes are a medium city's; scaled to make デモ市 about 1,000 staff.
                var remaining = (int)Math.Round(section.Staff * 1.13) - 1 - targets.Count(t => t != section.Code);
                for (var i = 0; i < remaining; i++)
                {
                    var roll = random.Next(100);
                    var employment = roll switch
                    {
                        < 68 => EmploymentType.Regular,
                        < 74 => EmploymentType.Probationary,
                        < 94 => EmploymentType.FiscalYearAppointed,
                        _ => EmploymentType.Reemployed,
                    };
                    var position = employment switch
                    {
                        EmploymentType.FiscalYearAppointed => "会計年度任用職員",
                        EmploymentType.Reemployed => "再任用職員",
                        EmploymentType.Probationary => "主事",
                        _ => random.Next(10) switch { < 2 => "主任", < 3 => "課長補佐", < 4 => "技師", _ => "主事" },
                    };
                    people.Add(Make(targets[random.Next(targets.Length)], position, employment));
                }
            }
        }
        return people;
    }

    private static string RomanLetters(string kana)
    {
        // Good enough for demo e-mail addresses; the address is not a person's real one.
        var map = new Dictionary<char, string>
        {
            ['あ'] = "a", ['い'] = "i", ['う'] = "u", ['え'] = "e", ['お'] = "o", ['か'] = "ka", ['き'] = "ki", ['く'] = "ku", ['け'] = "ke", ['こ'] = "ko",
            ['さ'] = "sa", ['し'] = "shi", ['す'] = "su", ['せ'] = "se", ['そ'] = "so", ['た'] = "ta", ['ち'] = "chi", ['つ'] = "tsu", ['て'] = "te", ['と'] = "to",
            ['な'] = "na", ['に'] = "ni", ['ぬ'] = "nu", ['ね'] = "ne", ['の'] = "no", ['は'] = "ha", ['ひ'] = "hi", ['ふ'] = "fu", ['へ'] = "he", ['ほ'] = "ho",
            ['ま'] = "ma", ['み'] = "mi", ['む'] = "mu", ['め'] = "me", ['も'] = "mo", ['や'] = "ya", ['ゆ'] = "yu", ['よ'] = "yo",
            ['ら'] = "ra", ['り'] = "ri", ['る'] = "ru", ['れ'] = "re", ['ろ'] = "ro", ['わ'] = "wa", ['ん'] = "n",
            ['が'] = "ga", ['ぎ'] = "gi", ['ぐ'] = "gu", ['げ'] = "ge", ['ご'] = "go", ['ざ'] = "za", ['じ'] = "ji", ['ず'] = "zu", ['ぜ'] = "ze", ['ぞ'] = "zo",
            ['だ'] = "da", ['で'] = "de", ['ど'] = "do", ['ば'] = "ba", ['び'] = "bi", ['ぶ'] = "bu", ['べ'] = "be", ['ぼ'] = "bo",
            ['ぱ'] = "pa", ['ぴ'] = "pi", ['ぷ'] = "pu", ['ぺ'] = "pe", ['ぽ'] = "po", ['っ'] = "t", ['ょ'] = "yo", ['ゅ'] = "yu", ['ゃ'] = "ya",
        };
        return string.Concat(kana.Select(c => map.GetValueOrDefault(c, "")));
    }
}
