using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Tasks;
using Zaitaku.Planning;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Tasks.Planning;

/// <summary>A saved plan in a list: without its data.</summary>
public sealed record PlanListItem(Guid Id, PlanMode Mode, PlanScope Scope, Guid? UnitId, string ScopeName, DateOnly From, DateOnly To, PlanState State,
    string? Outcome, int StaffCount, int DayCount, int HomeDays, int Bound, string CreatedByName, DateTimeOffset CreatedAt);

/// <summary>A saved plan with its instance, its answer (once solved) and its progress while solving.</summary>
public sealed record PlanView(RotationPlanRecord Record, string ScopeName, PlanInput Input, PlanOutput? Output, PlanProgress? Progress, PlanState State)
{
    private RotationExplainer? _explainer;

    /// <summary>The explanation of the plan (null before it is solved or when there is none).</summary>
    public RotationExplainer? Explainer => Output is { Plan.Status: not PlanStatus.Infeasible } output
        ? _explainer ??= RotationExplainer.For(Input.Instance, output.Plan)
        : null;
}

/// <summary>The plan's status for the polling page.</summary>
/// <param name="State">solving, solved, failed, accepted or discarded.</param>
/// <param name="Queued">Waiting for another plan.</param>
/// <param name="ElapsedSeconds">Time solving so far.</param>
/// <param name="TimeLimitSeconds">The time limit.</param>
/// <param name="HomeDays">Home staff-days of the best plan so far.</param>
/// <param name="Bound">The proven bound so far.</param>
public sealed record PlanStatusDto(string State, bool Queued, double ElapsedSeconds, int TimeLimitSeconds, int HomeDays, int Bound);

