using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Zaitaku.Devices;

namespace Zaitaku.Access;

/// <summary>
/// A policy scenario for <c>zaitaku access explain</c>: a whole snapshot and one request, read
/// from the JSON format of docs/access-decision.md. Reading is strict — an unknown field,
/// segment or state, a bad CIDR, address, date or time, a value of the wrong type or a missing
/// <c>request</c> is an error naming the field — because a typo that silently became a default
/// would make the simulator answer another question than the one asked.
/// </summary>
/// <param name="Snapshot">The snapshot built from the scenario.</param>
/// <param name="Request">The request to decide.</param>
/// <param name="Now">The scenario's time, or null to use the current time.</param>
public sealed record AccessScenario(PolicySnapshot Snapshot, AccessRequest Request, DateTimeOffset? Now)
{
    /// <summary>Decides the scenario's request at its <see cref="Now"/>, or at <paramref name="defaultNow"/> when it has none.</summary>
    public AccessDecision Decide(DateTimeOffset defaultNow) => AccessPolicy.Decide(Snapshot, Request, Now ?? defaultNow);

    /// <summary>Reads a scenario from its JSON text.</summary>
    public static Result<AccessScenario> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            return new PolicyInputError("$", new($"JSON として読めません（{line} 行目 {position} バイト目）", $"invalid JSON at line {line}, byte {position}"));
        }

        using (document)
        {
            try
            {
                return ScenarioReader.Read(document.RootElement);
            }
            catch (ScenarioException e)
            {
                return e.Error;
            }
        }
    }
}

/// <summary>Carries a field error out of the nested readers; caught in <see cref="AccessScenario.Parse"/> only.</summary>
internal sealed class ScenarioException(PolicyInputError error) : Exception(error.Message.En)
{
    public PolicyInputError Error { get; } = error;
}

internal static partial class ScenarioReader
{
    private static readonly Dictionary<string, Segment> Segments = new(StringComparer.Ordinal)
    {
        ["mynumber"] = Segment.MyNumber,
        ["lgwan"] = Segment.Lgwan,
        ["internet"] = Segment.Internet,
    };

    private static readonly Dictionary<string, RouteKind> RouteKinds = new(StringComparer.Ordinal)
    {
        ["closed"] = RouteKind.Closed,
        ["open"] = RouteKind.Open,
    };

    private static readonly Dictionary<string, Employment> Employments = new(StringComparer.Ordinal)
    {
        ["regular"] = Employment.Regular,
        ["probationary"] = Employment.Probationary,
        ["fiscal-year"] = Employment.FiscalYear,
    };

