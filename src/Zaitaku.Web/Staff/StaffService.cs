using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Staff;

/// <summary>A staff member's values are not valid: every field and its problem.</summary>
public sealed record StaffInvalid(IReadOnlyList<StaffFieldProblem> Problems) : Error("staff_invalid",
    new(string.Join(" / ", Problems.Select(p => $"{StaffRules.Label(p.Field).Ja}: {p.Problem.Ja}")),
        string.Join(" / ", Problems.Select(p => $"{StaffRules.Label(p.Field).En}: {p.Problem.En}"))));

public sealed record StaffNumberTaken(string StaffNumber) : Error("staff_number_taken",
    new($"職員番号「{StaffNumber}」は既に登録されています。", $"Staff number \"{StaffNumber}\" is already registered."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Creating, changing and ending the employment of staff members, one at a time.</summary>
public sealed class StaffService(ZaitakuDb db)
{
    public Task<StaffMember?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Staff.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<Result<StaffMember>> CreateAsync(StaffInput input, Guid? sectionId, CancellationToken cancellationToken = default)
    {
        if (await ValidateAsync(input, sectionId, null, cancellationToken) is { } error) return error;
        var staff = new StaffMember
        {
            Id = Guid.NewGuid(),
            StaffNumber = input.StaffNumber!.Trim(),
            FamilyName = "", GivenName = "", FamilyNameKana = "", GivenNameKana = "",
        };
        Apply(staff, input, sectionId!.Value);
        db.Staff.Add(staff);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    public async Task<Result<StaffMember>> UpdateAsync(Guid id, StaffInput input, Guid? sectionId, CancellationToken cancellationToken = default)
    {
        var staff = await FindAsync(id, cancellationToken);
        if (staff is null) return new NotFoundError(new("職員", "The staff member"));
        if (await ValidateAsync(input, sectionId, staff, cancellationToken) is { } error) return error;
        Apply(staff, input, sectionId!.Value);
        await StaffAccounts.SyncAsync(db, [staff], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return staff;
    }

    private static void Apply(StaffMember staff, StaffInput input, Guid sectionId)
    {
        staff.StaffNumber = input.StaffNumber!.Trim();
        staff.FamilyName = input.FamilyName!.Trim();
        staff.GivenName = input.GivenName!.Trim();
        staff.FamilyNameKana = input.FamilyNameKana!.Trim();
        staff.GivenNameKana = input.GivenNameKana!.Trim();
        staff.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        staff.Employment = input.Employment!.Value;
        staff.Position = string.IsNullOrWhiteSpace(input.Position) ? null : input.Position.Trim();
        staff.ActiveFrom = input.ActiveFrom!.Value;
        staff.ActiveTo = input.ActiveTo;
        staff.SectionId = sectionId;
        staff.RefreshSearchKeys();
    }

    private async Task<Error?> ValidateAsync(StaffInput input, Guid? sectionId, StaffMember? existing, CancellationToken cancellationToken)
    {
        var problems = StaffRules.Check(input);
        var section = sectionId is { } id ? await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
        if (section is null || section.Kind == OrgUnitKind.Department || !section.Active)
            problems.Add(new(StaffField.SectionCode, sectionId?.ToString() ?? "", new("所属（課・室または係）を選んでください", "choose a section or unit")));
        if (problems.Count > 0) return new StaffInvalid(problems);
        var number = input.StaffNumber!.Trim();
        if (await db.Staff.AnyAsync(s => s.StaffNumber == number && s.Id != (existing == null ? Guid.Empty : existing.Id), cancellationToken))
            return new StaffNumberTaken(number);
        return null;
    }
}
