using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Accounts;

/// <summary>An account of the tenant with its roles, for the administrator's list.</summary>
public sealed record AccountRow(UserAccount Account, IReadOnlyList<RoleAssignment> Roles, string? StaffNumber)
{
    public bool LockedOut(DateTimeOffset now) => Account.LockoutEnd is { } end && end > now;
}

/// <summary>
/// The tenant administrator's work on sign-in accounts: create one for a staff member, set roles
/// (a section head names the sections headed), switch off, unlock, and reset a password or second
/// factor. Every query names the tenant; every change is audited and ends the sessions it must.
/// </summary>
public sealed class AccountAdmin(ZaitakuDb db, UserManager<UserAccount> users, SignInService signIn)
{
    private Guid Tenant => db.TenantScope.TenantId ?? throw new InvalidOperationException("No tenant in scope.");

    public async Task<List<AccountRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var tenant = Tenant;
        var accounts = await db.Users.AsNoTracking().Where(u => u.TenantId == tenant).OrderBy(u => u.LoginId).ToListAsync(cancellationToken);
        var roles = (await db.RoleAssignments.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(r => r.UserId);
        var staffIds = accounts.Where(a => a.StaffId != null).Select(a => a.StaffId!.Value).ToList();
        var numbers = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.StaffNumber, cancellationToken);
        return accounts.Select(a => new AccountRow(a, roles[a.Id].ToList(), a.StaffId is { } id ? numbers.GetValueOrDefault(id) : null)).ToList();
    }

    public async Task<AccountRow?> FindAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var tenant = Tenant;
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.TenantId == tenant, cancellationToken);
        if (account is null) return null;
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        var number = account.StaffId is { } sid ? await db.Staff.Where(s => s.Id == sid).Select(s => s.StaffNumber).SingleOrDefaultAsync(cancellationToken) : null;
        return new AccountRow(account, roles, number);
    }

    /// <summary>Creates the account of a staff member (sign-in ID = staff number); returns the one-time password.</summary>
    public async Task<Result<(UserAccount Account, string Password)>> CreateForStaffAsync(string? staffNumber, IReadOnlyCollection<Role> roles, IReadOnlyCollection<Guid> headedSections, CancellationToken cancellationToken = default)
    {
        var tenant = Tenant;
        var number = staffNumber?.Trim() ?? "";
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.StaffNumber == number, cancellationToken);
        if (staff is null) return new FieldError("staffNumber", new($"職員番号「{number}」の職員は登録されていません。", $"No staff member has the number \"{number}\"."));
        if (await db.Users.AnyAsync(u => u.TenantId == tenant && u.StaffId == staff.Id, cancellationToken))
            return new FieldError("staffNumber", new($"職員番号「{number}」のアカウントは既にあります。", $"Staff number \"{number}\" already has an account."));
        var code = await db.Tenants.Where(t => t.Id == tenant).Select(t => t.Code).SingleAsync(cancellationToken);
        var account = new UserAccount
        {
            Id = Guid.NewGuid(),
            TenantId = tenant,
            StaffId = staff.Id,
            UserName = UserAccount.UserNameFor(code, number),
            LoginId = number,
            DisplayName = staff.FullName,
            Email = staff.Email,
            CreatedAt = db.Time.GetUtcNow(),
        };
        if (await ValidateRolesAsync(roles, headedSections, cancellationToken) is { } error) return error;
        var password = PasswordPolicy.GenerateTemporary();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
            return new FieldError("staffNumber", new(string.Join(" ", created.Errors.Select(e => e.Description)), string.Join(" ", created.Errors.Select(e => e.Description))));
        AddRoles(account.Id, roles, headedSections);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (account, password);
    }

    public async Task<Result<bool>> SetRolesAsync(Guid userId, IReadOnlyCollection<Role> roles, IReadOnlyCollection<Guid> headedSections, CancellationToken cancellationToken = default)
    {
        if (await FindTrackedAsync(userId, cancellationToken) is not { } account) return NotFound();
        if (await ValidateRolesAsync(roles, headedSections, cancellationToken) is { } error) return error;
        if (account.Id == db.TenantScope.ActorUserId && !roles.Contains(Role.TenantAdmin))
            return new FieldError("roles", new("自分自身の管理者権限は外せません。別の管理者に依頼してください。", "You cannot remove your own administrator role; ask another administrator."));
        db.RoleAssignments.RemoveRange(await db.RoleAssignments.Where(r => r.UserId == userId).ToListAsync(cancellationToken));
        AddRoles(userId, roles, headedSections);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<Result<bool>> SetEnabledAsync(Guid userId, bool enabled, CancellationToken cancellationToken = default)
    {
        if (await FindTrackedAsync(userId, cancellationToken) is not { } account) return NotFound();
        if (!enabled && account.Id == db.TenantScope.ActorUserId)
            return new FieldError("enabled", new("自分自身のアカウントは停止できません。", "You cannot switch off your own account."));
        account.Enabled = enabled;
        await db.SaveChangesAsync(cancellationToken);
        if (!enabled) await signIn.EndAllSessionsAsync(userId, "account_disabled", cancellationToken);
        return true;
    }

    public async Task<Result<bool>> UnlockAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (await FindTrackedAsync(userId, cancellationToken) is not { } account) return NotFound();
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        db.Audit("account.unlocked", nameof(UserAccount), userId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Sets a new temporary password, shown once, and ends the account's sessions.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (await FindTrackedAsync(userId, cancellationToken) is not { } account) return NotFound();
        var password = PasswordPolicy.GenerateTemporary();
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var result = await users.ResetPasswordAsync(account, token, password);
        if (!result.Succeeded) return new FieldError("password", new(string.Join(" ", result.Errors.Select(e => e.Description)), string.Join(" ", result.Errors.Select(e => e.Description))));
        db.Audit("account.password_reset", nameof(UserAccount), userId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await signIn.EndAllSessionsAsync(userId, "password_reset", cancellationToken);
        return password;
    }

    /// <summary>Removes the authenticator and recovery codes (a lost phone); the user enrols again at next sign-in.</summary>
    public async Task<Result<bool>> ResetSecondFactorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (await FindTrackedAsync(userId, cancellationToken) is not { } account) return NotFound();
        account.TotpSecretProtected = null;
        account.TotpLastStep = null;
        db.RecoveryCodes.RemoveRange(await db.RecoveryCodes.Where(r => r.UserId == userId).ToListAsync(cancellationToken));
        db.Audit("account.second_factor_reset", nameof(UserAccount), userId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await signIn.EndAllSessionsAsync(userId, "second_factor_reset", cancellationToken);
        return true;
    }

    private Task<UserAccount?> FindTrackedAsync(Guid userId, CancellationToken cancellationToken)
    {
        var tenant = Tenant;
        return db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.TenantId == tenant, cancellationToken);
    }

    private async Task<Error?> ValidateRolesAsync(IReadOnlyCollection<Role> roles, IReadOnlyCollection<Guid> headedSections, CancellationToken cancellationToken)
    {
        if (roles.Contains(Role.SectionHead) && headedSections.Count == 0)
            return new FieldError("sections", new("所属長の場合は、担当する課を1つ以上選んでください。", "A section head needs at least one section."));
        var known = await db.OrgUnits.Where(u => headedSections.Contains(u.Id) && u.Kind != OrgUnitKind.Department).CountAsync(cancellationToken);
        if (known != headedSections.Distinct().Count())
            return new FieldError("sections", new("選んだ課が見つかりません。", "A chosen section was not found."));
        return null;
    }

    private void AddRoles(Guid userId, IReadOnlyCollection<Role> roles, IReadOnlyCollection<Guid> headedSections)
    {
        foreach (var role in roles.Append(Role.Staff).Distinct())
        {
            if (role == Role.SectionHead)
            {
                foreach (var section in headedSections.Distinct())
                    db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = userId, Role = role, SectionId = section });
            }
            else db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = userId, Role = role });
        }
    }

    private static NotFoundError NotFound() => new(new("アカウント", "The account"));
}
