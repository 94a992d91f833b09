using System.Collections.Frozen;
using System.Net;

namespace Zaitaku.Access;

/// <summary>
/// A policy input that cannot be built into a snapshot. <see cref="Field"/> names the bad
/// value the way the scenario file does (<c>routes[0].cidrs[1]</c>), so the person who wrote it
/// can find it.
/// </summary>
public sealed record PolicyInputError(string Field, LocalizedText Detail)
    : Error("policy_input_invalid", new LocalizedText($"{Field}: {Detail.Ja}", $"{Field}: {Detail.En}"));

/// <summary>
/// Collects the plain records and builds a <see cref="PolicySnapshot"/>, checking that they fit
/// together (unique ids, valid CIDRs and path prefixes, approvals and workdays of known staff).
/// A bad input stops the build with an error naming it: a gateway keeps its previous snapshot
/// rather than run half-configured.
/// </summary>
public sealed class PolicySnapshotBuilder
{
    /// <summary>The work rules.</summary>
    public AccessRules Rules { get; set; } = new();

    /// <summary>The network routes.</summary>
    public List<NetworkRoute> Routes { get; } = [];

    /// <summary>The internal systems.</summary>
    public List<InternalSystem> Systems { get; } = [];

    /// <summary>The staff.</summary>
    public List<StaffRecord> Staff { get; } = [];

    /// <summary>The telework devices.</summary>
    public List<DeviceRecord> Devices { get; } = [];

    /// <summary>The telework approvals (all days the snapshot should answer for).</summary>
    public List<TeleworkApproval> Approvals { get; } = [];

    /// <summary>The workday records (all days the snapshot should answer for).</summary>
    public List<WorkdayRecord> Workdays { get; } = [];

    /// <summary>Builds the snapshot, or names the first input that does not fit.</summary>
    public Result<PolicySnapshot> Build()
    {
        var rules = Rules;
        if (rules.RestrictedDataClasses is null) return Fail("rules.restrictedDataClasses", new("値がありません", "is missing"));
        if (rules.PostureMaxAgeHours < 0) return Fail("rules.postureMaxAgeHours", new("0 以上の整数にしてください", "must not be negative"));
        if (rules.WorkEnd <= rules.WorkStart) return Fail("rules.workEnd", new("始業時刻より後にしてください", "must be after workStart"));
        var restricted = rules.RestrictedDataClasses.ToFrozenSet(StringComparer.Ordinal);

        var ranges = new List<(RouteEntry, IPAddress, int)>();
        var routeIds = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < Routes.Count; r++)
        {
            var route = Routes[r];
            if (string.IsNullOrEmpty(route.Id)) return Fail($"routes[{r}].id", Missing);
            if (!routeIds.Add(route.Id)) return Fail($"routes[{r}].id", Duplicate(route.Id));
            var entry = new RouteEntry(route.Id, route.Kind == RouteKind.Closed);
            for (var c = 0; c < route.Cidrs.Count; c++)
            {
                var text = route.Cidrs[c] ?? "";
                if (!AddressText.TryParseCidr(text, out var network, out var prefixLength, out var problem))
                {
                    return Fail($"routes[{r}].cidrs[{c}]", new($"CIDR \"{text}\" が正しくありません（{problem.Ja}）", $"invalid CIDR \"{text}\" ({problem.En})"));
                }

                ranges.Add((entry, network, prefixLength));
            }
        }

        var systems = new Dictionary<string, SystemEntry>(StringComparer.Ordinal);
        for (var s = 0; s < Systems.Count; s++)
        {
            var system = Systems[s];
            if (string.IsNullOrEmpty(system.Id)) return Fail($"systems[{s}].id", Missing);
            if (systems.ContainsKey(system.Id)) return Fail($"systems[{s}].id", Duplicate(system.Id));
            var pathRules = new List<PathRuleEntry>();
            for (var p = 0; p < system.Paths.Count; p++)
            {
                var prefix = system.Paths[p].Prefix ?? "";
                var normalized = RequestPath.Normalize(prefix, out var problem);
                if (normalized is null || !prefix.StartsWith('/'))
                {
                    return Fail($"systems[{s}].paths[{p}].prefix", new($"パス \"{prefix}\" が正しくありません（/ で始まる正規のパスにしてください）", $"invalid path prefix \"{prefix}\" ({(problem == PathProblem.None ? PathProblem.NotAbsolute : problem)})"));
                }

                // "/tax/" means the same as "/tax"; "/" becomes "" and covers every path.
                normalized = normalized.TrimEnd('/');
                if (pathRules.Any(rule => string.Equals(rule.Prefix, normalized, StringComparison.OrdinalIgnoreCase)))
                {
                    return Fail($"systems[{s}].paths[{p}].prefix", Duplicate(prefix));
                }

                var dataClass = system.Paths[p].DataClass;
                pathRules.Add(new PathRuleEntry(normalized, dataClass is not null && restricted.Contains(dataClass)));
            }

            systems.Add(system.Id, new SystemEntry(
                system.Segment,
                system.Remote,
                system.AllowOpenRoutes,
                system.DataClass is not null && restricted.Contains(system.DataClass),
                pathRules.OrderByDescending(rule => rule.Prefix.Length).ToArray()));
        }

