using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Web.Work;

/// <summary>The days asked for: chosen one by one, or a weekly pattern over a period.</summary>
public sealed record DaySelection(IReadOnlyList<DateOnly> Days, DateOnly? PatternFrom = null, DateOnly? PatternTo = null, IReadOnlySet<DayOfWeek>? Weekdays = null)
{
    public bool IsPattern => PatternFrom is not null || PatternTo is not null || Weekdays is { Count: > 0 };
}

/// <summary>What a request would ask for, and the rule each refused day breaks.</summary>
public sealed record RequestPreview(IReadOnlyList<DateOnly> Days, IReadOnlyList<(DateOnly Date, NonWorkingDay Why)> Skipped, IReadOnlyList<TeleworkDayProblem> Problems);

/// <summary>A request made: its days, and whether they were approved at once (the tenant needs no approval).</summary>
public sealed record RequestMade(Guid BatchId, IReadOnlyList<DateOnly> Days, bool Approved);

/// <summary>A staff member's telework days asked for by someone else on their behalf (the home days of an accepted rotation plan).</summary>
public sealed record TeleworkOnBehalf(Guid StaffId, IReadOnlyList<DateOnly> Days);

/// <summary>A day asked for on behalf that the work rules refused, with the rule.</summary>
public sealed record RefusedOnBehalf(Guid StaffId, TeleworkDayProblem Problem);

/// <summary>
/// What asking on behalf staged: days approved (at once, or already), days waiting for the section
/// head (new, or already asked for), each refused day, and the staff approved for today (their
/// presence changes once saved).
/// </summary>
public sealed record OnBehalfStaged(int Approved, int Pending, IReadOnlyList<RefusedOnBehalf> Refused, IReadOnlyList<Guid> ApprovedToday);

/// <summary>Staff ask for telework days and cancel them before the day.</summary>
public sealed class TeleworkRequests(ZaitakuDb db, WorkSettings settings, Notifications notifications, PresenceBroadcaster presence)
{
    /// <summary>The most days one request may ask for.</summary>
    public const int MaxDays = 130;

