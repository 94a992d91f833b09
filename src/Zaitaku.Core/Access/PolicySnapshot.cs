using System.Collections.Frozen;
using Zaitaku.Devices;

namespace Zaitaku.Access;

/// <summary>
/// An immutable, in-memory picture of everything the decision reads, indexed for O(1) lookups
/// by the strings the gateway sees (staff id, device serial, system id). Built once by
/// <see cref="PolicySnapshotBuilder"/>; the gateway builds a new one when data changes and swaps
/// the reference atomically, so a decision never sees half an update.
/// </summary>
public sealed class PolicySnapshot
{
    internal PolicySnapshot(
        AccessRules rules,
        IReadOnlyList<NetworkRoute> routes,
        IReadOnlyList<InternalSystem> systems,
        IReadOnlyList<StaffRecord> staff,
        IReadOnlyList<DeviceRecord> devices,
        IReadOnlyList<TeleworkApproval> approvals,
        IReadOnlyList<WorkdayRecord> workdays,
        RouteTable routeTable,
        FrozenDictionary<string, StaffEntry> staffById,
        FrozenDictionary<string, DeviceEntry> devicesBySerial,
        FrozenDictionary<string, SystemEntry> systemsById,
        FrozenDictionary<long, long> workEndByStaffDay,
        FrozenDictionary<long, WorkdaySpan[]> workdaysByStaffDay)
    {
        Rules = rules;
        Routes = routes;
        Systems = systems;
        Staff = staff;
        Devices = devices;
        Approvals = approvals;
        Workdays = workdays;
        RouteTable = routeTable;
        StaffById = staffById;
        DevicesBySerial = devicesBySerial;
        SystemsById = systemsById;
        WorkEndByStaffDay = workEndByStaffDay;
        WorkdaysByStaffDay = workdaysByStaffDay;
        WorkStartTicks = rules.WorkStart.Ticks;
        DefaultWorkEndTicks = rules.WorkEnd.Ticks;
        PostureMaxAgeTicks = TimeSpan.FromHours(rules.PostureMaxAgeHours).Ticks;
    }

    /// <summary>The work rules applied.</summary>
    public AccessRules Rules { get; }

    /// <summary>The routes, as given.</summary>
    public IReadOnlyList<NetworkRoute> Routes { get; }

    /// <summary>The internal systems, as given (the portal shows their tiles).</summary>
    public IReadOnlyList<InternalSystem> Systems { get; }

    /// <summary>The staff, as given.</summary>
    public IReadOnlyList<StaffRecord> Staff { get; }

    /// <summary>The devices, as given.</summary>
    public IReadOnlyList<DeviceRecord> Devices { get; }

    /// <summary>The telework approvals, as given.</summary>
    public IReadOnlyList<TeleworkApproval> Approvals { get; }

    /// <summary>The workday records, as given.</summary>
    public IReadOnlyList<WorkdayRecord> Workdays { get; }

    /// <summary>A snapshot with nothing in it: every request is denied.</summary>
    public static PolicySnapshot Empty { get; } = new PolicySnapshotBuilder().Build().Value;

    /// <summary>The id of the route holding the address (most specific range), or null; for the decision log.</summary>
    public string? RouteOf(System.Net.IPAddress? address) => RouteTable.Find(address)?.Id;

    internal RouteTable RouteTable { get; }

    internal FrozenDictionary<string, StaffEntry> StaffById { get; }

    internal FrozenDictionary<string, DeviceEntry> DevicesBySerial { get; }

    internal FrozenDictionary<string, SystemEntry> SystemsById { get; }

    /// <summary>Approved (staff, Tokyo day) → end of work as ticks since midnight (overtime end or the rules' work end).</summary>
    internal FrozenDictionary<long, long> WorkEndByStaffDay { get; }

    /// <summary>(staff, Tokyo day) → that day's workday records.</summary>
    internal FrozenDictionary<long, WorkdaySpan[]> WorkdaysByStaffDay { get; }

    internal long WorkStartTicks { get; }

    internal long DefaultWorkEndTicks { get; }

    internal long PostureMaxAgeTicks { get; }

    /// <summary>The key of a staff member's day in the per-day tables.</summary>
    internal static long StaffDayKey(int staffIndex, int dayNumber) => ((long)staffIndex << 32) | (uint)dayNumber;
}

internal sealed class StaffEntry(int index, bool active, bool ineligible)
{
    public readonly int Index = index;
    public readonly bool Active = active;
    public readonly bool Ineligible = ineligible;
}

internal sealed class DeviceEntry(DeviceState state, string? assignedTo, long? postureUtcTicks, bool compliant)
{
    public readonly DeviceState State = state;
    public readonly string? AssignedTo = assignedTo;

    /// <summary>UTC ticks of the last posture report; <see cref="long.MinValue"/> when there is none.</summary>
    public readonly long PostureUtcTicks = postureUtcTicks ?? long.MinValue;

    public readonly bool Compliant = compliant;
}

internal sealed class SystemEntry(Segment segment, bool remote, bool allowOpenRoutes, bool restricted, PathRuleEntry[] rules)
{
    public readonly Segment Segment = segment;
    public readonly bool Remote = remote;
    public readonly bool AllowOpenRoutes = allowOpenRoutes;

    /// <summary>The system's own data class is restricted.</summary>
    public readonly bool Restricted = restricted;

    /// <summary>Path rules, longest prefix first, so the first that covers a path is the longest.</summary>
    public readonly PathRuleEntry[] Rules = rules;
}

/// <summary>A normalised prefix without trailing slash, and whether its class is restricted.</summary>
internal readonly record struct PathRuleEntry(string Prefix, bool Restricted);

/// <summary>One workday record as UTC ticks; <see cref="long.MaxValue"/> as end while it goes on.</summary>
internal readonly record struct WorkdaySpan(long StartUtcTicks, long EndUtcTicks);
