using Microsoft.EntityFrameworkCore;
using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Web.Work;

/// <summary>A staff member's month: each day, the figures, the allowance due and the stored timesheet (when the month was closed).</summary>
public sealed record TimesheetView(
    StaffMember Staff, YearMonth Month, IReadOnlyList<TimesheetDay> Days, TimesheetFigures Figures, long AllowanceYen, Timesheet? Stored,
    IReadOnlyDictionary<DateOnly, string> Reports, int PendingCorrections);

/// <summary>What closing a month did.</summary>
public sealed record MonthClosed(YearMonth Month, int Closed, int Replaced, int LockedKept);

/// <summary>A row of the timesheet list of a month.</summary>
public sealed record TimesheetRow(Timesheet Sheet, string StaffNumber, string StaffName, string SectionName);

public sealed record TimesheetHasOpenDays(int Days) : Error("timesheet_has_open_days",
    new($"終業の記録がない日が{Days}日あります。職員の修正申請を承認してから承認してください", $"{Days} days have no end recorded; the staff member's corrections come first."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record TimesheetHasPendingCorrections(int Count) : Error("timesheet_has_pending_corrections",
    new($"未処理の修正申請が{Count}件あります。先に処理してください", $"{Count} corrections are still pending; decide them first."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

public sealed record TimesheetNotLocked() : Error("timesheet_not_locked",
    new("この勤務表は確定していません", "This timesheet is not locked."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>
/// 月次勤務表: computed from the workday records and approvals; HR closes a month for every staff
/// member (in bulk), the section head approves each timesheet, which locks the month against
/// corrections; HR may reopen one with a reason.
/// </summary>
public sealed class TimesheetService(ZaitakuDb db, WorkSettings settings, Notifications notifications)
{
    /// <summary>The staff member's month as it stands now.</summary>
    public async Task<TimesheetView?> ViewAsync(Guid staffId, YearMonth month, CancellationToken cancellationToken = default)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null) return null;
        var (first, last) = Range(month);
        var workdays = await db.Workdays.AsNoTracking().Include(w => w.Breaks).Where(w => w.StaffId == staffId && w.Date >= first && w.Date <= last).ToListAsync(cancellationToken);
        var approved = (await db.TeleworkRequests.AsNoTracking()
            .Where(r => r.StaffId == staffId && r.Date >= first && r.Date <= last && r.Status == RequestStatus.Approved).Select(r => r.Date).ToListAsync(cancellationToken)).ToHashSet();
        var overtime = await db.OvertimeRequests.AsNoTracking()
            .Where(o => o.StaffId == staffId && o.Date >= first && o.Date <= last && o.Status == RequestStatus.Approved).ToDictionaryAsync(o => o.Date, o => o.Until, cancellationToken);
        var rules = await settings.RulesAsync(cancellationToken);
        var calendar = await settings.CalendarAsync(cancellationToken);
        var facts = workdays.Select(Facts).ToList();
        var (days, figures) = Timesheets.Compute(rules, calendar, month, facts, approved, overtime, db.Time.GetUtcNow());
        var stored = await db.Timesheets.AsNoTracking().SingleOrDefaultAsync(t => t.StaffId == staffId && t.Month == month.ToString(), cancellationToken);
        var earlier = await EarlierTeleworkDaysAsync([staffId], month, rules, cancellationToken);
        var allowance = MonthlyAllowance.Due(rules, [.. earlier.GetValueOrDefault(staffId, []), figures.TeleworkDays]);
        var pending = await db.WorkdayCorrections.CountAsync(c => c.StaffId == staffId && c.Date >= first && c.Date <= last && c.Status == RequestStatus.Pending, cancellationToken);
        var reports = workdays.Where(w => w.Report != null).ToDictionary(w => w.Date, w => w.Report!);
        return new TimesheetView(staff, month, days, figures, allowance, stored, reports, pending);
    }

    /// <summary>
    /// 月次締め: computes and stores the month's timesheet of every staff member employed in it, in
    /// bulk. Timesheets already approved (locked) are kept; closed ones are computed again.
    /// </summary>
    public async Task<MonthClosed> CloseMonthAsync(YearMonth month, CancellationToken cancellationToken = default)
    {
        var (first, last) = Range(month);
        var key = month.ToString();
        var now = db.Time.GetUtcNow();
        var rules = await settings.RulesAsync(cancellationToken);
        var calendar = await settings.CalendarAsync(cancellationToken);

        var staff = await db.Staff.AsNoTracking().Where(s => s.ActiveFrom <= last && (s.ActiveTo == null || s.ActiveTo >= first))
            .Select(s => new { s.Id, s.SectionId }).ToListAsync(cancellationToken);
        var workdays = await db.Workdays.AsNoTracking().Where(w => w.Date >= first && w.Date <= last)
            .Select(w => new { w.Id, w.StaffId, w.Date, w.Place, w.StartedAt, w.EndedAt, w.CorrectedBreakMinutes }).ToListAsync(cancellationToken);
        var breaks = (await db.WorkBreaks.AsNoTracking()
                .Join(db.Workdays.AsNoTracking().Where(w => w.Date >= first && w.Date <= last), b => b.WorkdayId, w => w.Id, (b, w) => new { b.WorkdayId, b.StartedAt, b.EndedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(b => b.WorkdayId, b => new BreakSpan(b.StartedAt, b.EndedAt));
        var telework = (await db.TeleworkRequests.AsNoTracking().Where(r => r.Date >= first && r.Date <= last && r.Status == RequestStatus.Approved)
                .Select(r => new { r.StaffId, r.Date }).ToListAsync(cancellationToken))
            .ToLookup(r => r.StaffId, r => r.Date);
        var overtime = (await db.OvertimeRequests.AsNoTracking().Where(o => o.Date >= first && o.Date <= last && o.Status == RequestStatus.Approved)
                .Select(o => new { o.StaffId, o.Date, o.Until }).ToListAsync(cancellationToken))
            .ToLookup(o => o.StaffId);
        var existing = await db.Timesheets.AsNoTracking().Where(t => t.Month == key).Select(t => new { t.StaffId, t.Status }).ToListAsync(cancellationToken);
        var locked = existing.Where(t => t.Status == TimesheetStatus.Approved).Select(t => t.StaffId).ToHashSet();
        var earlier = await EarlierTeleworkDaysAsync(null, month, rules, cancellationToken);
        var byStaff = workdays.ToLookup(w => w.StaffId);

        var sheets = new List<Timesheet>(staff.Count);
        foreach (var member in staff)
        {
            if (locked.Contains(member.Id)) continue;
            var facts = byStaff[member.Id].Select(w => new WorkdayFacts(w.Date, w.Place, w.StartedAt, w.EndedAt, breaks[w.Id].ToList(), w.CorrectedBreakMinutes));
            var (_, figures) = Timesheets.Compute(rules, calendar, month, facts, telework[member.Id].ToHashSet(),
                overtime[member.Id].ToDictionary(o => o.Date, o => o.Until), now);
            var sheet = new Timesheet { Id = Guid.NewGuid(), StaffId = member.Id, SectionId = member.SectionId, Month = key, Status = TimesheetStatus.Closed, ClosedAt = now };
            SetFigures(sheet, figures, MonthlyAllowance.Due(rules, [.. earlier.GetValueOrDefault(member.Id, []), figures.TeleworkDays]));
            sheets.Add(sheet);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var replaced = await db.Timesheets.Where(t => t.Month == key && t.Status == TimesheetStatus.Closed).ExecuteDeleteAsync(cancellationToken);
        db.AddMany(sheets);
        db.Audit("timesheets.closed", nameof(Timesheet), key, AuditJson.Of(new { month = key, closed = sheets.Count, replaced, lockedKept = locked.Count }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MonthClosed(month, sheets.Count, replaced, locked.Count);
    }

    /// <summary>The month's timesheets of the given units (all units when null), with staff and section names.</summary>
    public async Task<List<TimesheetRow>> ListAsync(YearMonth month, IReadOnlySet<Guid>? units, CancellationToken cancellationToken = default)
    {
        var key = month.ToString();
        var query = db.Timesheets.AsNoTracking().Where(t => t.Month == key);
        if (units is not null)
        {
            var list = units.ToList();
            query = query.Where(t => list.Contains(t.SectionId));
        }
        var rows = await query
            .Join(db.Staff.AsNoTracking(), t => t.StaffId, s => s.Id, (t, s) => new { t, s.StaffNumber, s.FamilyName, s.GivenName })
            .Join(db.OrgUnits.AsNoTracking(), x => x.t.SectionId, u => u.Id, (x, u) => new { x.t, x.StaffNumber, x.FamilyName, x.GivenName, u.Name })
            .OrderBy(x => x.StaffNumber).Take(5_000).ToListAsync(cancellationToken);
        return rows.Select(x => new TimesheetRow(x.t, x.StaffNumber, $"{x.FamilyName} {x.GivenName}", x.Name)).ToList();
    }

    /// <summary>
    /// 承認: the section head approves timesheets, computed once more from the records; an approved
    /// timesheet is locked. One with open days or pending corrections is refused and named.
    /// </summary>
    public async Task<Result<DecisionReport>> ApproveAsync(ApproverScope scope, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        var list = ids.Distinct().ToList();
        var sheets = await db.Timesheets.Where(t => list.Contains(t.Id)).ToListAsync(cancellationToken);
        if (sheets.Count < list.Count) return new NotFoundError(new("勤務表", "A timesheet"));
        if (sheets.Any(t => !scope.Units.Contains(t.SectionId))) return new NotApprover();
        var refused = new List<RefusedItem>();
        var approved = 0;
        var now = db.Time.GetUtcNow();
        foreach (var sheet in sheets)
        {
            var month = YearMonth.TryParse(sheet.Month, out var m) ? m : throw new InvalidOperationException($"Stored month {sheet.Month} is malformed.");
            var view = await ViewAsync(sheet.StaffId, month, cancellationToken);
            var name = view?.Staff.FullName ?? "";
            Error? problem = sheet.Status == TimesheetStatus.Approved ? new RequestNotPending(new("勤務表", "The timesheet"))
                : sheet.StaffId == scope.Actor.StaffId ? new OwnRequest()
                : view is null ? new NotFoundError(new("職員", "The staff member"))
                : view.PendingCorrections > 0 ? new TimesheetHasPendingCorrections(view.PendingCorrections)
                : view.Figures.OpenDays > 0 ? new TimesheetHasOpenDays(view.Figures.OpenDays)
                : null;
            if (problem is not null)
            {
                refused.Add(new(sheet.Id, name, problem.Message));
                continue;
            }
            SetFigures(sheet, view!.Figures, view.AllowanceYen);
            sheet.Status = TimesheetStatus.Approved;
            sheet.ApprovedAt = now;
            sheet.ApprovedBy = scope.Actor.UserId;
            sheet.ApprovedByName = scope.Actor.Name;
            approved++;
            if (db.TenantScope.TenantId is { } tenantId && await WorkUnits.AccountOfAsync(db, sheet.StaffId, tenantId, cancellationToken) is { } account)
            {
                await notifications.AddAsync([account], "timesheet.approved",
                    new($"{month.Year}年{month.Month}月の勤務表が承認され、確定しました", $"Your timesheet of {month} was approved and locked."),
                    $"/work/timesheet?month={month}", cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        notifications.AfterSave();
        return new DecisionReport(approved, refused);
    }

    /// <summary>HR reopens a locked timesheet (e.g. to let a late correction through); audited with the reason.</summary>
    public async Task<Result<Timesheet>> ReopenAsync(WorkActor actor, Guid id, string? reason, CancellationToken cancellationToken = default)
    {
        if (!actor.IsHr) return new NotApprover();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            return new FieldError("reason", new("確定を解除する理由を500文字以内で入力してください", "give the reason (up to 500 characters)"));
        var sheet = await db.Timesheets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (sheet is null) return new NotFoundError(new("勤務表", "The timesheet"));
        if (sheet.Status != TimesheetStatus.Approved) return new TimesheetNotLocked();
        sheet.Status = TimesheetStatus.Closed;
        sheet.ApprovedAt = null;
        sheet.ApprovedBy = null;
        sheet.ApprovedByName = null;
        db.Audit("timesheet.reopened", nameof(Timesheet), sheet.Id.ToString(), AuditJson.Of(new { month = sheet.Month, staff = sheet.StaffId, reason = reason.Trim() }));
        await db.SaveChangesAsync(cancellationToken);
        return sheet;
    }

    internal static (DateOnly First, DateOnly Last) Range(YearMonth month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return (first, first.AddMonths(1).AddDays(-1));
    }

    internal static WorkdayFacts Facts(Workday w) =>
        new(w.Date, w.Place, w.StartedAt, w.EndedAt, w.Breaks.Select(b => new BreakSpan(b.StartedAt, b.EndedAt)).ToList(), w.CorrectedBreakMinutes);

    private static void SetFigures(Timesheet sheet, TimesheetFigures figures, long allowance)
    {
        sheet.WorkingDays = figures.WorkingDays;
        sheet.TeleworkDays = figures.TeleworkDays;
        sheet.OfficeDays = figures.OfficeDays;
        sheet.WorkedMinutes = figures.WorkedMinutes;
        sheet.OvertimeMinutes = figures.OvertimeMinutes;
        sheet.OpenDays = figures.OpenDays;
        sheet.UnapprovedOvertimeDays = figures.UnapprovedOvertimeDays;
        sheet.AllowanceYen = allowance;
    }

    /// <summary>The telework days of the months before this one in the allowance's averaging window, from their stored timesheets.</summary>
    private async Task<Dictionary<Guid, List<int>>> EarlierTeleworkDaysAsync(IReadOnlyCollection<Guid>? staffIds, YearMonth month, WorkRules rules, CancellationToken cancellationToken)
    {
        if (rules.AllowanceAveragingMonths <= 1) return [];
        var months = Enumerable.Range(1, rules.AllowanceAveragingMonths - 1).Select(i => month.AddMonths(-i).ToString()).ToList();
        var query = db.Timesheets.AsNoTracking().Where(t => months.Contains(t.Month));
        if (staffIds is not null)
        {
            var ids = staffIds.ToList();
            query = query.Where(t => ids.Contains(t.StaffId));
        }
        var rows = await query.Select(t => new { t.StaffId, t.Month, t.TeleworkDays }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.StaffId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Month, StringComparer.Ordinal).Select(r => r.TeleworkDays).ToList());
    }
}
