using System.Buffers;
using Zaitaku.Devices;

namespace Zaitaku.Access;

/// <summary>
/// The decision at the heart of the gateway: one pure function of the snapshot, the request and
/// the time. The proxy and <c>zaitaku access explain</c> both call it, so what an administrator
/// tests is what the gateway does. Deny wins: every failing check adds its reason.
/// </summary>
public static class AccessPolicy
{
    // Japan has kept UTC+9 without daylight saving since 1951; a fixed offset keeps the hot path
    // free of time-zone lookups (JapanTime agrees, see the tests).
    private static readonly long TokyoOffsetTicks = TimeSpan.FromHours(9).Ticks;

    private const int StackPathLimit = 256;

    /// <summary>
    /// Decides one request. Checks, in this order, each adding its code when it fails: device,
    /// route, staff, system, path, day (docs/access-decision.md). Allocation-free unless the raw
    /// path is longer than 256 characters.
    /// </summary>
    public static AccessDecision Decide(PolicySnapshot snapshot, in AccessRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        uint reasons = 0;
        var nowUtc = now.UtcTicks;

        SystemEntry? system = null;
        if (request.System is { } systemId) snapshot.SystemsById.TryGetValue(systemId, out system);

        // 1. Device.
        if (request.DeviceSerial is not { } serial)
        {
            reasons |= Bit(ReasonCode.NoDeviceCertificate);
        }
        else if (!snapshot.DevicesBySerial.TryGetValue(serial, out var device))
        {
            reasons |= Bit(ReasonCode.DeviceUnknown);
        }
        else
        {
            if (device.State != DeviceState.Lent) reasons |= Bit(ReasonCode.DeviceNotLent);
            if (request.Staff is not null && !string.Equals(device.AssignedTo, request.Staff, StringComparison.Ordinal)) reasons |= Bit(ReasonCode.DeviceNotAssigned);
            if (device.PostureUtcTicks == long.MinValue || nowUtc - device.PostureUtcTicks > snapshot.PostureMaxAgeTicks) reasons |= Bit(ReasonCode.DevicePostureStale);
            if (!device.Compliant) reasons |= Bit(ReasonCode.DeviceNoncompliant);
        }

        // 2. Route.
        var route = snapshot.RouteTable.Find(request.SourceAddress);
        if (route is null)
        {
            reasons |= Bit(ReasonCode.RouteUnknown);
        }
        else if (!route.Closed && !(system is { Segment: Segment.Internet, AllowOpenRoutes: true }))
        {
            reasons |= Bit(ReasonCode.RouteNotClosed);
        }

        // 3. Staff.
        StaffEntry? staff = null;
        if (request.Staff is not { } staffId)
        {
            reasons |= Bit(ReasonCode.NotSignedIn);
        }
        else if (!snapshot.StaffById.TryGetValue(staffId, out staff))
        {
            reasons |= Bit(ReasonCode.StaffUnknown);
        }
        else
        {
            if (!staff.Active) reasons |= Bit(ReasonCode.StaffInactive);
            if (!request.Mfa) reasons |= Bit(ReasonCode.MfaRequired);
            if (staff.Ineligible) reasons |= Bit(ReasonCode.StaffIneligible);
        }

        // 4. System. My Number is refused by code, not by configuration.
        if (system is null) reasons |= Bit(ReasonCode.SystemUnknown);
        else if (system.Segment == Segment.MyNumber) reasons |= Bit(ReasonCode.SegmentMyNumber);
        else if (!system.Remote) reasons |= Bit(ReasonCode.SystemNotRemote);

        // 5. Path.
        reasons |= CheckPath(system, request.Path);

        // 6. Day, in Asia/Tokyo.
        if (staff is not null)
        {
            var tokyo = nowUtc + TokyoOffsetTicks;
            var day = (int)(tokyo / TimeSpan.TicksPerDay);
            var timeOfDay = tokyo % TimeSpan.TicksPerDay;
            var key = PolicySnapshot.StaffDayKey(staff.Index, day);

            if (!snapshot.WorkEndByStaffDay.TryGetValue(key, out var workEnd))
            {
                reasons |= Bit(ReasonCode.NoApprovedTelework);
                workEnd = snapshot.DefaultWorkEndTicks;
            }

            if (!IsClockedIn(snapshot, key, nowUtc)) reasons |= Bit(ReasonCode.NotClockedIn);
            if (timeOfDay < snapshot.WorkStartTicks || timeOfDay >= workEnd) reasons |= Bit(ReasonCode.OutsideWorkHours);
        }

        return AccessDecision.FromBits(reasons);
    }

    /// <summary>The normalised path the decision judged, or null with the problem that made it <c>path_invalid</c>; for the decision log.</summary>
    public static string? NormalizePath(string rawPath, out PathProblem problem) => RequestPath.Normalize(rawPath, out problem);

    private static uint CheckPath(SystemEntry? system, string? rawPath)
    {
        var raw = (rawPath ?? "").AsSpan();
        var query = raw.IndexOf('?');
        if (query >= 0) raw = raw[..query];
        if (RequestPath.IsNormal(raw)) return system is not null && IsRestricted(system, raw) ? Bit(ReasonCode.DataClassRestricted) : 0;
        if (raw.Length > RequestPath.MaxLength) return Bit(ReasonCode.PathInvalid);

        char[]? rented = null;
        var length = RequestPath.BufferLength(raw.Length);
        Span<char> buffer = raw.Length <= StackPathLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            if (RequestPath.Normalize(raw, buffer, out var written) != PathProblem.None) return Bit(ReasonCode.PathInvalid);
            return system is not null && IsRestricted(system, buffer[..written]) ? Bit(ReasonCode.DataClassRestricted) : 0;
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool IsRestricted(SystemEntry system, ReadOnlySpan<char> path)
    {
        foreach (var rule in system.Rules)
        {
            if (RequestPath.Covers(rule.Prefix, path)) return rule.Restricted;
        }

        return system.Restricted;
    }

    private static bool IsClockedIn(PolicySnapshot snapshot, long key, long nowUtc)
    {
        if (!snapshot.WorkdaysByStaffDay.TryGetValue(key, out var spans)) return false;
        foreach (var span in spans)
        {
            if (span.StartUtcTicks <= nowUtc && nowUtc < span.EndUtcTicks) return true;
        }

        return false;
    }

    private static uint Bit(ReasonCode reason) => 1u << (int)reason;
}
