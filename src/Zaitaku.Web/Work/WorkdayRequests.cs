using Microsoft.EntityFrameworkCore;
using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Web.Problems;
using Zaitaku.Work;

namespace Zaitaku.Web.Work;

public sealed record OvertimeOverlap(DateOnly Date) : Error("overtime_overlap",
    new($"{WorkText.Day(Date).Ja}の時間外勤務は既に申請済みです", $"Overtime on {WorkText.Day(Date).En} is already asked for."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Staff ask for overtime (時間外勤務) before working it.</summary>
public sealed class OvertimeRequests(ZaitakuDb db, WorkSettings settings, Notifications notifications)
{
    public async Task<Result<OvertimeRequest>> RequestAsync(WorkActor actor, DateOnly date, TimeOnly until, string? reason, CancellationToken cancellationToken = default)
    {
        if (actor.StaffId is not { } staffId) return new NotStaffMember();
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null) return new NotStaffMember();
        var rules = await settings.RulesAsync(cancellationToken);
        var now = db.Time.GetUtcNow();
        if (date < JapanTime.DateOf(now)) return new OvertimeInvalid("date", new("過去の日です", "the day has passed"));
        if (OvertimeRules.CheckRequest(rules, date, until, reason, now) is { } error) return error;
        if (await db.OvertimeRequests.AnyAsync(o => o.StaffId == staffId && o.Date == date && (o.Status == RequestStatus.Pending || o.Status == RequestStatus.Approved), cancellationToken))
            return new OvertimeOverlap(date);
        var request = new OvertimeRequest
        {
            Id = Guid.NewGuid(), StaffId = staffId, SectionId = staff.SectionId, Date = date, Until = until, Reason = reason!.Trim(),
            Status = RequestStatus.Pending, RequestedAt = now, RequestedBy = actor.UserId,
        };
        db.OvertimeRequests.Add(request);
        var approvers = await WorkUnits.ApproversOfAsync(db, staff.SectionId, cancellationToken);
        var day = WorkText.Day(date);
        await notifications.AddAsync(approvers, "overtime.requested",
            new($"{staff.FullName}さんから時間外勤務の申請があります（{day.Ja} {WorkText.Time(until)}まで）", $"{staff.FullName} asks for overtime until {WorkText.Time(until)} on {day.En}."),
            "/work/approvals?tab=overtime", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        notifications.AfterSave();
        return request;
    }

    /// <summary>Withdraws an own overtime request while it is pending, or an approved one before the end of work.</summary>
    public async Task<Result<OvertimeRequest>> CancelAsync(WorkActor actor, Guid id, CancellationToken cancellationToken = default)
    {
        if (actor.StaffId is not { } staffId) return new NotStaffMember();
        var request = await db.OvertimeRequests.SingleOrDefaultAsync(o => o.Id == id && o.StaffId == staffId, cancellationToken);
        if (request is null) return new NotFoundError(new("申請", "The request"));
        if (request.Status is not (RequestStatus.Pending or RequestStatus.Approved)) return new RequestNotPending(new("この申請", "This request"));
        request.Status = RequestStatus.Cancelled;
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    public Task<List<OvertimeRequest>> OfStaffAsync(Guid staffId, DateOnly from, CancellationToken cancellationToken = default) =>
        db.OvertimeRequests.AsNoTracking().Where(o => o.StaffId == staffId && o.Date >= from).OrderByDescending(o => o.Date).Take(50).ToListAsync(cancellationToken);
}

/// <summary>What a staff member asks to correct on a day: the real start and end, and the break.</summary>
public sealed record CorrectionInput(DateOnly? Date, TimeOnly? Start, TimeOnly? End, bool EndsNextDay, int? BreakMinutes, string? Reason);

/// <summary>打刻修正: staff ask for a day's times to be corrected; the section head approves; a locked month refuses both.</summary>
public sealed class WorkdayCorrections(ZaitakuDb db, Notifications notifications)
{
    public async Task<Result<WorkdayCorrection>> RequestAsync(WorkActor actor, CorrectionInput input, CancellationToken cancellationToken = default)
    {
        if (actor.StaffId is not { } staffId) return new NotStaffMember();
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null) return new NotStaffMember();
        var today = JapanTime.Today(db.Time);
        if (input.Date is not { } date) return new CorrectionInvalid("date", new("日付を入力してください", "give the day"));
        if (date > today) return new CorrectionInvalid("date", new("先の日は修正できません", "a day to come cannot be corrected"));
        if (date < today.AddYears(-1)) return new CorrectionInvalid("date", new("1年以上前の日は修正できません", "days more than a year ago cannot be corrected"));
        if (input.Start is not { } start || input.End is not { } end) return new CorrectionInvalid("start", new("始業と終業の時刻を入力してください", "give the start and the end"));
        if (input.BreakMinutes is < 0 or > 600) return new CorrectionInvalid("breakMinutes", new("休憩は0〜600分で入力してください", "the break must be 0 to 600 minutes"));
        if (string.IsNullOrWhiteSpace(input.Reason)) return new CorrectionInvalid("reason", new("修正の理由を入力してください", "give the reason"));
        if (input.Reason.Length > 500) return new CorrectionInvalid("reason", new("理由は500文字以内にしてください", "the reason may have at most 500 characters"));
        var startedAt = JapanTime.At(date, start);
        var endedAt = JapanTime.At(input.EndsNextDay ? date.AddDays(1) : date, end);
        if (WorkdayRules.CheckEnd(startedAt, endedAt) is { } timeError) return timeError;
        if (await IsLockedAsync(staffId, date, cancellationToken)) return new TimesheetLocked(new YearMonth(date.Year, date.Month));

        var existing = await db.Workdays.AsNoTracking().SingleOrDefaultAsync(w => w.StaffId == staffId && w.Date == date, cancellationToken);
        var telework = await db.TeleworkRequests.AnyAsync(r => r.StaffId == staffId && r.Date == date && r.Status == RequestStatus.Approved, cancellationToken);
        var correction = new WorkdayCorrection
        {
            Id = Guid.NewGuid(), StaffId = staffId, SectionId = staff.SectionId, Date = date, StartedAt = startedAt, EndedAt = endedAt,
            BreakMinutes = input.BreakMinutes, Place = existing?.Place ?? (telework ? WorkPlace.Home : WorkPlace.Office),
            Reason = input.Reason.Trim(), Status = RequestStatus.Pending, RequestedAt = db.Time.GetUtcNow(), RequestedBy = actor.UserId,
        };
        db.WorkdayCorrections.Add(correction);
        var approvers = await WorkUnits.ApproversOfAsync(db, staff.SectionId, cancellationToken);
        var day = WorkText.Day(date);
        await notifications.AddAsync(approvers, "correction.requested",
            new($"{staff.FullName}さんから勤務時間の修正申請があります（{day.Ja}）", $"{staff.FullName} asks to correct {day.En}."),
            "/work/approvals?tab=corrections", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        notifications.AfterSave();
        return correction;
    }

    /// <summary>Writes an approved correction into the workday record (creating it for a day without one); null when done.</summary>
    internal async Task<Error?> ApplyAsync(WorkdayCorrection correction, CancellationToken cancellationToken)
    {
        if (await IsLockedAsync(correction.StaffId, correction.Date, cancellationToken)) return new TimesheetLocked(new YearMonth(correction.Date.Year, correction.Date.Month));
        if (WorkdayRules.CheckEnd(correction.StartedAt, correction.EndedAt) is { } error) return error;
        var workday = await db.Workdays.Include(w => w.Breaks).SingleOrDefaultAsync(w => w.StaffId == correction.StaffId && w.Date == correction.Date, cancellationToken);
        if (workday is null)
        {
            workday = new Workday
            {
                Id = Guid.NewGuid(), StaffId = correction.StaffId, Date = correction.Date, Place = correction.Place,
                StartedAt = correction.StartedAt, StartedVia = WorkdaySource.Correction,
            };
            db.Workdays.Add(workday);
        }
        workday.StartedAt = correction.StartedAt;
        workday.EndedAt = correction.EndedAt;
        workday.EndedVia = WorkdaySource.Correction;
        workday.Corrected = true;
        if (correction.BreakMinutes is { } minutes) workday.CorrectedBreakMinutes = minutes;
        foreach (var open in workday.Breaks.Where(b => b.EndedAt is null)) open.EndedAt = correction.EndedAt;
        return null;
    }

    public Task<List<WorkdayCorrection>> OfStaffAsync(Guid staffId, CancellationToken cancellationToken = default) =>
        db.WorkdayCorrections.AsNoTracking().Where(c => c.StaffId == staffId).OrderByDescending(c => c.RequestedAt).Take(50).ToListAsync(cancellationToken);

    private Task<bool> IsLockedAsync(Guid staffId, DateOnly date, CancellationToken cancellationToken)
    {
        var month = new YearMonth(date.Year, date.Month).ToString();
        return db.Timesheets.AnyAsync(t => t.StaffId == staffId && t.Month == month && t.Status == TimesheetStatus.Approved, cancellationToken);
    }
}