    // The device states of issue 3, by their lower-case names; nothing else (no numbers, no other case).
    private static readonly Dictionary<string, DeviceState> DeviceStates =
        Enum.GetValues<DeviceState>().ToDictionary(state => state.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    public static AccessScenario Read(JsonElement root)
    {
        var fields = Fields(root, "$", "description", "now", "rules", "routes", "systems", "staff", "devices", "approvals", "workdays", "request");
        if (fields.TryGetValue("description", out var description)) _ = Text(description, "description");
        DateTimeOffset? now = fields.TryGetValue("now", out var nowValue) ? Instant(nowValue, "now") : null;
        var builder = new PolicySnapshotBuilder();
        if (fields.TryGetValue("rules", out var rules)) builder.Rules = Rules(rules);
        builder.Routes.AddRange(ArrayOf(fields, "routes", Route));
        builder.Systems.AddRange(ArrayOf(fields, "systems", SystemOf));
        builder.Staff.AddRange(ArrayOf(fields, "staff", Staff));
        builder.Devices.AddRange(ArrayOf(fields, "devices", Device));
        builder.Approvals.AddRange(ArrayOf(fields, "approvals", Approval));
        builder.Workdays.AddRange(ArrayOf(fields, "workdays", Workday));
        if (!fields.TryGetValue("request", out var request) || request.ValueKind == JsonValueKind.Null) throw Error("request", Missing);
        var accessRequest = Request(request);

        var snapshot = builder.Build();
        if (!snapshot.IsOk) throw new ScenarioException((PolicyInputError)snapshot.Error!);
        return new AccessScenario(snapshot.Value, accessRequest, now);
    }

    private static AccessRules Rules(JsonElement element)
    {
        const string path = "rules";
        var fields = Fields(element, path, "workStart", "workEnd", "restrictedDataClasses", "postureMaxAgeHours", "excludeProbationary", "excludeFiscalYearStaff");
        var rules = new AccessRules();
        if (fields.TryGetValue("workStart", out var start)) rules = rules with { WorkStart = Time(start, $"{path}.workStart") };
        if (fields.TryGetValue("workEnd", out var end)) rules = rules with { WorkEnd = Time(end, $"{path}.workEnd") };
        if (fields.TryGetValue("restrictedDataClasses", out var classes))
        {
            rules = rules with { RestrictedDataClasses = Items(classes, $"{path}.restrictedDataClasses", Text) };
        }

        if (fields.TryGetValue("postureMaxAgeHours", out var hours))
        {
            if (hours.ValueKind != JsonValueKind.Number || !hours.TryGetInt32(out var value) || value < 0)
            {
                throw Error($"{path}.postureMaxAgeHours", new("0 以上の整数にしてください", "expected a whole number of hours, 0 or more"));
            }

            rules = rules with { PostureMaxAgeHours = value };
        }

        if (fields.TryGetValue("excludeProbationary", out var probationary)) rules = rules with { ExcludeProbationary = Bool(probationary, $"{path}.excludeProbationary") };
        if (fields.TryGetValue("excludeFiscalYearStaff", out var fiscalYear)) rules = rules with { ExcludeFiscalYearStaff = Bool(fiscalYear, $"{path}.excludeFiscalYearStaff") };
        return rules;
    }

    private static NetworkRoute Route(JsonElement element, string path)
    {
        var fields = Fields(element, path, "id", "kind", "cidrs");
        return new NetworkRoute
        {
            Id = Text(Required(fields, "id", path), $"{path}.id"),
            Kind = Named(Required(fields, "kind", path), $"{path}.kind", RouteKinds, "経路の種類", "route kind"),
            Cidrs = fields.TryGetValue("cidrs", out var cidrs) ? Items(cidrs, $"{path}.cidrs", Text) : [],
        };
    }

    private static InternalSystem SystemOf(JsonElement element, string path)
    {
        var fields = Fields(element, path, "id", "segment", "remote", "allowOpenRoutes", "dataClass", "paths");
        return new InternalSystem
        {
            Id = Text(Required(fields, "id", path), $"{path}.id"),
            Segment = Named(Required(fields, "segment", path), $"{path}.segment", Segments, "セグメント", "segment"),
            Remote = fields.TryGetValue("remote", out var remote) && Bool(remote, $"{path}.remote"),
            AllowOpenRoutes = fields.TryGetValue("allowOpenRoutes", out var open) && Bool(open, $"{path}.allowOpenRoutes"),
            DataClass = fields.TryGetValue("dataClass", out var dataClass) ? NullableString(dataClass, $"{path}.dataClass") : null,
            Paths = fields.TryGetValue("paths", out var paths) ? Items(paths, $"{path}.paths", PathRule) : [],
        };
    }

    private static PathRule PathRule(JsonElement element, string path)
    {
        var fields = Fields(element, path, "prefix", "dataClass");
        return new PathRule
        {
            Prefix = Text(Required(fields, "prefix", path), $"{path}.prefix"),
            DataClass = fields.TryGetValue("dataClass", out var dataClass) ? NullableString(dataClass, $"{path}.dataClass") : null,
        };
    }

    private static StaffRecord Staff(JsonElement element, string path)
    {
        var fields = Fields(element, path, "id", "employment", "active");
        return new StaffRecord
        {
            Id = Text(Required(fields, "id", path), $"{path}.id"),
            Employment = fields.TryGetValue("employment", out var employment)
                ? Named(employment, $"{path}.employment", Employments, "任用形態", "employment")
                : Employment.Regular,
            Active = !fields.TryGetValue("active", out var active) || Bool(active, $"{path}.active"),
        };
    }

    private static DeviceRecord Device(JsonElement element, string path)
    {
        var fields = Fields(element, path, "serial", "state", "assignedTo", "postureReportedAt", "compliant");
        return new DeviceRecord
        {
            Serial = Text(Required(fields, "serial", path), $"{path}.serial"),
            State = Named(Required(fields, "state", path), $"{path}.state", DeviceStates, "端末の状態", "device state"),
            AssignedTo = fields.TryGetValue("assignedTo", out var assignedTo) ? NullableString(assignedTo, $"{path}.assignedTo") : null,
            PostureReportedAt = fields.TryGetValue("postureReportedAt", out var reported) && reported.ValueKind != JsonValueKind.Null
                ? Instant(reported, $"{path}.postureReportedAt")
                : null,
            Compliant = fields.TryGetValue("compliant", out var compliant) && Bool(compliant, $"{path}.compliant"),
        };
    }

    private static TeleworkApproval Approval(JsonElement element, string path)
    {
        var fields = Fields(element, path, "staff", "date", "overtimeUntil");
        return new TeleworkApproval
        {
            Staff = Text(Required(fields, "staff", path), $"{path}.staff"),
            Date = Date(Required(fields, "date", path), $"{path}.date"),
            OvertimeUntil = fields.TryGetValue("overtimeUntil", out var overtime) && overtime.ValueKind != JsonValueKind.Null
                ? Time(overtime, $"{path}.overtimeUntil")
                : null,
        };
    }

    private static WorkdayRecord Workday(JsonElement element, string path)
    {
        var fields = Fields(element, path, "staff", "date", "start", "end");
        return new WorkdayRecord
        {
            Staff = Text(Required(fields, "staff", path), $"{path}.staff"),
            Date = Date(Required(fields, "date", path), $"{path}.date"),
            Start = Instant(Required(fields, "start", path), $"{path}.start"),
            End = fields.TryGetValue("end", out var end) && end.ValueKind != JsonValueKind.Null ? Instant(end, $"{path}.end") : null,
        };
    }

    private static AccessRequest Request(JsonElement element)
    {
        const string path = "request";
        var fields = Fields(element, path, "staff", "mfa", "deviceSerial", "sourceIp", "system", "method", "path");
        var sourceText = Text(Required(fields, "sourceIp", path), $"{path}.sourceIp");
        if (!AddressText.TryParseAddress(sourceText, out var source))
        {
            throw Error($"{path}.sourceIp", new($"アドレス \"{sourceText}\" が正しくありません", $"invalid address \"{sourceText}\""));
        }

        return new AccessRequest(
            Staff: fields.TryGetValue("staff", out var staff) ? NullableString(staff, $"{path}.staff") : null,
            Mfa: fields.TryGetValue("mfa", out var mfa) && Bool(mfa, $"{path}.mfa"),
            DeviceSerial: fields.TryGetValue("deviceSerial", out var serial) ? NullableString(serial, $"{path}.deviceSerial") : null,
            SourceAddress: source,
            System: Text(Required(fields, "system", path), $"{path}.system"),
            Method: fields.TryGetValue("method", out var method) ? Text(method, $"{path}.method") : "GET",
            Path: fields.TryGetValue("path", out var requestPath) ? Text(requestPath, $"{path}.path") : "/");
    }

    private static Dictionary<string, JsonElement> Fields(JsonElement element, string path, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error(path, new("オブジェクト {...} が必要です", "expected an object"));
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(path, new($"不明な項目 \"{property.Name}\" があります", $"unknown field \"{property.Name}\""));
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw Error(path, new($"項目 \"{property.Name}\" が重複しています", $"duplicate field \"{property.Name}\""));
            }
        }

