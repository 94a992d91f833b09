using Microsoft.EntityFrameworkCore;
using Zaitaku.Work;

namespace Zaitaku.Data.Work;

/// <summary>Told after a staff member's workday changed (started, ended, a break, a manual presence), e.g. to update the live board.</summary>
public interface IWorkdayObserver
{
    Task WorkdayChangedAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken);
}

public sealed record NoApprovedTelework(DateOnly Date) : Error("workday_no_approved_telework",
    new($"{WorkText.Day(Date).Ja}は承認された在宅勤務日ではないため、在宅では始業できません", $"{WorkText.Day(Date).En} is not an approved telework day; the workday cannot be started from home."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

public sealed record StaffNotEmployed() : Error("staff_not_employed",
    new("在職中の職員ではありません", "Not a staff member employed today."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

/// <summary>
/// Starts and ends workdays (始業・終業) and breaks, for the console's 今日の勤務 page and the
/// gateway portal alike. The day is the Tokyo date of the start; a day at home needs an approved
/// telework day. Every change is audited by the save.
/// </summary>
public sealed class WorkdayService(ZaitakuDb db, IEnumerable<IWorkdayObserver> observers)
{
    /// <summary>The workday of the staff member on the date, with its breaks, or null.</summary>
    public Task<Workday?> FindAsync(Guid staffId, DateOnly date, CancellationToken cancellationToken = default) =>
        db.Workdays.Include(w => w.Breaks).SingleOrDefaultAsync(w => w.StaffId == staffId && w.Date == date, cancellationToken);

    /// <summary>The day the staff member is working now: today's, or yesterday's when it is still open past midnight.</summary>
    public async Task<Workday?> CurrentAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        var today = JapanTime.Today(db.Time);
        var days = await db.Workdays.Include(w => w.Breaks)
            .Where(w => w.StaffId == staffId && (w.Date == today || (w.Date == today.AddDays(-1) && w.EndedAt == null)))
            .ToListAsync(cancellationToken);
        return days.OrderByDescending(w => w.Date).FirstOrDefault();
    }

    /// <summary>
    /// 始業: records the start of today's workday now. At home when today is an approved telework
    /// day; from the gateway only then. A manual presence is cleared.
    /// </summary>
    public async Task<Result<Workday>> StartAsync(Guid staffId, WorkdaySource source, CancellationToken cancellationToken = default)
    {
        var now = db.Time.GetUtcNow();
        var today = JapanTime.DateOf(now);
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null || !staff.IsActiveOn(today)) return new StaffNotEmployed();
        if (await db.Workdays.AsNoTracking().SingleOrDefaultAsync(w => w.StaffId == staffId && w.Date == today, cancellationToken) is { } existing)
            return new WorkdayAlreadyStarted(existing.StartedAt);
        var telework = await db.TeleworkRequests.AnyAsync(r => r.StaffId == staffId && r.Date == today && r.Status == RequestStatus.Approved, cancellationToken);
        if (source == WorkdaySource.Gateway && !telework) return new NoApprovedTelework(today);

        var workday = new Workday
        {
            Id = Guid.NewGuid(),
            StaffId = staffId,
            Date = today,
            Place = telework ? WorkPlace.Home : WorkPlace.Office,
            StartedAt = now,
            StartedVia = source,
        };
        db.Workdays.Add(workday);
        await ClearManualPresenceAsync(staffId, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two starts at once: the unique index kept one; report it like a second click.
            db.ChangeTracker.Clear();
            var kept = await db.Workdays.AsNoTracking().SingleOrDefaultAsync(w => w.StaffId == staffId && w.Date == today, cancellationToken);
            if (kept is null) throw;
            return new WorkdayAlreadyStarted(kept.StartedAt);
        }
        await NotifyAsync(staffId, cancellationToken);
        return workday;
    }

    /// <summary>
    /// 終業: ends the current workday now, with the 業務報告. A break going on ends with it. A day
    /// open for more than 24 hours is not ended here: it needs a correction.
    /// </summary>
    public async Task<Result<Workday>> EndAsync(Guid staffId, string? report, WorkdaySource source, CancellationToken cancellationToken = default)
    {
        if (report is { Length: > WorkdayRules.MaxReportLength }) return new WorkReportTooLong(WorkdayRules.MaxReportLength);
        var now = db.Time.GetUtcNow();
        var workday = await CurrentAsync(staffId, cancellationToken);
        if (workday is null) return new WorkdayNotStarted();
        if (workday.EndedAt is { } ended) return new WorkdayAlreadyEnded(ended);
        if (WorkdayRules.CheckEnd(workday.StartedAt, now) is { } error) return error;
        foreach (var open in workday.Breaks.Where(b => b.EndedAt is null)) open.EndedAt = now;
        workday.EndedAt = now;
        workday.EndedVia = source;
        workday.Report = string.IsNullOrWhiteSpace(report) ? null : report.Trim();
        await ClearManualPresenceAsync(staffId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(staffId, cancellationToken);
        return workday;
    }

    /// <summary>休憩の開始.</summary>
    public async Task<Result<Workday>> StartBreakAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        var workday = await CurrentAsync(staffId, cancellationToken);
        if (workday is null) return new WorkdayNotStarted();
        if (workday.EndedAt is { } ended) return new WorkdayAlreadyEnded(ended);
        if (workday.Breaks.Any(b => b.EndedAt is null)) return new BreakAlreadyStarted();
        var item = new WorkBreak { Id = Guid.NewGuid(), WorkdayId = workday.Id, StartedAt = db.Time.GetUtcNow() };
        db.WorkBreaks.Add(item);
        workday.Breaks.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(staffId, cancellationToken);
        return workday;
    }

    /// <summary>休憩の終了.</summary>
    public async Task<Result<Workday>> EndBreakAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        var workday = await CurrentAsync(staffId, cancellationToken);
        if (workday is null) return new WorkdayNotStarted();
        if (workday.Breaks.FirstOrDefault(b => b.EndedAt is null) is not { } open) return new BreakNotStarted();
        open.EndedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(staffId, cancellationToken);
        return workday;
    }

    /// <summary>Saves the 業務報告 of the current (or today's ended) workday without ending it.</summary>
    public async Task<Result<Workday>> SaveReportAsync(Guid staffId, string? report, CancellationToken cancellationToken = default)
    {
        if (report is { Length: > WorkdayRules.MaxReportLength }) return new WorkReportTooLong(WorkdayRules.MaxReportLength);
        var workday = await CurrentAsync(staffId, cancellationToken);
        if (workday is null) return new WorkdayNotStarted();
        workday.Report = string.IsNullOrWhiteSpace(report) ? null : report.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return workday;
    }

    private async Task ClearManualPresenceAsync(Guid staffId, CancellationToken cancellationToken)
    {
        if (await db.PresenceStatuses.SingleOrDefaultAsync(p => p.StaffId == staffId, cancellationToken) is { } manual)
            db.PresenceStatuses.Remove(manual);
    }

    private async Task NotifyAsync(Guid staffId, CancellationToken cancellationToken)
    {
        if (db.TenantScope.TenantId is not { } tenantId) return;
        foreach (var observer in observers) await observer.WorkdayChangedAsync(tenantId, staffId, cancellationToken);
    }
}
