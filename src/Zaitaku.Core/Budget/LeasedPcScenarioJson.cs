using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Zaitaku.Budget;

/// <summary>
/// The file format of <c>zaitaku budget plan</c> (issue 7): a <see cref="LeasedPcScenario"/> in,
/// a plan out, camelCase. Reading is strict — an unknown or repeated field, a fraction of a yen
/// or a malformed month is an error naming the field — because a silently ignored typo would be
/// budgeted as zero.
/// </summary>
public static class LeasedPcScenarioJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads a scenario and validates it; the first problem as a <see cref="BudgetInputError"/> otherwise.</summary>
    public static Result<LeasedPcScenario> Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            // The parser's position is 0-based; people count lines from 1.
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            return new BudgetInputError(BudgetErrorCodes.MalformedInput, "input",
                string.Create(CultureInfo.InvariantCulture, $"JSON として読めません（{line} 行 {column} バイト目）"),
                string.Create(CultureInfo.InvariantCulture, $"not valid JSON (line {line}, byte {column})"));
        }

        using (document)
        {
            var reader = new Reader();
            var scenario = reader.Scenario(document.RootElement);
            if (reader.Error is not null) return reader.Error;
            var invalid = scenario!.Validate();
            return invalid is null ? scenario : invalid;
        }
    }

    /// <summary>Writes a plan as <c>{"months": [{"month", "devices", "costYen"} × 12], "fiscalYearTotalYen", "annualRunRateYen"}</c>.</summary>
    public static string Write(BudgetPlan plan)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("months");
            foreach (var month in plan.Months)
            {
                writer.WriteStartObject();
                writer.WriteString("month", month.Month.ToString());
                writer.WriteNumber("devices", month.Devices);
                writer.WriteNumber("costYen", month.CostYen);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("fiscalYearTotalYen", plan.FiscalYearTotalYen);
            writer.WriteNumber("annualRunRateYen", plan.AnnualRunRateYen);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Walks the document, keeping the first error; later reads return defaults once one is set.</summary>
    private sealed class Reader
    {
        public BudgetInputError? Error { get; private set; }

        public LeasedPcScenario? Scenario(JsonElement root)
        {
            var fields = Object(root, "input", ["fiscalYear", "device", "simMonthlyFeeYen", "setupFeeYen", "rollout"]);
            if (fields is null) return null;

            var fiscalYear = Integer(fields, "fiscalYear", required: true);
            var device = fields.TryGetValue("device", out var d) ? Object(d, "device", ["monthlyFeeYen", "kittingFeeYen"]) : Missing("device");
            var monthly = device is null ? 0 : Integer(device, "monthlyFeeYen", required: true, parent: "device.");
            var kitting = device is null ? 0 : Integer(device, "kittingFeeYen", required: false, parent: "device.");
            var sim = Integer(fields, "simMonthlyFeeYen", required: false);
            var setup = Integer(fields, "setupFeeYen", required: false);
            var rollout = fields.TryGetValue("rollout", out var r) ? Rollout(r) : Missing<List<RolloutStep>>("rollout");
            if (Error is not null) return null;

            // A year outside int is out of range in any case; say so with the year as written.
            if (fiscalYear is < int.MinValue or > int.MaxValue)
            {
                return Fail(BudgetLimits.CheckFiscalYear("fiscalYear", fiscalYear > 0 ? int.MaxValue : int.MinValue)!);
            }

            return new LeasedPcScenario((int)fiscalYear, monthly, kitting, sim, setup, rollout!);
        }

        private List<RolloutStep>? Rollout(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Array) return Fail<List<RolloutStep>>(WrongType("rollout", "配列", "an array"));
            var steps = new List<RolloutStep>();
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                var field = $"rollout[{i}]";
                var entry = Object(item, field, ["month", "devices"]);
                if (entry is null) return null;
                if (!entry.TryGetValue("month", out var m)) return Missing<List<RolloutStep>>(field + ".month");
                if (m.ValueKind != JsonValueKind.String) return Fail<List<RolloutStep>>(WrongType(field + ".month", "文字列（YYYY-MM）", "a string (YYYY-MM)"));
                var text = m.GetString();
                if (!YearMonth.TryParse(text, out var month))
                {
                    return Fail<List<RolloutStep>>(new BudgetInputError(BudgetErrorCodes.MalformedMonth, field + ".month",
                        $"\"{text}\" は年月（YYYY-MM）ではありません", $"\"{text}\" is not a month (YYYY-MM)"));
                }

                var devices = Integer(entry, "devices", required: true, parent: field + ".");
                if (Error is not null) return null;
                var outOfRange = BudgetLimits.CheckCount(field + ".devices", devices, 1, BudgetLimits.MaxDevices);
                if (outOfRange is not null) return Fail<List<RolloutStep>>(outOfRange);
                steps.Add(new RolloutStep(month, (int)devices));
                i++;
            }

            return steps;
        }

        private Dictionary<string, JsonElement>? Object(JsonElement element, string field, string[] known)
        {
            if (Error is not null) return null;
            if (element.ValueKind != JsonValueKind.Object) return Fail<Dictionary<string, JsonElement>>(WrongType(field, "オブジェクト", "an object"));
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var prefix = field == "input" ? "" : field + ".";
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    return Fail<Dictionary<string, JsonElement>>(new BudgetInputError(BudgetErrorCodes.UnknownField, prefix + property.Name,
                        $"不明な項目です（使える項目: {string.Join(", ", known)}）",
                        $"unknown field (expected one of: {string.Join(", ", known)})"));
                }

                if (!fields.TryAdd(property.Name, property.Value))
                {
                    return Fail<Dictionary<string, JsonElement>>(new BudgetInputError(BudgetErrorCodes.MalformedInput, prefix + property.Name,
                        "同じ項目が2回あります", "the field appears twice"));
                }
            }

            return fields;
        }

        private long Integer(Dictionary<string, JsonElement> fields, string name, bool required, string parent = "")
        {
            if (Error is not null) return 0;
            if (!fields.TryGetValue(name, out var value))
            {
                if (required) Missing(parent + name);
                return 0;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            {
                Fail<object>(WrongType(parent + name, "整数", "a whole number"));
                return 0;
            }

            return number;
        }

        private static BudgetInputError WrongType(string field, string ja, string en) =>
            new(BudgetErrorCodes.WrongType, field, $"{ja}で指定してください", $"must be {en}");

        private Dictionary<string, JsonElement>? Missing(string field) => Missing<Dictionary<string, JsonElement>>(field);

        private T? Missing<T>(string field) where T : class =>
            Fail<T>(new BudgetInputError(BudgetErrorCodes.MissingField, field, "必須項目がありません", "required field is missing"));

        private LeasedPcScenario? Fail(BudgetInputError error) => Fail<LeasedPcScenario>(error);

        private T? Fail<T>(BudgetInputError error) where T : class
        {
            Error ??= error;
            return null;
        }
    }
}
