using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Work;

namespace Zaitaku.Web.Work;

/// <summary>An acting approver as the page lists it.</summary>
public sealed record ActingApproverRow(ActingApprover Approver, string SectionName, string Name);

/// <summary>代理承認: a section head (or HR) names someone to decide the section's requests for a period.</summary>
public sealed class ActingApprovers(ZaitakuDb db)
{
    /// <summary>The sections the actor may name acting approvers for: those it heads, or every section for HR.</summary>
    public async Task<List<OrgUnit>> SectionsAsync(WorkActor actor, CancellationToken cancellationToken = default)
    {
        var sections = db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Section && u.Active);
        if (!actor.IsHr)
        {
            var headed = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == actor.UserId && r.Role == Role.SectionHead && r.SectionId != null)
                .Select(r => r.SectionId!.Value).ToListAsync(cancellationToken);
            sections = sections.Where(u => headed.Contains(u.Id));
        }
        return await sections.OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(cancellationToken);
    }

    /// <summary>Staff with an account who can be named (the tenant's active staff with accounts).</summary>
    public async Task<List<(Guid UserId, Guid StaffId, string Label)>> CandidatesAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = db.TenantScope.TenantId;
        var today = JapanTime.Today(db.Time);
        var rows = await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId && u.Enabled && u.StaffId != null)
            .Join(db.Staff.AsNoTracking().Where(s => s.ActiveFrom <= today && (s.ActiveTo == null || s.ActiveTo >= today)), u => u.StaffId, s => s.Id,
                (u, s) => new { u.Id, StaffId = s.Id, s.StaffNumber, s.FamilyName, s.GivenName, s.Position })
            .OrderBy(x => x.StaffNumber).Take(5_000).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.StaffId, $"{r.FamilyName} {r.GivenName}（{r.StaffNumber}{(r.Position is null ? "" : " " + r.Position)}）")).ToList();
    }

    public async Task<List<ActingApproverRow>> ListAsync(WorkActor actor, CancellationToken cancellationToken = default)
    {
        var sections = (await SectionsAsync(actor, cancellationToken)).ToDictionary(u => u.Id, u => u.Name);
        var ids = sections.Keys.ToList();
        var today = JapanTime.Today(db.Time);
        var rows = await db.ActingApprovers.AsNoTracking().Where(a => ids.Contains(a.SectionId) && a.RevokedAt == null && a.To >= today)
            .OrderBy(a => a.From).ToListAsync(cancellationToken);
        var staffIds = rows.Where(r => r.StaffId != null).Select(r => r.StaffId!.Value).ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FullName, cancellationToken);
        return rows.Select(r => new ActingApproverRow(r, sections[r.SectionId], r.StaffId is { } id && names.TryGetValue(id, out var n) ? n : "")).ToList();
    }

    public async Task<Result<ActingApprover>> NameAsync(WorkActor actor, Guid? sectionId, Guid? userId, DateOnly? from, DateOnly? to, string? reason, CancellationToken cancellationToken = default)
    {
        var sections = await SectionsAsync(actor, cancellationToken);
        if (sectionId is not { } section || sections.All(s => s.Id != section)) return new NotApprover();
        var candidate = (await CandidatesAsync(cancellationToken)).FirstOrDefault(c => c.UserId == userId);
        if (candidate.UserId == Guid.Empty) return new ActingApproverInvalid("userId", new("代理承認者を選んでください", "choose the acting approver"));
        if (candidate.UserId == actor.UserId) return new ActingApproverInvalid("userId", new("自分自身は指名できません", "you cannot name yourself"));
        if (from is not { } first || to is not { } last) return new ActingApproverInvalid("from", new("期間を入力してください", "give the period"));
        var today = JapanTime.Today(db.Time);
        if (last < first) return new ActingApproverInvalid("to", new("終了日が開始日より前です", "the last day is before the first"));
        if (last < today) return new ActingApproverInvalid("to", new("過去の期間は指定できません", "the period has passed"));
        if (last.DayNumber - first.DayNumber > 366) return new ActingApproverInvalid("to", new("期間は1年以内にしてください", "the period may be at most a year"));
        if (reason is { Length: > 200 }) return new ActingApproverInvalid("reason", new("理由は200文字以内にしてください", "the reason may have at most 200 characters"));
        var approver = new ActingApprover
        {
            Id = Guid.NewGuid(), SectionId = section, UserId = candidate.UserId, StaffId = candidate.StaffId, From = first, To = last,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), NamedBy = actor.UserId, NamedAt = db.Time.GetUtcNow(),
        };
        db.ActingApprovers.Add(approver);
        await db.SaveChangesAsync(cancellationToken);
        return approver;
    }

    public async Task<Result<ActingApprover>> RevokeAsync(WorkActor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var sections = (await SectionsAsync(actor, cancellationToken)).Select(s => s.Id).ToList();
        var approver = await db.ActingApprovers.SingleOrDefaultAsync(a => a.Id == id && sections.Contains(a.SectionId), cancellationToken);
        if (approver is null) return new NotFoundError(new("代理承認者", "The acting approver"));
        approver.RevokedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return approver;
    }
}
