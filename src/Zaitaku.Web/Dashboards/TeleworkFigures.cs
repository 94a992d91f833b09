using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Work;

namespace Zaitaku.Web.Dashboards;

/// <summary>One day of the period: workday records by place, and the staff expected at work.</summary>
/// <param name="Date">The day (Asia/Tokyo).</param>
/// <param name="Home">Workday records at home (在宅).</param>
/// <param name="Office">Workday records in the office (出勤).</param>
/// <param name="Expected">Staff employed that day when it is a working day (0 on a holiday): the office's normal attendance.</param>
public sealed record DayFigures(DateOnly Date, int Home, int Office, int Expected)
{
    /// <summary>Staff who worked that day.</summary>
    public int Worked => Home + Office;

    /// <summary>Telework share of those who worked, percent; null when nobody worked.</summary>
    public decimal? HomeSharePercent => Worked == 0 ? null : Math.Round(Home * 100m / Worked, 1);

    /// <summary>Office attendance against the staff expected, percent; null on a day off.</summary>
    public decimal? AttendancePercent => Expected == 0 ? null : Math.Round(Office * 100m / Expected, 1);
}

/// <summary>A section's workday records of the period by place (its units' staff included).</summary>
public sealed record SectionFigures(Guid SectionId, string Code, string Name, int Home, int Office)
{
    public int Worked => Home + Office;

    /// <summary>Telework share, percent; null when nobody worked.</summary>
    public decimal? HomeSharePercent => Worked == 0 ? null : Math.Round(Home * 100m / Worked, 1);
}

/// <summary>PCs in one state.</summary>
public sealed record StateCount(DeviceState State, int Count);

/// <summary>A workday record as the drill-down lists it.</summary>
public sealed record WorkdayRecordRow(DateOnly Date, string StaffNumber, string StaffName, string SectionName, WorkPlace Place, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, bool Corrected);

