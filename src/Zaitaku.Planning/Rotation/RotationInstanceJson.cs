using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Zaitaku.Planning;

/// <summary>
/// INSTANCE.json in and out (camelCase, as issue 6 defines it). Reading is strict: every
/// issue is reported with the JSON path of the bad value, so an administrator can fix the file.
/// </summary>
public static class RotationInstanceJson
{
    private const int MaxIssues = 50;

    /// <summary>Parses and validates an instance; the error names every bad field (up to 50).</summary>
    public static Result<RotationInstance> Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            var where = $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}";
            return new RotationInstanceInvalid([new InstanceIssue("$", new LocalizedText(
                $"$: JSON として読めません（{where}）", $"$: not valid JSON ({where})"))]);
        }

        using (document)
        {
            var reader = new Reader();
            var instance = reader.ReadInstance(document.RootElement);
            return reader.Issues.Count > 0 ? new RotationInstanceInvalid(reader.Issues) : instance!;
        }
    }

    /// <summary>
    /// Checks an instance built in code (e.g. by the console from its own tables) by the same rules
    /// as <see cref="Read(string)"/>: it is written and read back, so there is one set of rules.
    /// </summary>
    public static Result<RotationInstance> Validate(RotationInstance instance) => Read(Write(instance));

    /// <summary>Writes an instance as INSTANCE.json (the generator's output for benchmarks and the CLI).</summary>
    public static string Write(RotationInstance instance)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("days");
            foreach (var day in instance.Days) w.WriteStringValue(Format(day));
            w.WriteEndArray();
            w.WriteStartObject("rules");
            w.WriteNumber("maxHomeDaysPerWeek", instance.Rules.MaxHomeDaysPerWeek);
            w.WriteNumber("minOfficeDaysPerWeek", instance.Rules.MinOfficeDaysPerWeek);
            w.WriteEndObject();
            w.WriteNumber("devicePool", instance.DevicePool);
            if (instance.TargetHomeDays is { } target) w.WriteNumber("targetHomeDays", target);
            w.WriteStartArray("sections");
            foreach (var s in instance.Sections)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WriteNumber("minOffice", s.MinOffice);
                w.WriteNumber("minOfficeShare", s.MinOfficeShare);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("staff");
            foreach (var p in instance.Staff)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("section", p.Section);
                w.WriteString("eligibility", p.Eligibility switch
                {
                    Eligibility.Home => "home",
                    Eligibility.Rotation => "rotation",
                    _ => "office",
                });
                WriteDates(w, "leave", p.Leave);
                WriteDates(w, "fixedOffice", p.FixedOffice);
                WriteDates(w, "fixedHome", p.FixedHome);
                WriteDates(w, "prefersHome", p.PrefersHome);
                if (!p.NeedsDevice) w.WriteBoolean("needsDevice", false);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteDates(Utf8JsonWriter w, string name, IReadOnlyList<DateOnly> dates)
    {
        if (dates.Count == 0) return;
        w.WriteStartArray(name);
        foreach (var d in dates) w.WriteStringValue(Format(d));
        w.WriteEndArray();
    }

    internal static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Walks the document once, collecting issues instead of stopping at the first.</summary>
    private sealed class Reader
    {
        public List<InstanceIssue> Issues { get; } = [];

        private void Issue(string field, string ja, string en)
        {
            if (Issues.Count < MaxIssues) Issues.Add(new InstanceIssue(field, new LocalizedText($"{field}: {ja}", $"{field}: {en}")));
        }

        public RotationInstance? ReadInstance(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Issue("$", "オブジェクトではありません", "must be an object");
                return null;
            }

            CheckKnown(root, "$", "days", "rules", "devicePool", "targetHomeDays", "sections", "staff");

            var days = new List<DateOnly>();
            var dayIndex = new HashSet<DateOnly>();
            if (Array(root, "days", "$", required: true) is { } daysElement)
            {
                var i = 0;
                foreach (var e in daysElement.EnumerateArray())
                {
                    var path = $"days[{i++}]";
                    if (Date(e, path) is not { } day) continue;
                    if (!dayIndex.Add(day)) Issue(path, $"{Format(day)} が重複しています", $"{Format(day)} is listed twice");
                    else days.Add(day);
                }

                if (i == 0) Issue("days", "勤務日が 1 日もありません", "must list at least one working day");
            }

            RotationRules? rules = null;
            if (Object(root, "rules", "$", required: true) is { } r)
            {
                CheckKnown(r, "rules", "maxHomeDaysPerWeek", "minOfficeDaysPerWeek");
                var maxHome = NonNegativeInt(r, "maxHomeDaysPerWeek", "rules", required: true);
                var minOffice = NonNegativeInt(r, "minOfficeDaysPerWeek", "rules", required: true);
                if (maxHome is { } mh && minOffice is { } mo) rules = new RotationRules { MaxHomeDaysPerWeek = mh, MinOfficeDaysPerWeek = mo };
            }

            var pool = NonNegativeInt(root, "devicePool", "$", required: true);
            var target = NonNegativeInt(root, "targetHomeDays", "$", required: false);

            var sections = new List<RotationSection>();
            var sectionIds = new HashSet<string>(StringComparer.Ordinal);
            if (Array(root, "sections", "$", required: true) is { } sectionsElement)
            {
                var i = 0;
                foreach (var e in sectionsElement.EnumerateArray())
                {
                    var path = $"sections[{i++}]";
                    if (e.ValueKind != JsonValueKind.Object)
                    {
                        Issue(path, "オブジェクトではありません", "must be an object");
                        continue;
                    }

                    CheckKnown(e, path, "id", "minOffice", "minOfficeShare");
                    var id = Id(e, path, sectionIds, "所属");
                    var minOffice = NonNegativeInt(e, "minOffice", path, required: true);
                    var share = Share(e, path);
                    if (id is not null && minOffice is { } m && share is { } sh)
                        sections.Add(new RotationSection { Id = id, MinOffice = m, MinOfficeShare = sh });
                }
            }

            var staff = new List<RotationStaff>();
            var staffIds = new HashSet<string>(StringComparer.Ordinal);
            if (Array(root, "staff", "$", required: true) is { } staffElement)
            {
                var i = 0;
                foreach (var e in staffElement.EnumerateArray())
                {
                    var path = $"staff[{i++}]";
                    if (e.ValueKind != JsonValueKind.Object)
                    {
                        Issue(path, "オブジェクトではありません", "must be an object");
                        continue;
                    }

                    CheckKnown(e, path, "id", "section", "eligibility", "leave", "fixedOffice", "fixedHome", "prefersHome", "needsDevice");
                    var id = Id(e, path, staffIds, "職員");
                    var section = String(e, "section", path);
                    if (section is not null && !sectionIds.Contains(section))
                        Issue($"{path}.section", $"所属 \"{section}\" は sections にありません", $"unknown section \"{section}\"");
                    var eligibility = EligibilityOf(e, path);
                    var leave = DateList(e, "leave", path, dayIndex);
                    var fixedOffice = DateList(e, "fixedOffice", path, dayIndex);
                    var fixedHome = DateList(e, "fixedHome", path, dayIndex);
                    var prefersHome = DateList(e, "prefersHome", path, dayIndex);
                    var needsDevice = true;
                    if (e.TryGetProperty("needsDevice", out var nd))
                    {
                        if (nd.ValueKind is JsonValueKind.True or JsonValueKind.False) needsDevice = nd.GetBoolean();
                        else Issue($"{path}.needsDevice", "true か false で指定してください", "must be true or false");
                    }

                    var leaveSet = leave.ToHashSet();
                    var officeSet = fixedOffice.ToHashSet();
                    for (var k = 0; k < fixedHome.Count; k++)
                    {
                        if (leaveSet.Contains(fixedHome[k]))
                            Issue($"{path}.fixedHome", $"{Format(fixedHome[k])} は休暇（leave）の日でもあります", $"{Format(fixedHome[k])} is also a leave day");
                        else if (officeSet.Contains(fixedHome[k]))
                            Issue($"{path}.fixedHome", $"{Format(fixedHome[k])} は fixedOffice の日でもあります", $"{Format(fixedHome[k])} is also a fixedOffice day");
                    }

                    if (id is not null && section is not null && eligibility is { } el)
                    {
                        staff.Add(new RotationStaff
                        {
                            Id = id,
                            Section = section,
                            Eligibility = el,
                            Leave = leave,
                            FixedOffice = fixedOffice,
                            FixedHome = fixedHome,
                            PrefersHome = prefersHome,
                            NeedsDevice = needsDevice,
                        });
                    }
                }
            }

            if (Issues.Count > 0 || rules is null || pool is null) return null;
            return new RotationInstance
            {
                Days = days,
                Rules = rules,
                DevicePool = pool.Value,
                TargetHomeDays = target,
                Sections = sections,
                Staff = staff,
            };
        }

        private void CheckKnown(JsonElement e, string path, params string[] known)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (System.Array.IndexOf(known, p.Name) < 0)
                    Issue(Join(path, p.Name), "未知の項目です（綴りを確認してください）", "unknown field (check the spelling)");
            }
        }

        private static string Join(string path, string name) => path == "$" ? name : $"{path}.{name}";

        private JsonElement? Property(JsonElement e, string name, string path, bool required)
        {
            if (e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
            if (required) Issue(Join(path, name), "必須の項目がありません", "is required");
            return null;
        }

        private JsonElement? Array(JsonElement e, string name, string path, bool required)
        {
            if (Property(e, name, path, required) is not { } value) return null;
            if (value.ValueKind == JsonValueKind.Array) return value;
            Issue(Join(path, name), "配列で指定してください", "must be an array");
            return null;
        }

        private JsonElement? Object(JsonElement e, string name, string path, bool required)
        {
            if (Property(e, name, path, required) is not { } value) return null;
            if (value.ValueKind == JsonValueKind.Object) return value;
            Issue(Join(path, name), "オブジェクトで指定してください", "must be an object");
            return null;
        }

        private int? NonNegativeInt(JsonElement e, string name, string path, bool required)
        {
            if (Property(e, name, path, required) is not { } value) return null;
            var field = Join(path, name);
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n))
            {
                Issue(field, "整数で指定してください", "must be a whole number");
                return null;
            }

            if (n < 0)
            {
                Issue(field, $"負の数 {n} は指定できません", $"must not be negative (got {n})");
                return null;
            }

            return n;
        }

        private decimal? Share(JsonElement e, string path)
        {
            if (Property(e, "minOfficeShare", path, required: true) is not { } value) return null;
            var field = $"{path}.minOfficeShare";
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var share))
            {
                Issue(field, "数値で指定してください", "must be a number");
                return null;
            }

            if (share is < 0 or > 1)
            {
                Issue(field, $"{share.ToString(CultureInfo.InvariantCulture)} は 0 以上 1 以下ではありません", $"must be between 0 and 1 (got {share.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }

            return share;
        }

        private string? String(JsonElement e, string name, string path)
        {
            if (Property(e, name, path, required: true) is not { } value) return null;
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s) return s;
            Issue(Join(path, name), "空でない文字列で指定してください", "must be a non-empty string");
            return null;
        }

        private string? Id(JsonElement e, string path, HashSet<string> seen, string what)
        {
            var id = String(e, "id", path);
            if (id is null) return null;
            if (seen.Add(id)) return id;
            Issue($"{path}.id", $"{what} id \"{id}\" が重複しています", $"duplicate id \"{id}\"");
            return null;
        }

        private Eligibility? EligibilityOf(JsonElement e, string path)
        {
            var value = String(e, "eligibility", path);
            switch (value)
            {
                case null: return null;
                case "home": return Eligibility.Home;
                case "rotation": return Eligibility.Rotation;
                case "office": return Eligibility.Office;
                default:
                    Issue($"{path}.eligibility", $"\"{value}\" は home・rotation・office のいずれでもありません", $"unknown eligibility \"{value}\" (home, rotation or office)");
                    return null;
            }
        }

        private DateOnly? Date(JsonElement e, string field)
        {
            if (e.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            var shown = e.ValueKind == JsonValueKind.String ? $"\"{e.GetString()}\"" : e.GetRawText();
            Issue(field, $"{shown} は YYYY-MM-DD 形式の日付ではありません", $"{shown} is not a date in YYYY-MM-DD form");
            return null;
        }

        private List<DateOnly> DateList(JsonElement e, string name, string path, HashSet<DateOnly> days)
        {
            var list = new List<DateOnly>();
            if (Array(e, name, path, required: false) is not { } array) return list;
            var seen = new HashSet<DateOnly>();
            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                var field = $"{path}.{name}[{i++}]";
                if (Date(item, field) is not { } day) continue;
                if (!days.Contains(day)) Issue(field, $"{Format(day)} は days にない日です", $"{Format(day)} is not one of the days");
                else if (!seen.Add(day)) Issue(field, $"{Format(day)} が重複しています", $"{Format(day)} is listed twice");
                else list.Add(day);
            }

            return list;
        }
    }
}
