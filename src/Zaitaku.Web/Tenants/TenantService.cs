using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Audit;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Tenants;

/// <summary>A new municipality and the one-time password of its first administrator.</summary>
public sealed record CreatedTenant(Tenant Tenant, string AdminUserName, string AdminTemporaryPassword);

/// <summary>What a prefecture operator does across tenants: create municipalities and switch them off.</summary>
public sealed partial class TenantService(ZaitakuDb db, UserManager<UserAccount> users)
{
    public Task<List<Tenant>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Tenants.AsNoTracking().OrderBy(t => t.Code).ToListAsync(cancellationToken);

    public async Task<Dictionary<Guid, int>> StaffCountsAsync(CancellationToken cancellationToken = default) =>
        await db.Staff.IgnoreQueryFilters().GroupBy(s => s.TenantId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public async Task<Result<CreatedTenant>> CreateAsync(string? code, string? name, string? adminLoginId, string? adminName, CancellationToken cancellationToken = default)
    {
        code = code?.Trim() ?? "";
        name = name?.Trim() ?? "";
        adminLoginId = adminLoginId?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
            return new FieldError("code", new($"自治体コード「{code}」は6桁の数字にしてください（全国地方公共団体コード）。", $"The municipality code \"{code}\" must be six digits."));
        if (name.Length is 0 or > 100) return new FieldError("name", new("自治体名を100文字以内で入力してください。", "Enter a name of up to 100 characters."));
        if (adminLoginId.Length is 0 or > 64 || adminLoginId.Any(char.IsWhiteSpace))
            return new FieldError("adminLoginId", new("管理者のユーザーIDを空白なしの64文字以内で入力してください。", "Enter the administrator's sign-in ID (no spaces, up to 64 characters)."));
        if (await db.Tenants.AnyAsync(t => t.Code == code, cancellationToken))
            return new FieldError("code", new($"自治体コード「{code}」は既に登録されています。", $"The municipality code \"{code}\" is already registered."));

        var now = db.Time.GetUtcNow();
        var tenant = new Tenant { Id = Guid.NewGuid(), Code = code, Name = name, CreatedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tenants.Add(tenant);
        db.Audit("tenant.created", nameof(Tenant), tenant.Id.ToString(), AuditJson.Of(new { code, name }), tenantId: null);
        await db.SaveChangesAsync(cancellationToken);

        var operatorTenant = db.TenantScope.TenantId;
        db.TenantScope.SetTenant(tenant.Id);
        try
        {
            var admin = new UserAccount
            {
                Id = Guid.NewGuid(),
                TenantId = tenant.Id,
                UserName = UserAccount.UserNameFor(code, adminLoginId),
                LoginId = adminLoginId,
                DisplayName = string.IsNullOrWhiteSpace(adminName) ? $"{name} 管理者" : adminName.Trim(),
                CreatedAt = now,
            };
            var password = PasswordPolicy.GenerateTemporary();
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
                return new FieldError("adminLoginId", new(string.Join(" ", created.Errors.Select(e => e.Description)), string.Join(" ", created.Errors.Select(e => e.Description))));
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), TenantId = tenant.Id, UserId = admin.Id, Role = Role.TenantAdmin });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new CreatedTenant(tenant, admin.UserName, password);
        }
        finally
        {
            db.TenantScope.SetTenant(operatorTenant);
        }
    }

    public async Task<Result<Tenant>> SetActiveAsync(Guid tenantId, bool active, CancellationToken cancellationToken = default)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null) return new NotFoundError(new("自治体", "The municipality"));
        tenant.Active = active;
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex CodePattern();
}

internal static class TenantsFeature
{
    public static IServiceCollection AddTenants(this IServiceCollection services) => services.AddScoped<TenantService>();
}
