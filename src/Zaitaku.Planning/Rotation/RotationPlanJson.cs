using System.Text;
using System.Text.Json;

namespace Zaitaku.Planning;

/// <summary>
/// PLAN.json exactly as issue 6 defines it:
/// <c>{"status", "homeDays", "bound", "assignments": {"&lt;staff id&gt;": ["home" | "office" | "leave", …]}}</c>.
/// One staff member per line so that large plans stay readable and diffable.
/// </summary>
public static class RotationPlanJson
{
    /// <summary>Serialises the plan; staff appear in the order of the instance.</summary>
    public static string Write(RotationPlan plan)
    {
        var sb = new StringBuilder(64 + (plan.Assignments.Count * 160));
        sb.Append("{\n  \"status\": \"").Append(StatusName(plan.Status)).Append("\",\n");
        sb.Append("  \"homeDays\": ").Append(plan.HomeDays).Append(",\n");
        sb.Append("  \"bound\": ").Append(plan.Bound).Append(",\n");
        sb.Append("  \"assignments\": {");
        var first = true;
        foreach (var (staff, days) in plan.Assignments)
        {
            sb.Append(first ? "\n    " : ",\n    ");
            first = false;
            sb.Append(JsonSerializer.Serialize(staff)).Append(": [");
            for (var d = 0; d < days.Count; d++)
            {
                if (d > 0) sb.Append(", ");
                sb.Append('"').Append(PlaceName(days[d])).Append('"');
            }

            sb.Append(']');
        }

        sb.Append(first ? "}\n}\n" : "\n  }\n}\n");
        return sb.ToString();
    }

    /// <summary>Reads a PLAN.json back (for tests and tools that check a plan).</summary>
    public static RotationPlan Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var assignments = new Dictionary<string, IReadOnlyList<DayPlace>>(StringComparer.Ordinal);
        foreach (var staff in root.GetProperty("assignments").EnumerateObject())
        {
            assignments[staff.Name] = staff.Value.EnumerateArray().Select(e => e.GetString() switch
            {
                "home" => DayPlace.Home,
                "office" => DayPlace.Office,
                "leave" => DayPlace.Leave,
                var other => throw new FormatException($"unknown place \"{other}\" for {staff.Name}"),
            }).ToList();
        }

        return new RotationPlan
        {
            Status = root.GetProperty("status").GetString() switch
            {
                "optimal" => PlanStatus.Optimal,
                "feasible" => PlanStatus.Feasible,
                "infeasible" => PlanStatus.Infeasible,
                var other => throw new FormatException($"unknown status \"{other}\""),
            },
            HomeDays = root.GetProperty("homeDays").GetInt32(),
            Bound = root.GetProperty("bound").GetInt32(),
            Assignments = assignments,
        };
    }

    /// <summary>The status as PLAN.json spells it.</summary>
    public static string StatusName(PlanStatus status) => status switch
    {
        PlanStatus.Optimal => "optimal",
        PlanStatus.Feasible => "feasible",
        _ => "infeasible",
    };

    private static string PlaceName(DayPlace place) => place switch
    {
        DayPlace.Home => "home",
        DayPlace.Office => "office",
        _ => "leave",
    };
}
