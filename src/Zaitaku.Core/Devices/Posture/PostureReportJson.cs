using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Zaitaku.Devices.Posture;

/// <summary>A posture report (or a compliance setting) that cannot be accepted; names the field.</summary>
public sealed record PostureReportInvalid(string Field, LocalizedText Problem)
    : Error("posture_report_invalid", new($"{Field}: {Problem.Ja}", $"{Field}: {Problem.En}"));

/// <summary>
/// Strict reading of the agent's JSON report: an object with exactly the fields
/// <c>osBuild</c>, <c>antivirusDefinitionsDate</c>, <c>diskEncrypted</c>,
/// <c>userDataStoredLocally</c>, <c>screenCaptureBlocked</c>, <c>agentVersion</c>,
/// <c>reportedAt</c>; unknown, duplicate, missing or mistyped fields are refused with a message
/// naming the field.
/// </summary>
public static partial class PostureReportJson
{
    /// <summary>The largest report accepted, in bytes.</summary>
    public const int MaxBytes = 16 * 1024;

    private static readonly string[] Fields =
        ["osBuild", "antivirusDefinitionsDate", "diskEncrypted", "userDataStoredLocally", "screenCaptureBlocked", "agentVersion", "reportedAt"];

    /// <summary>Reads a report from UTF-8 JSON.</summary>
    public static Result<PostureReport> Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxBytes)
        {
            return Invalid("$", $"報告が大きすぎます（{utf8Json.Length} バイト、上限 {MaxBytes}）。", $"The report is too large ({utf8Json.Length} bytes, limit {MaxBytes}).");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return Invalid("$", $"JSONとして読めません（{ex.LineNumber + 1}行目）。", $"Not valid JSON (line {ex.LineNumber + 1}).");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Reads a report from JSON text.</summary>
    public static Result<PostureReport> Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json ?? string.Empty));

    /// <summary>The report as JSON in the same shape <see cref="Parse(string)"/> reads (what the reference agent sends).</summary>
    public static string Write(PostureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("osBuild", report.OsBuild);
            writer.WriteString("antivirusDefinitionsDate", report.AntivirusDefinitionsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteBoolean("diskEncrypted", report.DiskEncrypted);
            writer.WriteBoolean("userDataStoredLocally", report.UserDataStoredLocally);
            writer.WriteBoolean("screenCaptureBlocked", report.ScreenCaptureBlocked);
            writer.WriteString("agentVersion", report.AgentVersion);
            writer.WriteString("reportedAt", report.ReportedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Result<PostureReport> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("$", "JSONオブジェクトではありません。", "The report is not a JSON object.");
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                return Invalid(property.Name, "未知の項目です。", "Unknown field.");
            }

            if (!values.TryAdd(property.Name, property.Value))
            {
                return Invalid(property.Name, "同じ項目が2回あります。", "The field appears twice.");
            }
        }

        foreach (var field in Fields)
        {
            if (!values.ContainsKey(field))
            {
                return Invalid(field, "必須の項目がありません。", "The field is required.");
            }
        }

        if (ReadVersion(values, "osBuild", "OSビルド番号（例 10.0.22631.4460）", "an OS build such as 10.0.22631.4460") is var osBuild && !osBuild.IsOk)
        {
            return osBuild.Error!;
        }

        if (ReadVersion(values, "agentVersion", "版数（例 1.4.0）", "a version such as 1.4.0") is var agent && !agent.IsOk)
        {
            return agent.Error!;
        }

        var definitions = ReadDefinitionsDate(values["antivirusDefinitionsDate"]);
        if (!definitions.IsOk)
        {
            return definitions.Error!;
        }

        var reportedAt = ReadInstant(values["reportedAt"], "reportedAt");
        if (!reportedAt.IsOk)
        {
            return reportedAt.Error!;
        }

        var booleans = new Dictionary<string, bool>();
        foreach (var field in (string[])["diskEncrypted", "userDataStoredLocally", "screenCaptureBlocked"])
        {
            var kind = values[field].ValueKind;
            if (kind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Invalid(field, $"true か false で指定してください（{Describe(values[field])}）。", $"Must be true or false (got {Describe(values[field])}).");
            }

            booleans[field] = kind == JsonValueKind.True;
        }

        return new PostureReport
        {
            OsBuild = osBuild.Value,
            AntivirusDefinitionsDate = definitions.Value,
            DiskEncrypted = booleans["diskEncrypted"],
            UserDataStoredLocally = booleans["userDataStoredLocally"],
            ScreenCaptureBlocked = booleans["screenCaptureBlocked"],
            AgentVersion = agent.Value,
            ReportedAt = reportedAt.Value,
        };
    }

    private static Result<string> ReadVersion(Dictionary<string, JsonElement> values, string field, string ja, string en)
    {
        var value = values[field];
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || !DottedVersion.IsValid(text))
        {
            return Invalid(field, $"{ja}で指定してください（{Describe(value)}）。", $"Must be {en} (got {Describe(value)}).");
        }

        return text;
    }

    private static Result<DateOnly> ReadDefinitionsDate(JsonElement value)
    {
        const string field = "antivirusDefinitionsDate";
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text)
        {
            if (DateOnlyPattern().IsMatch(text)
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            if (ReadInstant(value, field) is { IsOk: true } instant)
            {
                return JapanTime.DateOf(instant.Value);
            }
        }

        return Invalid(field, $"日付（例 2026-11-24）か時刻付きの日時（例 2026-11-24T06:00:00+09:00）で指定してください（{Describe(value)}）。",
            $"Must be a date such as 2026-11-24 or a date-time with offset such as 2026-11-24T06:00:00+09:00 (got {Describe(value)}).");
    }

    private static Result<DateTimeOffset> ReadInstant(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && InstantPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.ToUniversalTime();
        }

        return Invalid(field, $"時差付きの日時（例 2026-11-26T09:00:00+09:00 または …Z）で指定してください（{Describe(value)}）。",
            $"Must be a date-time with offset such as 2026-11-26T09:00:00+09:00 or …Z (got {Describe(value)}).");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Truncate(JsonSerializer.Serialize(value.GetString())),
        JsonValueKind.Null => "null",
        _ => Truncate(value.GetRawText()),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static PostureReportInvalid Invalid(string field, string ja, string en) => new(field, new(ja, en));

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex DateOnlyPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex InstantPattern();
}