/// <summary>The plan is not in a state that allows this.</summary>
public sealed record PlanNotOpen(LocalizedText Why) : Error("plan_not_open", Why)
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Accepting met a change made at the same moment (the plan accepted elsewhere, or the same day asked for): nothing was saved.</summary>
public sealed record PlanAcceptRaced() : Error("plan_accept_conflict",
    new("同じ時に計画が確定されたか、同じ日の申請が作られたため、確定できませんでした。何も作成していません。画面を開き直してもう一度確定してください。",
        "The plan was accepted elsewhere, or the same day was asked for, at the same moment: nothing was created. Reload the page and accept again."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Only the head of the planned section, HR or the tenant administrator may plan or accept.</summary>
public sealed record PlanForbidden() : Error("plan_forbidden",
    new("この範囲の計画を作成・確定する権限がありません。", "You may not plan or accept plans for this scope."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

/// <summary>Asking for, reading, accepting and setting aside rotation plans.</summary>
public sealed class PlanService(ZaitakuDb db, PlanBuilder builder, PlanRunner runner, IPlanningSources sources)
{
    /// <summary>A plan still "solving" this long after its time limit was interrupted (the server stopped).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>The default time limit: a section proves its plan in seconds; larger scopes use more.</summary>
    public static int DefaultTimeLimit(PlanScope scope) => scope switch
    {
        PlanScope.Section => 10,
        PlanScope.Department => 30,
        _ => 60,
    };

    /// <summary>Builds the instance, saves the plan and queues it; the caller shows the plan page, which follows the solve.</summary>
    public async Task<Result<RotationPlanRecord>> CreateAsync(ClaimsPrincipal user, PlanRequest request, CancellationToken cancellationToken = default)
    {
        var allowed = request.Mode == PlanMode.Emergency ? user.CanPlanEmergency() : user.CanPlan(request.Scope, request.UnitId);
        if (!allowed) return new PlanForbidden();
        var built = await builder.BuildAsync(request, cancellationToken);
        if (!built.IsOk) return built.Error!;
        var input = built.Value;
        var record = new RotationPlanRecord
        {
            Id = Guid.NewGuid(),
            Mode = request.Mode,
            Scope = request.Scope,
            UnitId = request.Scope == PlanScope.Municipality ? null : request.UnitId,
            From = input.Instance.Days[0],
            To = input.Instance.Days[^1],
            State = PlanState.Solving,
            StaffCount = input.Instance.Staff.Count,
            DayCount = input.Instance.Days.Count,
            DevicePool = input.Instance.DevicePool,
            TargetHomeDays = input.Instance.TargetHomeDays,
            InstanceData = PlanDocuments.WriteInput(input),
            TimeLimitSeconds = request.TimeLimitSeconds,
            CreatedAt = db.Time.GetUtcNow(),
            CreatedBy = user.GetUserId(),
            CreatedByName = user.ActorName(),
        };
        db.RotationPlans.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        runner.Enqueue(record, user.GetUserId(), user.ActorName());
        return record;
    }

    /// <summary>The plans the caller may read, newest first.</summary>
    public async Task<List<PlanListItem>> ListAsync(ClaimsPrincipal user, int take = 50, CancellationToken cancellationToken = default)
    {
        var query = db.RotationPlans.AsNoTracking();
        if (!user.ReadsAll())
        {
            var headed = user.HeadedSections().ToList();
            var me = user.GetUserId();
            query = query.Where(p => (p.Scope == PlanScope.Section && p.UnitId != null && headed.Contains(p.UnitId.Value)) || p.CreatedBy == me);
        }
        var rows = await query.OrderByDescending(p => p.CreatedAt).Take(take)
            .Select(p => new { p.Id, p.Mode, p.Scope, p.UnitId, p.From, p.To, p.State, p.Outcome, p.StaffCount, p.DayCount, p.HomeDays, p.Bound, p.CreatedByName, p.CreatedAt, p.TimeLimitSeconds })
            .ToListAsync(cancellationToken);
        var names = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var now = db.Time.GetUtcNow();
        return rows.Select(p => new PlanListItem(p.Id, p.Mode, p.Scope, p.UnitId, ScopeName(p.Scope, p.UnitId, names), p.From, p.To,
            Effective(p.Id, p.State, p.CreatedAt, p.TimeLimitSeconds, now), p.Outcome, p.StaffCount, p.DayCount, p.HomeDays, p.Bound, p.CreatedByName, p.CreatedAt)).ToList();
    }

    /// <summary>A plan the caller may read, with its data.</summary>
    public async Task<Result<PlanView>> FindAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        var record = await db.RotationPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (record is null || !CanRead(user, record)) return new NotFoundError(new("計画", "The plan"));
        var names = await db.OrgUnits.AsNoTracking().Where(u => u.Id == record.UnitId).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var state = Effective(record.Id, record.State, record.CreatedAt, record.TimeLimitSeconds, db.Time.GetUtcNow());
        var output = record.PlanData.Length > 0 ? PlanDocuments.ReadOutput(record.PlanData) : null;
        return new PlanView(record, ScopeName(record.Scope, record.UnitId, names), PlanDocuments.ReadInput(record.InstanceData), output, runner.Progress(planId), state);
    }

    /// <summary>The small status the plan page polls while solving.</summary>
    public async Task<Result<PlanStatusDto>> StatusAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        var record = await db.RotationPlans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.State, p.CreatedAt, p.TimeLimitSeconds, p.HomeDays, p.Bound, p.Scope, p.UnitId, p.CreatedBy })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null || !CanRead(user, record.Scope, record.UnitId, record.CreatedBy)) return new NotFoundError(new("計画", "The plan"));
        var state = Effective(record.Id, record.State, record.CreatedAt, record.TimeLimitSeconds, db.Time.GetUtcNow());
        var progress = runner.Progress(planId);
        return state == PlanState.Solving
            ? new PlanStatusDto("solving", progress?.Queued ?? false, progress?.Elapsed.TotalSeconds ?? 0, record.TimeLimitSeconds, progress?.HomeDays ?? 0, progress?.Bound ?? 0)
            : new PlanStatusDto(state.ToString().ToLowerInvariant(), false, 0, record.TimeLimitSeconds, record.HomeDays, record.Bound);
    }

    /// <summary>
    /// 計画の確定: asks for telework on the plan's home days (those not already approved) through the
    /// work feature, approved at once where the rules need no approval or the accepting user approves
    /// the staff member's section, for approval otherwise; the days the rules refuse are left out and
    /// kept with the plan with their reasons. The requests, the plan's new state and its audit record
    /// are saved in one transaction: all or nothing.
    /// </summary>
    public async Task<Result<CreatedRequests>> AcceptAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        var started = db.Time.GetUtcNow();
        var record = await db.RotationPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (record is null || !CanRead(user, record)) return new NotFoundError(new("計画", "The plan"));
        var allowed = record.Mode == PlanMode.Emergency ? user.CanPlanEmergency() : user.CanPlan(record.Scope, record.UnitId);
        if (!allowed) return new PlanForbidden();
        if (record.State != PlanState.Solved) return new PlanNotOpen(new("この計画は確定できる状態ではありません（計算中・確定済み・破棄済み）。", "This plan cannot be accepted now (solving, accepted or discarded)."));
        var output = PlanDocuments.ReadOutput(record.PlanData);
        if (output.Plan.Status == PlanStatus.Infeasible) return new PlanNotOpen(new("規則を守れる計画がないため確定できません。", "There is no plan that keeps the rules, so there is nothing to accept."));
        var input = PlanDocuments.ReadInput(record.InstanceData);
        var days = HomeDays(input, output.Plan);
        var names = await db.OrgUnits.AsNoTracking().Where(u => u.Id == record.UnitId).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var kind = record.Mode == PlanMode.Emergency ? "緊急時の計画" : "交代計画";
        var note = $"{kind}（{ScopeName(record.Scope, record.UnitId, names)}、{record.From:yyyy-MM-dd}〜{record.To:yyyy-MM-dd}）の確定により作成";
        var created = await sources.CreateRequestsAsync(user, planId, note, days, cancellationToken);
        if (!created.IsOk) return created.Error!;
        var value = created.Value;
        var numbers = input.Staff.ToDictionary(s => s.Id, s => s.Number);
        var skipped = value.Skipped.Select(k => new SavedSkip(numbers.GetValueOrDefault(k.StaffId, ""), k.Day, k.Code, k.Why.Ja, k.Why.En)).ToList();
        record.State = PlanState.Accepted;
        record.DecidedAt = started;
        record.DecidedByName = user.ActorName();
        record.RequestsApproved = value.Approved;
        record.RequestsPending = value.Pending;
        record.PlanData = PlanDocuments.WriteOutput(output with { Acceptance = new PlanAcceptance(value.Approved, value.Pending, skipped) });
        db.Audit("rotationplan.accepted", nameof(RotationPlanRecord), record.Id.ToString(), AuditJson.Of(new
        {
            mode = record.Mode.ToString(), scope = record.Scope.ToString(), from = record.From, to = record.To,
            approved = value.Approved, pending = value.Pending, skipped = skipped.Count,
            skippedDays = skipped.Take(100).Select(k => new { staff = k.Staff, day = k.Day, rule = k.Code }),
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // Another acceptance, or a staff member asking for the same day, got there first (the unique index of active requests): nothing was saved.
            db.ChangeTracker.Clear();
            if (!await RacedAsync(planId, days, started, cancellationToken)) throw;
            return new PlanAcceptRaced();
        }
        await sources.SavedAsync(cancellationToken);
        return value;
    }

    private async Task<bool> RacedAsync(Guid planId, List<PlannedHomeDays> days, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (await db.RotationPlans.AsNoTracking().AnyAsync(p => p.Id == planId && p.State != PlanState.Solved, cancellationToken)) return true;
        if (days.Count == 0) return false;
        var (from, to) = (days.Min(d => d.Days.Min()), days.Max(d => d.Days.Max()));
        var planned = days.SelectMany(d => d.Days.Select(day => (d.StaffId, day))).ToHashSet();
        var recent = await db.TeleworkRequests.AsNoTracking()
            .Where(r => r.Date >= from && r.Date <= to && r.RequestedAt >= since && (r.Status == Data.Work.RequestStatus.Pending || r.Status == Data.Work.RequestStatus.Approved))
            .Select(r => new { r.StaffId, r.Date }).ToListAsync(cancellationToken);
        return recent.Any(r => planned.Contains((r.StaffId, r.Date)));
    }

    /// <summary>The plan's home days of each staff member, less the days pinned at home (already approved).</summary>
    public static List<PlannedHomeDays> HomeDays(PlanInput input, RotationPlan plan)
    {
        var days = new List<PlannedHomeDays>();
        foreach (var staff in input.Instance.Staff)
        {
            var meta = input.StaffOf(staff.Id);
            var section = input.SectionOf(staff.Section);
            if (meta is null || section is null) continue;
            var pinned = staff.FixedHome.ToHashSet();
            var home = plan.Assignments[staff.Id].Select((place, d) => (place, day: input.Instance.Days[d]))
                .Where(x => x.place == DayPlace.Home && !pinned.Contains(x.day)).Select(x => x.day).ToList();
            if (home.Count > 0) days.Add(new PlannedHomeDays(meta.Id, section.Id, home));
        }
        return days;
    }

    /// <summary>Sets a plan aside without creating anything.</summary>
    public async Task<Result<RotationPlanRecord>> DiscardAsync(ClaimsPrincipal user, Guid planId, CancellationToken cancellationToken = default)
    {
        var record = await db.RotationPlans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (record is null || !CanRead(user, record)) return new NotFoundError(new("計画", "The plan"));
        var allowed = record.Mode == PlanMode.Emergency ? user.CanPlanEmergency() : user.CanPlan(record.Scope, record.UnitId);
        if (!allowed) return new PlanForbidden();
        var state = Effective(record.Id, record.State, record.CreatedAt, record.TimeLimitSeconds, db.Time.GetUtcNow());
        if (state is PlanState.Accepted or PlanState.Discarded or PlanState.Solving)
            return new PlanNotOpen(new("この計画は破棄できる状態ではありません。", "This plan cannot be set aside now."));
        record.State = PlanState.Discarded;
        record.DecidedAt = db.Time.GetUtcNow();
        record.DecidedByName = user.ActorName();
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    private static bool CanRead(ClaimsPrincipal user, RotationPlanRecord record) => CanRead(user, record.Scope, record.UnitId, record.CreatedBy);

    private static bool CanRead(ClaimsPrincipal user, PlanScope scope, Guid? unitId, Guid? createdBy) =>
        user.ReadsAll()
        || (scope == PlanScope.Section && unitId is { } id && user.CanReadSection(id))
        || (createdBy is { } creator && creator == user.GetUserId());

    // A plan still marked solving that no node is working on after its time has passed was interrupted.
    private PlanState Effective(Guid id, PlanState state, DateTimeOffset createdAt, int timeLimitSeconds, DateTimeOffset now) =>
        state == PlanState.Solving && runner.Progress(id) is null && now - createdAt > TimeSpan.FromSeconds(timeLimitSeconds) + Grace
            ? PlanState.Failed
            : state;

    public static string ScopeName(PlanScope scope, Guid? unitId, IReadOnlyDictionary<Guid, string> names) => scope switch
    {
        PlanScope.Municipality => Localization.Tx.T("全庁", "Whole municipality"),
        _ => unitId is { } id && names.TryGetValue(id, out var name) ? name : "—",
    };
}
