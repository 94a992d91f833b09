using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Work;

namespace Zaitaku.Web.Work;

/// <summary>What a decision did: how many were decided, and each one refused with its reason.</summary>
public sealed record DecisionReport(int Decided, IReadOnlyList<RefusedItem> Refused);

/// <summary>A request that was not decided, and why (the rule it breaks, already decided, own request).</summary>
public sealed record RefusedItem(Guid Id, string StaffName, LocalizedText Reason);

/// <summary>A pending request as the approval page lists it.</summary>
public sealed record PendingTelework(TeleworkRequest Request, string StaffNumber, string StaffName, string SectionName, TeleworkDayProblem? Problem);

/// <summary>
/// Section heads (and acting approvers) decide their sections' requests: telework days in bulk,
/// overtime and corrections. Each telework day is checked against the rules again at approval; a
/// day that breaks one stays pending and is named with its rule.
/// </summary>
public sealed class Approvals(ZaitakuDb db, WorkSettings settings, Notifications notifications, PresenceBroadcaster presence, WorkdayCorrections corrections)
{
    public const int MaxCommentLength = 500;

    /// <summary>The pending telework days of the scope's units, each with the rule it would break if the list were approved now.</summary>
    public async Task<List<PendingTelework>> PendingTeleworkAsync(ApproverScope scope, CancellationToken cancellationToken = default)
    {
        if (!scope.Any) return [];
        var units = scope.Units.ToList();
        var rows = await db.TeleworkRequests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Pending && units.Contains(r.SectionId))
            .Join(db.Staff.AsNoTracking(), r => r.StaffId, s => s.Id, (r, s) => new { Request = r, Staff = s })
            .Join(db.OrgUnits.AsNoTracking(), x => x.Request.SectionId, u => u.Id, (x, u) => new { x.Request, x.Staff, Section = u.Name })
            .OrderBy(x => x.Request.Date).ThenBy(x => x.Staff.StaffNumber).Take(2_000).ToListAsync(cancellationToken);
        if (rows.Count == 0) return [];
        var rules = await settings.RulesAsync(cancellationToken);
        var calendar = await settings.CalendarAsync(cancellationToken);
        var approved = await ApprovedDaysAsync(rows.Select(r => r.Request).ToList(), cancellationToken);
        var today = JapanTime.Today(db.Time);
        // Each day is checked as approving the whole list in date order would: earlier days that pass count toward the week.
        return rows.Select(x =>
        {
            var days = approved[x.Request.StaffId];
            var problem = TeleworkRules.CheckApproval(rules, calendar, TeleworkRequests.Facts(x.Staff), x.Request.Date, days, today);
            if (problem is null) days.Add(x.Request.Date);
            return new PendingTelework(x.Request, x.Staff.StaffNumber, x.Staff.FullName, x.Section, problem);
        }).ToList();
    }

    /// <summary>
    /// Approves or rejects telework days. Refused whole when any of them is outside the scope; each
    /// day that breaks a rule now (or is the approver's own, or already decided) is left as it is
    /// and reported. A rejection needs a comment.
    /// </summary>
    public async Task<Result<DecisionReport>> DecideTeleworkAsync(ApproverScope scope, IReadOnlyCollection<Guid> ids, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        if (CheckComment(approve, comment) is { } invalid) return invalid;
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return new DecisionReport(0, []);
        var requests = await db.TeleworkRequests.Where(r => list.Contains(r.Id)).OrderBy(r => r.Date).ToListAsync(cancellationToken);
        if (requests.Count < list.Count) return new NotFoundError(new("申請", "A request"));
        if (requests.Any(r => !scope.Units.Contains(r.SectionId))) return new NotApprover();

        var staffIds = requests.Select(r => r.StaffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var rules = await settings.RulesAsync(cancellationToken);
        var calendar = await settings.CalendarAsync(cancellationToken);
        var approvedDays = await ApprovedDaysAsync(requests, cancellationToken);
        var now = db.Time.GetUtcNow();
        var today = JapanTime.DateOf(now);
        var refused = new List<RefusedItem>();
        var decided = new List<TeleworkRequest>();
        foreach (var request in requests)
        {
            var member = staff[request.StaffId];
            if (request.Status != RequestStatus.Pending)
            {
                refused.Add(new(request.Id, member.FullName, new RequestNotPending(new("申請", "The request")).Message));
                continue;
            }
            if (request.StaffId == scope.Actor.StaffId)
            {
                refused.Add(new(request.Id, member.FullName, new OwnRequest().Message));
                continue;
            }
            if (approve)
            {
                var days = approvedDays[request.StaffId];
                if (TeleworkRules.CheckApproval(rules, calendar, TeleworkRequests.Facts(member), request.Date, days, today) is { } problem)
                {
                    refused.Add(new(request.Id, member.FullName, problem.Message));
                    continue;
                }
                days.Add(request.Date);
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecidedAt = now;
            request.DecidedBy = scope.Actor.UserId;
            request.DecidedByName = scope.Actor.Name;
            request.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            request.DecidedAsActing = scope.IsActingFor(request.SectionId);
            decided.Add(request);
        }
        await NotifyStaffAsync(decided, approve, comment, staff, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        notifications.AfterSave();
        foreach (var staffId in decided.Where(r => r.Date == today).Select(r => r.StaffId).Distinct())
            await presence.StaffChangedAsync(staffId, cancellationToken);
        return new DecisionReport(decided.Count, refused);
    }

    /// <summary>The pending overtime requests of the scope's units.</summary>
    public async Task<List<(OvertimeRequest Request, string StaffNumber, string StaffName)>> PendingOvertimeAsync(ApproverScope scope, CancellationToken cancellationToken = default)
    {
        if (!scope.Any) return [];
        var units = scope.Units.ToList();
        var rows = await db.OvertimeRequests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Pending && units.Contains(r.SectionId))
            .Join(db.Staff.AsNoTracking(), r => r.StaffId, s => s.Id, (r, s) => new { r, s.StaffNumber, s.FamilyName, s.GivenName })
            .OrderBy(x => x.r.Date).ThenBy(x => x.StaffNumber).Take(1_000).ToListAsync(cancellationToken);
        return rows.Select(x => (x.r, x.StaffNumber, $"{x.FamilyName} {x.GivenName}")).ToList();
    }

    /// <summary>Approves or rejects overtime requests; approval only before the overtime ends.</summary>
    public async Task<Result<DecisionReport>> DecideOvertimeAsync(ApproverScope scope, IReadOnlyCollection<Guid> ids, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        if (CheckComment(approve, comment) is { } invalid) return invalid;
        var list = ids.Distinct().ToList();
        var requests = await db.OvertimeRequests.Where(r => list.Contains(r.Id)).ToListAsync(cancellationToken);
        if (requests.Count < list.Count) return new NotFoundError(new("申請", "A request"));
        if (requests.Any(r => !scope.Units.Contains(r.SectionId))) return new NotApprover();
        var staffIds = requests.Select(r => r.StaffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var now = db.Time.GetUtcNow();
        var refused = new List<RefusedItem>();
        var decided = new List<OvertimeRequest>();
        foreach (var request in requests)
        {
            var name = staff[request.StaffId].FullName;
            Error? problem = request.Status != RequestStatus.Pending ? new RequestNotPending(new("申請", "The request"))
                : request.StaffId == scope.Actor.StaffId ? new OwnRequest()
                : approve ? OvertimeRules.CheckApproval(request.Date, request.Until, now) : null;
            if (problem is not null)
            {
                refused.Add(new(request.Id, name, problem.Message));
                continue;
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecidedAt = now;
            request.DecidedBy = scope.Actor.UserId;
            request.DecidedByName = scope.Actor.Name;
            request.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            request.DecidedAsActing = scope.IsActingFor(request.SectionId);
            decided.Add(request);
            var day = WorkText.Day(request.Date);
            var until = WorkText.Time(request.Until);
            await NotifyAsync(request.StaffId, approve ? "overtime.approved" : "overtime.rejected",
                approve ? new($"{day.Ja} {until}までの時間外勤務が承認されました", $"Overtime until {until} on {day.En} was approved.")
                        : new($"{day.Ja}の時間外勤務は承認されませんでした: {comment}", $"Overtime on {day.En} was rejected: {comment}"),
                "/work/today", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        notifications.AfterSave();
        return new DecisionReport(decided.Count, refused);
    }

    /// <summary>The pending corrections of the scope's units.</summary>
    public async Task<List<(WorkdayCorrection Correction, string StaffNumber, string StaffName)>> PendingCorrectionsAsync(ApproverScope scope, CancellationToken cancellationToken = default)
    {
        if (!scope.Any) return [];
        var units = scope.Units.ToList();
        var rows = await db.WorkdayCorrections.AsNoTracking()
            .Where(c => c.Status == RequestStatus.Pending && units.Contains(c.SectionId))
            .Join(db.Staff.AsNoTracking(), c => c.StaffId, s => s.Id, (c, s) => new { c, s.StaffNumber, s.FamilyName, s.GivenName })
            .OrderBy(x => x.c.Date).ThenBy(x => x.StaffNumber).Take(1_000).ToListAsync(cancellationToken);
        return rows.Select(x => (x.c, x.StaffNumber, $"{x.FamilyName} {x.GivenName}")).ToList();
    }

    /// <summary>Approves (and applies) or rejects corrections; a correction of a locked month is refused.</summary>
    public async Task<Result<DecisionReport>> DecideCorrectionsAsync(ApproverScope scope, IReadOnlyCollection<Guid> ids, bool approve, string? comment, CancellationToken cancellationToken = default)
    {
        if (CheckComment(approve, comment) is { } invalid) return invalid;
        var list = ids.Distinct().ToList();
        var items = await db.WorkdayCorrections.Where(c => list.Contains(c.Id)).ToListAsync(cancellationToken);
        if (items.Count < list.Count) return new NotFoundError(new("申請", "A request"));
        if (items.Any(c => !scope.Units.Contains(c.SectionId))) return new NotApprover();
        var staffIds = items.Select(c => c.StaffId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var now = db.Time.GetUtcNow();
        var refused = new List<RefusedItem>();
        var decided = 0;
        var changedToday = new HashSet<Guid>();
        foreach (var item in items)
        {
            var name = staff[item.StaffId].FullName;
            Error? problem = item.Status != RequestStatus.Pending ? new RequestNotPending(new("申請", "The request"))
                : item.StaffId == scope.Actor.StaffId ? new OwnRequest()
                : approve ? await corrections.ApplyAsync(item, cancellationToken) : null;
            if (problem is not null)
            {
                refused.Add(new(item.Id, name, problem.Message));
                continue;
            }
            item.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            item.DecidedAt = now;
            item.DecidedBy = scope.Actor.UserId;
            item.DecidedByName = scope.Actor.Name;
            item.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            item.DecidedAsActing = scope.IsActingFor(item.SectionId);
            decided++;
            if (item.Date >= JapanTime.DateOf(now).AddDays(-1)) changedToday.Add(item.StaffId);
            var day = WorkText.Day(item.Date);
            await NotifyAsync(item.StaffId, approve ? "correction.approved" : "correction.rejected",
                approve ? new($"{day.Ja}の勤務時間の修正が承認されました", $"The correction of {day.En} was approved.")
                        : new($"{day.Ja}の勤務時間の修正は承認されませんでした: {comment}", $"The correction of {day.En} was rejected: {comment}"),
                "/work/timesheet", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        notifications.AfterSave();
        foreach (var staffId in changedToday) await presence.StaffChangedAsync(staffId, cancellationToken);
        return new DecisionReport(decided, refused);
    }

    /// <summary>The counts of pending items of the scope, for the menu badge.</summary>
    public async Task<int> PendingCountAsync(ApproverScope scope, CancellationToken cancellationToken = default)
    {
        if (!scope.Any) return 0;
        var units = scope.Units.ToList();
        return await db.TeleworkRequests.CountAsync(r => r.Status == RequestStatus.Pending && units.Contains(r.SectionId), cancellationToken)
            + await db.OvertimeRequests.CountAsync(r => r.Status == RequestStatus.Pending && units.Contains(r.SectionId), cancellationToken)
            + await db.WorkdayCorrections.CountAsync(r => r.Status == RequestStatus.Pending && units.Contains(r.SectionId), cancellationToken);
    }

    private static Error? CheckComment(bool approve, string? comment)
    {
        if (comment is { Length: > MaxCommentLength }) return new CommentTooLong(MaxCommentLength);
        if (!approve && string.IsNullOrWhiteSpace(comment)) return new RejectionNeedsComment();
        return null;
    }

    private async Task<Dictionary<Guid, HashSet<DateOnly>>> ApprovedDaysAsync(IReadOnlyCollection<TeleworkRequest> requests, CancellationToken cancellationToken)
    {
        var staffIds = requests.Select(r => r.StaffId).Distinct().ToList();
        var from = TeleworkRules.WeekStart(requests.Min(r => r.Date));
        var to = TeleworkRules.WeekStart(requests.Max(r => r.Date)).AddDays(6);
        var rows = await db.TeleworkRequests.AsNoTracking()
            .Where(r => staffIds.Contains(r.StaffId) && r.Status == RequestStatus.Approved && r.Date >= from && r.Date <= to)
            .Select(r => new { r.StaffId, r.Date }).ToListAsync(cancellationToken);
        var byStaff = staffIds.ToDictionary(id => id, _ => new HashSet<DateOnly>());
        foreach (var row in rows) byStaff[row.StaffId].Add(row.Date);
        return byStaff;
    }

    private async Task NotifyStaffAsync(List<TeleworkRequest> decided, bool approve, string? comment, Dictionary<Guid, StaffMember> staff, CancellationToken cancellationToken)
    {
        if (decided.Count == 0 || db.TenantScope.TenantId is not { } tenantId) return;
        var staffIds = decided.Select(r => r.StaffId).Distinct().ToList();
        var accounts = (await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId && u.Enabled && u.StaffId != null && staffIds.Contains(u.StaffId.Value))
            .Select(u => new { u.Id, StaffId = u.StaffId!.Value }).ToListAsync(cancellationToken))
            .GroupBy(u => u.StaffId).ToDictionary(g => g.Key, g => g.First().Id);
        var note = string.IsNullOrWhiteSpace(comment) ? "" : $"（{comment.Trim()}）";
        foreach (var group in decided.GroupBy(r => r.StaffId))
        {
            if (!accounts.TryGetValue(group.Key, out var account)) continue;
            var days = TeleworkRequests.DaysText(group.Select(r => r.Date).ToList());
            await notifications.AddAsync([account], approve ? "telework.approved" : "telework.rejected",
                approve ? new($"在宅勤務が承認されました: {days.Ja}{note}", $"Telework approved: {days.En}{note}")
                        : new($"在宅勤務は承認されませんでした: {days.Ja}{note}", $"Telework rejected: {days.En}{note}"),
                "/work/requests", cancellationToken);
        }
    }

    private async Task NotifyAsync(Guid staffId, string kind, LocalizedText text, string link, CancellationToken cancellationToken)
    {
        if (db.TenantScope.TenantId is not { } tenantId) return;
        if (await WorkUnits.AccountOfAsync(db, staffId, tenantId, cancellationToken) is { } account)
            await notifications.AddAsync([account], kind, text, link, cancellationToken);
    }
}
