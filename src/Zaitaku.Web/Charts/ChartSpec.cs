using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Zaitaku.Web.Charts;

/// <summary>One series of a chart, with its figures in the order of the chart's labels.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Values">One value per label; null where there is none (a gap in a line).</param>
/// <param name="Type">A different type for this series (e.g. <c>line</c> over bars), or null.</param>
/// <param name="Stack">The stack the series belongs to in a stacked bar chart, or null.</param>
/// <param name="Color">A colour that carries meaning (gray for "none"), or null for the token palette in order.</param>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Values, string? Type = null, string? Stack = null, string? Color = null);

/// <summary>Colours of the design tokens for series whose colour means something (zaitaku.js gives the rest the palette).</summary>
public static class ChartColors
{
    /// <summary>--color-primitive-blue-900: the main series, "yes".</summary>
    public const string Primary = "#0017c1";

    /// <summary>--color-primitive-cyan-900: "partly".</summary>
    public const string Partial = "#006f83";

    /// <summary>--color-neutral-solid-gray-536: "none", "unknown".</summary>
    public const string None = "#767676";

    /// <summary>--color-primitive-orange-600: over budget, denied.</summary>
    public const string Warning = "#fb5b01";
}

/// <summary>
/// A chart the console draws with Chart.js (vendored, see docs/look.md) and shows as a table too,
/// because a canvas is not read by screen readers and is not printed well: the same figures, twice.
/// </summary>
public sealed record ChartSpec
{
    /// <summary>The id of the JSON block the canvas reads (unique on the page).</summary>
    public required string Id { get; init; }

    /// <summary>The caption above the chart.</summary>
    public required string Caption { get; init; }

    /// <summary><c>bar</c>, <c>line</c> or <c>doughnut</c>.</summary>
    public string Type { get; init; } = "bar";

    /// <summary>The categories (months, sections, reasons).</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>The header of the table's first column (e.g. 月, 所属).</summary>
    public string LabelHeader { get; init; } = "";

    /// <summary>The unit of the values, shown in the table's headers and on the axis (円, 人, %).</summary>
    public string Unit { get; init; } = "";

    /// <summary>Stack the bars.</summary>
    public bool Stacked { get; init; }

    /// <summary>Bars run sideways (long category names such as section names).</summary>
    public bool Horizontal { get; init; }

    /// <summary>The value axis ends at 100 (shares in percent).</summary>
    public bool Percent { get; init; }

    /// <summary>Decimals shown in the table.</summary>
    public int Decimals { get; init; }

    /// <summary>A line across the chart at this value (a target), with its label; drawn as a dashed line series.</summary>
    public (decimal Value, string Label)? Target { get; init; }

    /// <summary>Text for screen readers on the canvas; the table follows it.</summary>
    public string? Description { get; init; }

    /// <summary>The Chart.js configuration, as the JSON block carries it.</summary>
    public string ConfigJson()
    {
        var datasets = new JsonArray();
        foreach (var s in Series)
        {
            var data = new JsonArray(s.Values.Select(v => v is null ? null : (JsonNode)JsonValue.Create(v.Value)).ToArray());
            var set = new JsonObject { ["label"] = s.Label, ["data"] = data };
            if (s.Type is not null) set["type"] = s.Type;
            if (s.Stack is not null) set["stack"] = s.Stack;
            if (s.Color is not null)
            {
                set["backgroundColor"] = s.Color;
                set["borderColor"] = s.Color;
            }
            if ((s.Type ?? Type) == "line")
            {
                set["fill"] = false;
                set["tension"] = 0;
                set["spanGaps"] = false;
            }

            datasets.Add(set);
        }

        if (Target is { } target)
        {
            datasets.Add(new JsonObject
            {
                ["label"] = target.Label,
                ["type"] = "line",
                ["data"] = new JsonArray(Labels.Select(_ => (JsonNode)JsonValue.Create(target.Value)).ToArray()),
                ["borderDash"] = new JsonArray(6, 4),
                ["pointRadius"] = 0,
                ["fill"] = false,
                ["borderColor"] = "#d32f2f",
                ["backgroundColor"] = "#d32f2f",
            });
        }

        var valueAxis = new JsonObject { ["beginAtZero"] = true };
        if (Stacked) valueAxis["stacked"] = true;
        if (Percent) valueAxis["max"] = 100;
        if (Unit.Length > 0) valueAxis["title"] = new JsonObject { ["display"] = true, ["text"] = Unit };
        var categoryAxis = new JsonObject();
        if (Stacked) categoryAxis["stacked"] = true;
        var options = new JsonObject
        {
            ["animation"] = false,
            ["plugins"] = new JsonObject { ["legend"] = new JsonObject { ["position"] = "bottom", ["display"] = Series.Count > 1 || Target is not null || Type == "doughnut" } },
        };
        if (Type != "doughnut")
        {
            options["scales"] = Horizontal
                ? new JsonObject { ["x"] = valueAxis, ["y"] = categoryAxis }
                : new JsonObject { ["x"] = categoryAxis, ["y"] = valueAxis };
        }

        if (Horizontal) options["indexAxis"] = "y";
        var config = new JsonObject
        {
            ["type"] = Type,
            ["data"] = new JsonObject { ["labels"] = new JsonArray(Labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()), ["datasets"] = datasets },
            ["options"] = options,
        };

        return config.ToJsonString(Json);
    }

    // Japanese stays readable; < > & ' are still escaped (\u003C…), so no text can close the script block.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>A value as the table shows it.</summary>
    public string Format(decimal? value) => value is null ? "—" : value.Value.ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
