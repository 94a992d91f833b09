using Microsoft.EntityFrameworkCore;
using Zaitaku.Work;

namespace Zaitaku.Data.Work;

/// <summary>An approved telework day (所属長の承認済み) and, when overtime is approved, until when work may go on (Tokyo wall clock).</summary>
public sealed record ApprovedTeleworkDay(Guid StaffId, DateOnly Date, TimeOnly? OvertimeUntil);

/// <summary>A workday's start and end as the gateway reads them (UTC instants; the end is null while the day goes on).</summary>
public sealed record WorkdayTimes(Guid StaffId, DateOnly Date, WorkPlace Place, DateTimeOffset Start, DateTimeOffset? End);

/// <summary>
/// What the gateway asks of the work records: whether a staff member has an approved telework day
/// (and its approved overtime), and the workday record of a day. Read-only, tenant-scoped.
/// </summary>
public sealed class TeleworkLookup(ZaitakuDb db)
{
    /// <summary>The approved telework day of the staff member on the date, or null when there is none.</summary>
    public async Task<ApprovedTeleworkDay?> ApprovedDayAsync(Guid staffId, DateOnly date, CancellationToken cancellationToken = default) =>
        (await ApprovedAsync(db.TeleworkRequests.Where(r => r.StaffId == staffId && r.Date == date), date, cancellationToken)).SingleOrDefault();

    /// <summary>Every approved telework day of the tenant on the date (for the gateway's policy snapshot).</summary>
    public Task<List<ApprovedTeleworkDay>> ApprovedOnAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        ApprovedAsync(db.TeleworkRequests.Where(r => r.Date == date), date, cancellationToken);

    /// <summary>The workday record of the staff member on the date, or null.</summary>
    public Task<WorkdayTimes?> WorkdayAsync(Guid staffId, DateOnly date, CancellationToken cancellationToken = default) =>
        db.Workdays.AsNoTracking().Where(w => w.StaffId == staffId && w.Date == date)
            .Select(w => new WorkdayTimes(w.StaffId, w.Date, w.Place, w.StartedAt, w.EndedAt)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Every workday record of the tenant on the date.</summary>
    public Task<List<WorkdayTimes>> WorkdaysOnAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        db.Workdays.AsNoTracking().Where(w => w.Date == date)
            .Select(w => new WorkdayTimes(w.StaffId, w.Date, w.Place, w.StartedAt, w.EndedAt)).ToListAsync(cancellationToken);

    private async Task<List<ApprovedTeleworkDay>> ApprovedAsync(IQueryable<TeleworkRequest> requests, DateOnly date, CancellationToken cancellationToken)
    {
        var days = await requests.AsNoTracking().Where(r => r.Status == RequestStatus.Approved).Select(r => r.StaffId).ToListAsync(cancellationToken);
        if (days.Count == 0) return [];
        var overtime = await db.OvertimeRequests.AsNoTracking()
            .Where(o => o.Date == date && o.Status == RequestStatus.Approved)
            .Select(o => new { o.StaffId, o.Until }).ToListAsync(cancellationToken);
        var until = overtime.ToDictionary(o => o.StaffId, o => o.Until);
        return days.Select(staffId => new ApprovedTeleworkDay(staffId, date, until.TryGetValue(staffId, out var u) ? u : null)).ToList();
    }
}