        var staff = new Dictionary<string, StaffEntry>(StringComparer.Ordinal);
        for (var i = 0; i < Staff.Count; i++)
        {
            var member = Staff[i];
            if (string.IsNullOrEmpty(member.Id)) return Fail($"staff[{i}].id", Missing);
            if (staff.ContainsKey(member.Id)) return Fail($"staff[{i}].id", Duplicate(member.Id));
            var ineligible = (member.Employment == Employment.Probationary && rules.ExcludeProbationary)
                || (member.Employment == Employment.FiscalYear && rules.ExcludeFiscalYearStaff);
            staff.Add(member.Id, new StaffEntry(i, member.Active, ineligible));
        }

        var devices = new Dictionary<string, DeviceEntry>(StringComparer.Ordinal);
        for (var d = 0; d < Devices.Count; d++)
        {
            var device = Devices[d];
            if (string.IsNullOrEmpty(device.Serial)) return Fail($"devices[{d}].serial", Missing);
            if (devices.ContainsKey(device.Serial)) return Fail($"devices[{d}].serial", Duplicate(device.Serial));
            if (device.AssignedTo is not null && !staff.ContainsKey(device.AssignedTo)) return Fail($"devices[{d}].assignedTo", UnknownStaff(device.AssignedTo));
            devices.Add(device.Serial, new DeviceEntry(device.State, device.AssignedTo, device.PostureReportedAt?.UtcTicks, device.Compliant));
        }

        var workEnds = new Dictionary<long, long>();
        for (var a = 0; a < Approvals.Count; a++)
        {
            var approval = Approvals[a];
            if (approval.Staff is null || !staff.TryGetValue(approval.Staff, out var member)) return Fail($"approvals[{a}].staff", UnknownStaff(approval.Staff));
            var key = PolicySnapshot.StaffDayKey(member.Index, approval.Date.DayNumber);
            if (!workEnds.TryAdd(key, (approval.OvertimeUntil ?? rules.WorkEnd).Ticks))
            {
                return Fail($"approvals[{a}]", new($"{approval.Staff} の {approval.Date:yyyy-MM-dd} の承認が重複しています", $"a second approval for {approval.Staff} on {approval.Date:yyyy-MM-dd}"));
            }
        }

        var workdays = new Dictionary<long, List<WorkdaySpan>>();
        for (var w = 0; w < Workdays.Count; w++)
        {
            var workday = Workdays[w];
            if (workday.Staff is null || !staff.TryGetValue(workday.Staff, out var member)) return Fail($"workdays[{w}].staff", UnknownStaff(workday.Staff));
            if (workday.End is { } end && end < workday.Start) return Fail($"workdays[{w}].end", new("始業より前になっています", "is before start"));
            var key = PolicySnapshot.StaffDayKey(member.Index, workday.Date.DayNumber);
            if (!workdays.TryGetValue(key, out var spans)) workdays.Add(key, spans = []);
            spans.Add(new WorkdaySpan(workday.Start.UtcTicks, workday.End?.UtcTicks ?? long.MaxValue));
        }

        return new PolicySnapshot(
            rules,
            [.. Routes],
            [.. Systems],
            [.. Staff],
            [.. Devices],
            [.. Approvals],
            [.. Workdays],
            RouteTable.Build(ranges),
            staff.ToFrozenDictionary(StringComparer.Ordinal),
            devices.ToFrozenDictionary(StringComparer.Ordinal),
            systems.ToFrozenDictionary(StringComparer.Ordinal),
            workEnds.ToFrozenDictionary(),
            workdays.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray()));
    }

    private static LocalizedText Missing => new("値がありません", "is missing");

    private static LocalizedText Duplicate(string id) => new($"\"{id}\" が重複しています", $"duplicate \"{id}\"");

    private static LocalizedText UnknownStaff(string? id) => new($"職員 \"{id}\" が staff にありません", $"unknown staff \"{id}\"");

    private static PolicyInputError Fail(string field, LocalizedText detail) => new(field, detail);
}
