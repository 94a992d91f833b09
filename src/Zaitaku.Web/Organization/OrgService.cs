using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Organization;

/// <summary>What a caller gives to create or change a department, section or unit.</summary>
public sealed record OrgUnitInput(string? Code, string? Name, OrgUnitKind Kind, Guid? ParentId, int SortOrder = 0, bool Active = true);

/// <summary>A unit in the tree with its children and the number of active staff in it.</summary>
public sealed record OrgTreeNode(OrgUnit Unit, IReadOnlyList<OrgTreeNode> Children, int StaffCount)
{
    /// <summary>Staff in this unit and every unit below it.</summary>
    public int TotalStaff => StaffCount + Children.Sum(c => c.TotalStaff);
}

/// <summary>The organisation tree of the current tenant (部 → 課 → 係) and changes to it.</summary>
public sealed partial class OrgService(ZaitakuDb db)
{
    public async Task<IReadOnlyList<OrgTreeNode>> TreeAsync(CancellationToken cancellationToken = default)
    {
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(cancellationToken);
        var today = JapanTime.Today(db.Time);
        var counts = await db.Staff.Where(s => s.ActiveFrom <= today && (s.ActiveTo == null || s.ActiveTo >= today))
            .GroupBy(s => s.SectionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var byParent = units.ToLookup(u => u.ParentId);
        OrgTreeNode Build(OrgUnit unit) => new(unit, byParent[unit.Id].Select(Build).ToList(), counts.GetValueOrDefault(unit.Id));
        return byParent[null].Select(Build).ToList();
    }

    public Task<OrgUnit?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    public async Task<Result<OrgUnit>> CreateAsync(OrgUnitInput input, CancellationToken cancellationToken = default)
    {
        if (await ValidateAsync(input, null, cancellationToken) is { } error) return error;
        var unit = new OrgUnit
        {
            Id = Guid.NewGuid(),
            Code = input.Code!.Trim(),
            Name = input.Name!.Trim(),
            Kind = input.Kind,
            ParentId = input.ParentId,
            SortOrder = input.SortOrder,
            Active = input.Active,
        };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    public async Task<Result<OrgUnit>> UpdateAsync(Guid id, OrgUnitInput input, CancellationToken cancellationToken = default)
    {
        var unit = await FindAsync(id, cancellationToken);
        if (unit is null) return new NotFoundError(new("組織", "The unit"));
        if (await ValidateAsync(input, unit, cancellationToken) is { } error) return error;
        if (!input.Active && unit.Active && await HasActiveMembersAsync(unit.Id, cancellationToken))
            return new FieldError("active", new("所属する職員や下位の組織がある組織は廃止できません。先に異動させてください。",
                "A unit with staff or sub-units cannot be closed; move them first."));
        unit.Code = input.Code!.Trim();
        unit.Name = input.Name!.Trim();
        unit.Kind = input.Kind;
        unit.ParentId = input.ParentId;
        unit.SortOrder = input.SortOrder;
        unit.Active = input.Active;
        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    private async Task<bool> HasActiveMembersAsync(Guid unitId, CancellationToken cancellationToken)
    {
        var today = JapanTime.Today(db.Time);
        return await db.OrgUnits.AnyAsync(u => u.ParentId == unitId && u.Active, cancellationToken)
            || await db.Staff.AnyAsync(s => s.SectionId == unitId && (s.ActiveTo == null || s.ActiveTo >= today), cancellationToken);
    }

    private async Task<Error?> ValidateAsync(OrgUnitInput input, OrgUnit? existing, CancellationToken cancellationToken)
    {
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0) return new FieldError("code", new("所属コードを入力してください。", "Enter the unit code."));
        if (code.Length > 32 || !CodePattern().IsMatch(code))
            return new FieldError("code", new($"所属コード「{code}」は英数字・ハイフン・アンダースコアの32文字以内にしてください。",
                $"The unit code \"{code}\" must be up to 32 letters, digits, hyphens or underscores."));
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return new FieldError("name", new("名称を100文字以内で入力してください。", "Enter a name of up to 100 characters."));
        if (!Enum.IsDefined(input.Kind)) return new FieldError("kind", new("種別が正しくありません。", "Unknown kind."));
        if (await db.OrgUnits.AnyAsync(u => u.Code == code && u.Id != (existing == null ? Guid.Empty : existing.Id), cancellationToken))
            return new FieldError("code", new($"所属コード「{code}」は既に使われています。", $"The unit code \"{code}\" is already used."));

        if (input.Kind == OrgUnitKind.Department)
        {
            if (input.ParentId is not null) return new FieldError("parentId", new("部局の上位組織は指定できません。", "A department has no parent."));
            return null;
        }
        if (input.ParentId is not { } parentId)
            return new FieldError("parentId", new("上位の組織を選んでください。", "Choose the parent unit."));
        if (existing is not null && parentId == existing.Id)
            return new FieldError("parentId", new("自分自身を上位組織にはできません。", "A unit cannot be its own parent."));
        var parent = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == parentId, cancellationToken);
        var expected = input.Kind == OrgUnitKind.Section ? OrgUnitKind.Department : OrgUnitKind.Section;
        if (parent is null || parent.Kind != expected)
            return new FieldError("parentId", input.Kind == OrgUnitKind.Section
                ? new("課・室の上位組織は部局にしてください。", "A section belongs to a department.")
                : new("係・担当の上位組織は課・室にしてください。", "A unit belongs to a section."));
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CodePattern();
}

internal static class OrganizationFeature
{
    public static IServiceCollection AddOrganization(this IServiceCollection services) => services.AddScoped<OrgService>();
}