        return fields;
    }

    private static JsonElement Required(Dictionary<string, JsonElement> fields, string name, string path) =>
        fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Error($"{path}.{name}", Missing);

    private static T[] ArrayOf<T>(Dictionary<string, JsonElement> fields, string name, Func<JsonElement, string, T> read) =>
        fields.TryGetValue(name, out var value) ? Items(value, name, read) : [];

    private static T[] Items<T>(JsonElement element, string path, Func<JsonElement, string, T> read)
    {
        if (element.ValueKind != JsonValueKind.Array) throw Error(path, new("配列 [...] が必要です", "expected an array"));
        return element.EnumerateArray().Select((item, index) => read(item, $"{path}[{index}]")).ToArray();
    }

    private static string Text(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(path, new("文字列が必要です", "expected a string"));

    private static string? NullableString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Null ? null : Text(element, path);

    private static bool Bool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, new("true か false が必要です", "expected true or false")),
    };

    private static T Named<T>(JsonElement element, string path, Dictionary<string, T> names, string whatJa, string whatEn)
    {
        var text = Text(element, path);
        if (names.TryGetValue(text, out var value)) return value;
        var expected = string.Join(", ", names.Keys);
        throw Error(path, new($"不明な{whatJa} \"{text}\" です（{expected} のいずれか）", $"unknown {whatEn} \"{text}\" (expected one of {expected})"));
    }

    private static DateTimeOffset Instant(JsonElement element, string path)
    {
        var text = Text(element, path);
        if (InstantPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        throw Error(path, new($"日時 \"{text}\" が正しくありません（例: 2026-12-01T10:15:00+09:00）", $"invalid date and time \"{text}\" (expected e.g. 2026-12-01T10:15:00+09:00)"));
    }

    private static DateOnly Date(JsonElement element, string path)
    {
        var text = Text(element, path);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(path, new($"日付 \"{text}\" が正しくありません（例: 2026-12-01）", $"invalid date \"{text}\" (expected e.g. 2026-12-01)"));
    }

    private static TimeOnly Time(JsonElement element, string path)
    {
        var text = Text(element, path);
        return TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Error(path, new($"時刻 \"{text}\" が正しくありません（例: 08:30）", $"invalid time \"{text}\" (expected e.g. 08:30)"));
    }

    private static LocalizedText Missing => new("必須の項目がありません", "required field is missing");

    private static ScenarioException Error(string path, LocalizedText detail) => new(new PolicyInputError(path, detail));

    // An ISO 8601 instant with its offset written out: a time without offset would be ambiguous.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