    /// <summary>The longest 業務内容.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Checks the selection against the rules without asking: the days, the holidays left out of a pattern, each refused day.</summary>
    public async Task<Result<RequestPreview>> PreviewAsync(Guid staffId, DaySelection selection, CancellationToken cancellationToken = default)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null) return new NotStaffMember();
        var calendar = await settings.CalendarAsync(cancellationToken);
        var expanded = Expand(calendar, selection);
        if (!expanded.IsOk) return expanded.Error!;
        var (days, skipped) = expanded.Value;
        if (days.Count == 0) return new TeleworkNoDays();
        var rules = await settings.RulesAsync(cancellationToken);
        var taken = await TakenAsync(staffId, days.Min(), days.Max(), cancellationToken);
        var problems = TeleworkRules.CheckRequest(rules, calendar, Facts(staff), days, taken, JapanTime.Today(db.Time));
        return new RequestPreview(days, skipped, problems);
    }

    /// <summary>
    /// Asks for the days. When any day breaks a rule nothing is asked for and every such day is
    /// named. The section's approvers are notified; a tenant that needs no approval approves at once.
    /// </summary>
    public async Task<Result<RequestMade>> RequestAsync(WorkActor actor, DaySelection selection, string? note, CancellationToken cancellationToken = default)
    {
        if (actor.StaffId is not { } staffId) return new NotStaffMember();
        if (note is { Length: > MaxNoteLength }) return new TeleworkNoteTooLong(MaxNoteLength);
        var preview = await PreviewAsync(staffId, selection, cancellationToken);
        if (!preview.IsOk) return preview.Error!;
        if (preview.Value.Problems.Count > 0) return new TeleworkRefused(preview.Value.Problems);

        var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == staffId, cancellationToken);
        var rules = await settings.RulesAsync(cancellationToken);
        var now = db.Time.GetUtcNow();
        var batch = Guid.NewGuid();
        var approved = !rules.ApprovalRequired;
        foreach (var day in preview.Value.Days)
        {
            db.TeleworkRequests.Add(new TeleworkRequest
            {
                Id = Guid.NewGuid(), StaffId = staffId, SectionId = staff.SectionId, Date = day, BatchId = batch,
                Status = approved ? RequestStatus.Approved : RequestStatus.Pending,
                Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RequestedAt = now, RequestedBy = actor.UserId,
                DecidedAt = approved ? now : null, DecisionComment = approved ? "承認不要（勤務規程）" : null,
            });
        }
        if (!approved)
        {
            var approvers = await WorkUnits.ApproversOfAsync(db, staff.SectionId, cancellationToken);
            var days = DaysText(preview.Value.Days);
            await notifications.AddAsync(approvers, "telework.requested",
                new($"{staff.FullName}さんから在宅勤務の申請があります（{days.Ja}）", $"{staff.FullName} asks for telework ({days.En})."),
                "/work/approvals", cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same day asked for twice at once: the unique index kept the first.
            db.ChangeTracker.Clear();
            if (!await OverlapsAsync(staffId, preview.Value.Days)) throw;
            return new TeleworkRefused(preview.Value.Days.Select(d => new TeleworkDayProblem(d, TeleworkRule.Overlap,
                new($"{WorkText.Day(d).Ja}: 既に申請済みです（申請の重複）", $"{WorkText.Day(d).En}: already asked for (Already asked)"))).ToList());
        }
        notifications.AfterSave();
        if (approved && preview.Value.Days.Contains(JapanTime.Today(db.Time))) await presence.StaffChangedAsync(staffId, cancellationToken);
        return new RequestMade(batch, preview.Value.Days, approved);
    }

    /// <summary>
    /// Asks for telework days on behalf of staff (accepting a rotation plan): each day is checked with
    /// the rules of a request, and a day that breaks one is left out and named, not the whole lot.
    /// Approved at once when the tenant needs no approval, or when the actor decides the staff member's
    /// section (its head or acting approver, never for their own days) and the day passes the approval
    /// check; otherwise left for approval. A day already asked for is not asked again: the actor's
    /// decision applies to it the same way. Nothing is saved: the rows and notifications join the
    /// caller's unit of work, so the caller's save makes them all or nothing; call
    /// <see cref="Notifications.AfterSave"/> after it.
    /// </summary>
    public async Task<OnBehalfStaged> StageOnBehalfAsync(WorkActor actor, Guid batchId, IReadOnlyList<TeleworkOnBehalf> asked, string note, CancellationToken cancellationToken = default)
    {
        var wanted = asked.Where(a => a.Days.Count > 0).GroupBy(a => a.StaffId)
            .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Days).Distinct().Order().ToList());
        if (wanted.Count == 0) return new OnBehalfStaged(0, 0, [], []);
        var rules = await settings.RulesAsync(cancellationToken);
        var calendar = await settings.CalendarAsync(cancellationToken);
        var scope = await ApproverScope.LoadAsync(db, actor, cancellationToken);
        var now = db.Time.GetUtcNow();
        var today = JapanTime.DateOf(now);
        var staffIds = wanted.Keys.ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var from = TeleworkRules.WeekStart(wanted.Values.Min(d => d[0]));
        var to = TeleworkRules.WeekStart(wanted.Values.Max(d => d[^1])).AddDays(6);
        // One range read on the (tenant, date, status) index, kept to these staff in memory: a municipality's plan names most of its staff anyway.
        var existing = (await db.TeleworkRequests.AsNoTracking()
            .Where(r => r.Date >= from && r.Date <= to && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Approved))
            .ToListAsync(cancellationToken)).Where(r => wanted.ContainsKey(r.StaffId)).ToLookup(r => r.StaffId);

        var trimmedNote = note.Length <= MaxNoteLength ? note : note[..MaxNoteLength];
        var rows = new List<TeleworkRequest>();
        var refused = new List<RefusedOnBehalf>();
        var approvedToday = new List<Guid>();
        var pendingBySection = new Dictionary<Guid, List<(StaffMember Staff, DateOnly Day)>>();
        var decidedFor = new Dictionary<Guid, (List<DateOnly> Approved, List<DateOnly> Pending)>();
        var (approvedCount, pendingCount) = (0, 0);
        foreach (var (staffId, days) in wanted)
        {
            if (!staff.TryGetValue(staffId, out var member))
            {
                refused.AddRange(days.Select(d => new RefusedOnBehalf(staffId, new TeleworkDayProblem(d, TeleworkRule.Employment,
                    new($"{WorkText.Day(d).Ja}: 職員が見つかりません（任用期間）", $"{WorkText.Day(d).En}: the staff member is not found (Employment period)")))));
                continue;
            }
            var theirs = existing[staffId].ToList();
            var byDay = theirs.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => g.First());
            var approvedDays = theirs.Where(r => r.Status == RequestStatus.Approved).Select(r => r.Date).ToHashSet();
            var fresh = days.Where(d => !byDay.ContainsKey(d)).ToList();
            var problems = TeleworkRules.CheckRequest(rules, calendar, Facts(member), fresh, theirs.Select(r => r.Date).ToList(), today);
            refused.AddRange(problems.Select(p => new RefusedOnBehalf(staffId, p)));
            var refusedDays = problems.Select(p => p.Date).ToHashSet();
            // The actor decides at once where the rules need no approval, or where they approve this section (not their own days).
            var decides = !rules.ApprovalRequired || (scope.Units.Contains(member.SectionId) && member.Id != actor.StaffId);
            var outcome = (Approved: new List<DateOnly>(), Pending: new List<DateOnly>());
            foreach (var day in days.Where(d => !refusedDays.Contains(d)))
            {
                var request = byDay.GetValueOrDefault(day);
                if (request is { Status: RequestStatus.Approved })
                {
                    approvedCount++;
                    continue;
                }
                var approve = decides && (!rules.ApprovalRequired
                    || TeleworkRules.CheckApproval(rules, calendar, Facts(member), day, approvedDays, today) is null);
                if (request is null)
                {
                    request = new TeleworkRequest
                    {
                        Id = Guid.NewGuid(), StaffId = staffId, SectionId = member.SectionId, Date = day, BatchId = batchId, Status = RequestStatus.Pending,
                        Note = trimmedNote, RequestedAt = now, RequestedBy = actor.UserId,
                    };
                    rows.Add(request);
                }
                else if (approve) db.TeleworkRequests.Attach(request);
                if (approve)
                {
                    request.Status = RequestStatus.Approved;
                    request.DecidedAt = now;
                    if (rules.ApprovalRequired)
                    {
                        request.DecidedBy = actor.UserId;
                        request.DecidedByName = actor.Name;
                        request.DecisionComment = "交代計画の確定により承認";
                        request.DecidedAsActing = scope.IsActingFor(request.SectionId);
                    }
                    else request.DecisionComment = "承認不要（勤務規程）";
                    approvedDays.Add(day);
                    outcome.Approved.Add(day);
                    approvedCount++;
                    if (day == today) approvedToday.Add(staffId);
                }
                else
                {
                    outcome.Pending.Add(day);
                    pendingCount++;
                    if (!pendingBySection.TryGetValue(member.SectionId, out var list)) pendingBySection[member.SectionId] = list = [];
                    list.Add((member, day));
                }
            }
            if (outcome.Approved.Count + outcome.Pending.Count > 0) decidedFor[staffId] = outcome;
        }
        db.AddMany(rows);
        await NotifyOnBehalfAsync(actor, decidedFor, pendingBySection, cancellationToken);
        return new OnBehalfStaged(approvedCount, pendingCount, refused, approvedToday.Distinct().ToList());
    }

    private async Task NotifyOnBehalfAsync(WorkActor actor, Dictionary<Guid, (List<DateOnly> Approved, List<DateOnly> Pending)> decided,
        Dictionary<Guid, List<(StaffMember Staff, DateOnly Day)>> pendingBySection, CancellationToken cancellationToken)
    {
        foreach (var (section, items) in pendingBySection)
        {
            var approvers = await WorkUnits.ApproversOfAsync(db, section, cancellationToken);
            var people = items.Select(i => i.Staff.Id).Distinct().Count();
            await notifications.AddAsync(approvers, "telework.requested",
                new($"{actor.Name}さんが交代計画を確定し、{people}人・{items.Count}日の在宅勤務の申請が承認待ちです", $"{actor.Name} accepted a rotation plan: {items.Count} telework days of {people} staff wait for approval."),
                "/work/approvals", cancellationToken);
        }
        if (db.TenantScope.TenantId is not { } tenantId || decided.Count == 0) return;
        var ids = decided.Keys.ToList();
        var accounts = (await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId && u.Enabled && u.StaffId != null && ids.Contains(u.StaffId.Value))
            .Select(u => new { u.Id, StaffId = u.StaffId!.Value }).ToListAsync(cancellationToken))
            .GroupBy(u => u.StaffId).ToDictionary(g => g.Key, g => g.First().Id);
        foreach (var (staffId, (approved, pending)) in decided)
        {
            if (!accounts.TryGetValue(staffId, out var account)) continue;
            var all = approved.Concat(pending).ToList();
            var days = DaysText(all);
            await notifications.AddAsync([account], approved.Count > 0 ? "telework.approved" : "telework.requested",
                new($"交代計画により在宅勤務の日が決まりました: {days.Ja}（承認済み{approved.Count}日・承認待ち{pending.Count}日）",
                    $"A rotation plan set your telework days: {days.En} ({approved.Count} approved, {pending.Count} waiting for approval)."),
                "/work/requests", cancellationToken);
        }
    }

    /// <summary>Cancels an own request, pending or approved, before its day.</summary>
    public async Task<Result<TeleworkRequest>> CancelAsync(WorkActor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        if (actor.StaffId is not { } staffId) return new NotStaffMember();
        var request = await db.TeleworkRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.StaffId == staffId, cancellationToken);
        if (request is null) return new NotFoundError(new("申請", "The request"));
        if (request.Status is not (RequestStatus.Pending or RequestStatus.Approved)) return new RequestNotPending(new("この申請", "This request"));
        if (request.Date <= JapanTime.Today(db.Time)) return new TeleworkCancelTooLate(request.Date);
        var wasApproved = request.Status == RequestStatus.Approved;
        request.Status = RequestStatus.Cancelled;
        request.CancelledAt = db.Time.GetUtcNow();
        if (wasApproved)
        {
            var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == staffId, cancellationToken);
            var approvers = await WorkUnits.ApproversOfAsync(db, request.SectionId, cancellationToken);
            var day = WorkText.Day(request.Date);
            await notifications.AddAsync(approvers, "telework.cancelled",
                new($"{staff.FullName}さんが承認済みの在宅勤務（{day.Ja}）を取り消しました", $"{staff.FullName} cancelled approved telework on {day.En}."),
                "/work/approvals", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        notifications.AfterSave();
        return request;
    }

    /// <summary>The staff member's requests of a month, by day.</summary>
    public Task<List<TeleworkRequest>> OfMonthAsync(Guid staffId, DateOnly first, CancellationToken cancellationToken = default)
    {
        var last = first.AddMonths(1).AddDays(-1);
        return db.TeleworkRequests.AsNoTracking().Where(r => r.StaffId == staffId && r.Date >= first && r.Date <= last)
            .OrderBy(r => r.Date).ThenBy(r => r.RequestedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The staff member's requests from today on that are still pending or approved.</summary>
    public Task<List<TeleworkRequest>> UpcomingAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        var today = JapanTime.Today(db.Time);
        return db.TeleworkRequests.AsNoTracking()
            .Where(r => r.StaffId == staffId && r.Date >= today && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Approved))
            .OrderBy(r => r.Date).Take(200).ToListAsync(cancellationToken);
    }

    internal static TeleworkStaff Facts(StaffMember staff) => new(staff.Employment, staff.ActiveFrom, staff.ActiveTo);

    /// <summary>12月7日(月)ほか2日 — how a notification names a set of days.</summary>
    internal static LocalizedText DaysText(IReadOnlyList<DateOnly> days)
    {
        var first = WorkText.Day(days.Min());
        return days.Count == 1 ? first : new($"{first.Ja}ほか{days.Count - 1}日", $"{first.En} and {days.Count - 1} more");
    }

    private async Task<List<DateOnly>> TakenAsync(Guid staffId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = TeleworkRules.WeekStart(from);
        var end = TeleworkRules.WeekStart(to).AddDays(6);
        return await db.TeleworkRequests.AsNoTracking()
            .Where(r => r.StaffId == staffId && r.Date >= start && r.Date <= end && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Approved))
            .Select(r => r.Date).ToListAsync(cancellationToken);
    }

    private async Task<bool> OverlapsAsync(Guid staffId, IReadOnlyList<DateOnly> days)
    {
        var list = days.ToList();
        return await db.TeleworkRequests.AsNoTracking().AnyAsync(r => r.StaffId == staffId && list.Contains(r.Date)
            && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Approved));
    }

    private static Result<(List<DateOnly> Days, IReadOnlyList<(DateOnly, NonWorkingDay)> Skipped)> Expand(WorkCalendar calendar, DaySelection selection)
    {
        if (!selection.IsPattern)
        {
            var days = selection.Days.Distinct().Order().ToList();
            if (days.Count > MaxDays) return new TeleworkPatternInvalid(new($"一度に申請できるのは{MaxDays}日までです", $"at most {MaxDays} days in one request"));
            return (days, []);
        }
        if (selection.PatternFrom is not { } from || selection.PatternTo is not { } to)
            return new TeleworkPatternInvalid(new("期間の開始日と終了日を入力してください", "give the first and last day of the period"));
        if (to < from) return new TeleworkPatternInvalid(new("終了日が開始日より前です", "the last day is before the first"));
        if (to.DayNumber - from.DayNumber > 366) return new TeleworkPatternInvalid(new("期間は1年以内にしてください", "the period may be at most a year"));
        if (selection.Weekdays is not { Count: > 0 } weekdays) return new TeleworkPatternInvalid(new("曜日を選んでください", "choose the weekdays"));
        var (expanded, skipped) = TeleworkRules.ExpandPattern(calendar, from, to, weekdays);
        if (expanded.Count > MaxDays) return new TeleworkPatternInvalid(new($"一度に申請できるのは{MaxDays}日までです", $"at most {MaxDays} days in one request"));
        return (expanded.ToList(), skipped);
    }
}
