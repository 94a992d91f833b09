using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.ApiTokens;

/// <summary>API tokens of the current tenant: issued (shown once), listed, revoked; each step is audited.</summary>
public sealed class ApiTokenService(ZaitakuDb db)
{
    public Task<List<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    public async Task<Result<string>> CreateAsync(string? name, IReadOnlyCollection<string> scopes, int? validDays, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return new FieldError("name", new("トークンの名前（用途）を100文字以内で入力してください。", "Give the token a name (its use) of up to 100 characters."));
        if (scopes.Count == 0 || scopes.Any(s => !ApiScopes.All.Contains(s)))
            return new FieldError("scopes", new("権限を1つ以上選んでください。", "Choose at least one scope."));
        if (validDays is < 1 or > 3650) return new FieldError("validDays", new("有効日数は1〜3650日にしてください。", "Valid days must be 1 to 3650."));
        if (db.TenantScope.TenantId is not { } tenantId || db.TenantScope.ActorUserId is not { } actor)
            return new FieldError("tenant", new("自治体の管理者だけが発行できます。", "Only a municipality's administrator can issue tokens."));
        var now = db.Time.GetUtcNow();
        var (token, record) = ApiTokenAuthentication.Create(tenantId, name, scopes, actor, now, validDays is { } d ? now.AddDays(d) : null);
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<Result<ApiToken>> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null) return new NotFoundError(new("APIトークン", "The API token"));
        token.RevokedAt ??= db.Time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }
}

internal static class ApiTokensFeature
{
    public static IServiceCollection AddApiTokens(this IServiceCollection services) => services.AddScoped<ApiTokenService>();
}