/// <summary>
/// The dashboard's work figures: telework share by day and by section and office attendance against the
/// staff expected, read from the daily summary of the workday records (<see cref="WorkdayTally"/>: a row per
/// day, unit and place, kept by every save that adds a record), and the fleet by state. A year of a large
/// municipality is tens of thousands of summary rows, not millions of records; the drill-down reads the records.
/// </summary>
public sealed class TeleworkFigures(ZaitakuDb db, WorkSettings settings)
{
    /// <summary>Each day of the period with its records by place and the staff expected.</summary>
    public async Task<IReadOnlyList<DayFigures>> ByDayAsync(DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var units = await OrgScope.UnitsOfAsync(db, filter, cancellationToken);
        var counts = await Tallies(filter, units).GroupBy(t => new { t.Date, t.Place })
            .Select(g => new { g.Key.Date, g.Key.Place, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken);
        var staff = db.Staff.AsNoTracking().Where(s => s.ActiveFrom <= filter.To && (s.ActiveTo == null || s.ActiveTo >= filter.From));
        if (units is not null) staff = staff.Where(s => units.Contains(s.SectionId));
        // Staff grouped by their employment period: a few rows however many staff there are.
        var periods = await staff.GroupBy(s => new { s.ActiveFrom, s.ActiveTo })
            .Select(g => new { g.Key.ActiveFrom, g.Key.ActiveTo, Count = g.Count() }).ToListAsync(cancellationToken);
        var calendar = await settings.CalendarAsync(cancellationToken);
        var byKey = counts.ToDictionary(c => (c.Date, c.Place), c => c.Count);
        return filter.Days.Select(d => new DayFigures(d,
            byKey.GetValueOrDefault((d, WorkPlace.Home)),
            byKey.GetValueOrDefault((d, WorkPlace.Office)),
            calendar.IsWorkingDay(d) ? periods.Where(p => p.ActiveFrom <= d && (p.ActiveTo == null || p.ActiveTo >= d)).Sum(p => p.Count) : 0)).ToList();
    }

    /// <summary>The period's records by section (a 係's staff count under its section), in the organisation's order.</summary>
    public async Task<IReadOnlyList<SectionFigures>> BySectionAsync(DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var units = await OrgScope.UnitsOfAsync(db, filter, cancellationToken);
        var counts = await Tallies(filter, units).GroupBy(t => new { t.SectionId, t.Place })
            .Select(g => new { g.Key.SectionId, g.Key.Place, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken);
        var org = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        var byId = org.ToDictionary(u => u.Id);
        Guid SectionOf(Guid unit) => byId.TryGetValue(unit, out var u) && u.Kind == Zaitaku.Organization.OrgUnitKind.Unit && u.ParentId is { } parent ? parent : unit;
        return counts.GroupBy(c => SectionOf(c.SectionId))
            .Select(g => new { Unit = byId.GetValueOrDefault(g.Key), g.Key, Home = g.Where(c => c.Place == WorkPlace.Home).Sum(c => c.Count), Office = g.Where(c => c.Place == WorkPlace.Office).Sum(c => c.Count) })
            .OrderBy(x => x.Unit?.SortOrder ?? int.MaxValue).ThenBy(x => x.Unit?.Code, StringComparer.Ordinal)
            .Select(x => new SectionFigures(x.Key, x.Unit?.Code ?? "", x.Unit?.Name ?? "?", x.Home, x.Office)).ToList();
    }

    /// <summary>The fleet by state (every PC of the municipality: PCs are not owned by a section).</summary>
    public async Task<IReadOnlyList<StateCount>> DevicesByStateAsync(CancellationToken cancellationToken = default)
    {
        var counts = await db.Devices.AsNoTracking().GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return Enum.GetValues<DeviceState>().Select(s => new StateCount(s, counts.GetValueOrDefault(s))).ToList();
    }

    /// <summary>The workday records behind a chart (a day, a place, the filter's units), by date then staff number, a page at a time.</summary>
    public async Task<(List<WorkdayRecordRow> Rows, int Total)> RecordsAsync(DashboardFilter filter, DateOnly? day, WorkPlace? place, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var units = await OrgScope.UnitsOfAsync(db, filter, cancellationToken);
        var staff = db.Staff.AsNoTracking();
        if (units is not null) staff = staff.Where(s => units.Contains(s.SectionId));
        var query = from w in Workdays(filter)
                    join s in staff on w.StaffId equals s.Id
                    join u in db.OrgUnits on s.SectionId equals u.Id
                    select new { w, s.StaffNumber, s.FamilyName, s.GivenName, u.Name };
        if (day is { } d) query = query.Where(x => x.w.Date == d);
        if (place is { } p) query = query.Where(x => x.w.Place == p);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(x => x.w.Date).ThenBy(x => x.StaffNumber)
            .Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows.Select(x => new WorkdayRecordRow(x.w.Date, x.StaffNumber, $"{x.FamilyName} {x.GivenName}", x.Name, x.w.Place, x.w.StartedAt, x.w.EndedAt, x.w.Corrected)).ToList(), total);
    }

    /// <summary>The daily summary of the period (a row per day, unit and place), for the filter's units.</summary>
    private IQueryable<WorkdayTally> Tallies(DashboardFilter filter, List<Guid>? units)
    {
        var query = db.WorkdayTallies.AsNoTracking().Where(t => t.Date >= filter.From && t.Date <= filter.To);
        return units is null ? query : query.Where(t => units.Contains(t.SectionId));
    }

    private IQueryable<Workday> Workdays(DashboardFilter filter) =>
        db.Workdays.AsNoTracking().Where(w => w.Date >= filter.From && w.Date <= filter.To);
}

/// <summary>Units of the organisation tree under one another.</summary>
internal static class OrgScope
{
    /// <summary>The filter's unit and every unit under it, or null when the filter takes the whole municipality.</summary>
    public static async Task<List<Guid>?> UnitsOfAsync(ZaitakuDb db, DashboardFilter filter, CancellationToken cancellationToken) =>
        filter.SectionId is { } unit ? await UnitsUnderAsync(db, unit, cancellationToken) : null;

    /// <summary>The unit and every unit under it: a department's sections and their 係, a section's 係.</summary>
    public static async Task<List<Guid>> UnitsUnderAsync(ZaitakuDb db, Guid unit, CancellationToken cancellationToken)
    {
        var children = (await db.OrgUnits.AsNoTracking().Where(u => u.ParentId != null).Select(u => new { u.Id, Parent = u.ParentId!.Value }).ToListAsync(cancellationToken))
            .ToLookup(u => u.Parent, u => u.Id);
        var found = new List<Guid> { unit };
        for (var i = 0; i < found.Count && found.Count < 100_000; i++) found.AddRange(children[found[i]]);
        return found;
    }
}
