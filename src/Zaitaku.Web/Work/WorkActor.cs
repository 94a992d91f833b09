using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Work;

/// <summary>Who acts on the work records: the account, its staff member and its name for decisions.</summary>
public sealed record WorkActor(Guid UserId, Guid? StaffId, string Name, bool IsHr)
{
    public static WorkActor From(ClaimsPrincipal user) => new(
        user.GetUserId() ?? Guid.Empty,
        user.GetStaffId(),
        user.Identity?.Name ?? "",
        user.HasRole(Role.HrAdmin) || user.HasRole(Role.TenantAdmin));
}

/// <summary>
/// The units whose requests an account may decide today: the sections it heads (所属長) and those it
/// stands in for (代理承認), each with its units (係) below it.
/// </summary>
public sealed record ApproverScope(WorkActor Actor, IReadOnlySet<Guid> Units, IReadOnlySet<Guid> HeadedUnits)
{
    /// <summary>True when the account may decide something.</summary>
    public bool Any => Units.Count > 0;

    /// <summary>True when the unit's requests are decided as an acting approver, not as its head.</summary>
    public bool IsActingFor(Guid unit) => !HeadedUnits.Contains(unit);

    public static async Task<ApproverScope> LoadAsync(ZaitakuDb db, WorkActor actor, CancellationToken cancellationToken = default)
    {
        var today = JapanTime.Today(db.Time);
        var headed = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == actor.UserId && r.Role == Role.SectionHead && r.SectionId != null)
            .Select(r => r.SectionId!.Value).ToListAsync(cancellationToken);
        var acting = await db.ActingApprovers.AsNoTracking()
            .Where(a => a.UserId == actor.UserId && a.RevokedAt == null && a.From <= today && a.To >= today)
            .Select(a => a.SectionId).ToListAsync(cancellationToken);
        if (headed.Count == 0 && acting.Count == 0) return new(actor, new HashSet<Guid>(), new HashSet<Guid>());
        var sections = headed.Concat(acting).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking()
            .Where(u => sections.Contains(u.Id) || (u.ParentId != null && sections.Contains(u.ParentId.Value)))
            .Select(u => new { u.Id, u.ParentId }).ToListAsync(cancellationToken);
        var headedUnits = units.Where(u => headed.Contains(u.Id) || (u.ParentId is { } p && headed.Contains(p))).Select(u => u.Id).ToHashSet();
        return new(actor, units.Select(u => u.Id).ToHashSet(), headedUnits);
    }
}

/// <summary>Section lookups the work pages share.</summary>
internal static class WorkUnits
{
    /// <summary>The section (課) a unit belongs to: itself for a section, its parent for a unit (係).</summary>
    public static async Task<Guid> SectionOfAsync(ZaitakuDb db, Guid unitId, CancellationToken cancellationToken = default)
    {
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Kind, u.ParentId }).SingleOrDefaultAsync(cancellationToken);
        return unit is { Kind: OrgUnitKind.Unit, ParentId: { } parent } ? parent : unitId;
    }

    /// <summary>The accounts that decide a unit's requests today: heads of its section and acting approvers.</summary>
    public static async Task<List<Guid>> ApproversOfAsync(ZaitakuDb db, Guid unitId, CancellationToken cancellationToken = default)
    {
        var section = await SectionOfAsync(db, unitId, cancellationToken);
        var today = JapanTime.Today(db.Time);
        var heads = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.SectionHead && (r.SectionId == section || r.SectionId == unitId)).Select(r => r.UserId).ToListAsync(cancellationToken);
        var acting = await db.ActingApprovers.AsNoTracking()
            .Where(a => (a.SectionId == section || a.SectionId == unitId) && a.RevokedAt == null && a.From <= today && a.To >= today)
            .Select(a => a.UserId).ToListAsync(cancellationToken);
        return heads.Concat(acting).Distinct().ToList();
    }

    /// <summary>The account of a staff member, if any.</summary>
    public static Task<Guid?> AccountOfAsync(ZaitakuDb db, Guid staffId, Guid tenantId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Where(u => u.TenantId == tenantId && u.StaffId == staffId && u.Enabled).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
}
