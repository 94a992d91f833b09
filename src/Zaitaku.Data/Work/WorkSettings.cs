using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Data.Work;

/// <summary>
/// The tenants' work calendars, built from the built-in holiday list, the tenant's imported
/// years and its closure days. Kept in memory; a change on this node drops the tenant's entry at
/// once, and entries older than a minute are rebuilt so that other nodes' changes arrive too.
/// </summary>
public sealed class WorkCalendarCache(TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, (WorkCalendar Calendar, DateTimeOffset LoadedAt)> _calendars = new();

    public async Task<WorkCalendar> GetAsync(Guid tenantId, Func<Task<WorkCalendar>> load)
    {
        var now = time.GetUtcNow();
        if (_calendars.TryGetValue(tenantId, out var entry) && now - entry.LoadedAt < MaxAge) return entry.Calendar;
        var calendar = await load();
        _calendars[tenantId] = (calendar, now);
        return calendar;
    }

    /// <summary>Forgets a tenant's calendar after its holidays or closure days changed.</summary>
    public void Invalidate(Guid tenantId) => _calendars.TryRemove(tenantId, out _);
}

/// <summary>The current tenant's work rules and work calendar.</summary>
public sealed class WorkSettings(ZaitakuDb db, WorkCalendarCache calendars)
{
    /// <summary>The tenant's rules; the defaults until HR saves its own.</summary>
    public async Task<WorkRules> RulesAsync(CancellationToken cancellationToken = default) =>
        (await db.WorkRules.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.ToRules() ?? WorkRules.Default;

    /// <summary>The tenant's calendar: national holidays (with its imported years), the year-end closure, weekends and its closure days.</summary>
    public Task<WorkCalendar> CalendarAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = db.TenantScope.TenantId ?? throw new InvalidOperationException("No tenant is set for the work calendar.");
        return calendars.GetAsync(tenantId, async () =>
        {
            var imported = await db.TenantHolidays.AsNoTracking().Select(h => new HolidayEntry(h.Date, h.Name)).ToListAsync(cancellationToken);
            var closures = await db.ClosureDays.AsNoTracking().Select(c => c.Date).ToListAsync(cancellationToken);
            var holidays = imported.Count == 0 ? JapaneseHolidays.Official : JapaneseHolidays.Official.WithImported(HolidayList.From(imported));
            return new WorkCalendar(holidays, closures);
        });
    }

    /// <summary>Drops the cached calendar of the current tenant.</summary>
    public void CalendarChanged()
    {
        if (db.TenantScope.TenantId is { } tenantId) calendars.Invalidate(tenantId);
    }
}
