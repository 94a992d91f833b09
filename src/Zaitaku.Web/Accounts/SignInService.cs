using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Accounts;

/// <summary>
/// Console sign-in: the shared steps of <see cref="AccountSignIn"/>, console sessions (idle and
/// absolute timeouts) and the principal of each request, rebuilt from the session and current roles.
/// </summary>
public sealed class SignInService(ZaitakuDb db, AccountSignIn accounts, TimeProvider time, IOptions<ConsoleOptions> options)
{
    private readonly ConsoleOptions _options = options.Value;

    public Task<PasswordCheck> CheckPasswordAsync(string? tenantCode, string loginId, string password, string ipAddress, CancellationToken cancellationToken = default) =>
        accounts.CheckPasswordAsync(tenantCode, loginId, password, ipAddress, cancellationToken);

    public Task<bool> CheckSecondFactorAsync(UserAccount user, string code, string ipAddress, CancellationToken cancellationToken = default) =>
        accounts.CheckSecondFactorAsync(user, code, ipAddress, cancellationToken);

    public Task EndSessionAsync(Guid sessionId, string reason, CancellationToken cancellationToken = default) =>
        accounts.EndSessionAsync(sessionId, reason, cancellationToken);

    public Task<int> EndAllSessionsAsync(Guid userId, string reason, CancellationToken cancellationToken = default) =>
        accounts.EndAllSessionsAsync(userId, reason, cancellationToken);

    /// <summary>Opens a console session and returns the principal to put in the cookie.</summary>
    public async Task<ClaimsPrincipal> StartSessionAsync(UserAccount user, bool secondFactor, string ipAddress, string userAgent, CancellationToken cancellationToken = default)
    {
        var session = await accounts.OpenSessionAsync(user, SessionChannel.Console, secondFactor, ipAddress, userAgent,
            _options.IdleTimeout, time.GetUtcNow() + _options.AbsoluteLifetime, cancellationToken);
        return await BuildPrincipalAsync(user, session, cancellationToken);
    }

    /// <summary>
    /// Called on every request: the principal if its session is still live, rebuilt with the
    /// user's current roles; null when the session has ended, timed out, or the account is off.
    /// </summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.GetSessionId() is not { } sessionId) return null;
        var session = await db.SignInSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.EndedAt is not null) return null;
        var now = time.GetUtcNow();
        if (!session.IsLive(now))
        {
            session.EndedAt = now;
            session.EndReason = now >= session.ExpiresAt ? "expired" : "idle";
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == session.UserId, cancellationToken);
        var tenantActive = user?.TenantId is not { } tid || await db.Tenants.AnyAsync(t => t.Id == tid && t.Active, cancellationToken);
        if (user is null || !user.Enabled || !tenantActive)
        {
            session.EndedAt = now;
            session.EndReason = "account_disabled";
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        if (now - session.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return await BuildPrincipalAsync(user, session, cancellationToken);
    }

    /// <summary>Whether the user must pass a second factor before using the console.</summary>
    public async Task<bool> RequiresSecondFactorAsync(UserAccount user, IReadOnlyCollection<Role> roles, CancellationToken cancellationToken = default)
    {
        if (user.IsOperator || roles.Any(RoleAssignment.RequiresSecondFactor)) return true;
        return user.TenantId is { } tid && await db.Tenants.AnyAsync(t => t.Id == tid && t.RequireMfaForAllStaff, cancellationToken);
    }

    private async Task<ClaimsPrincipal> BuildPrincipalAsync(UserAccount user, SignInSession session, CancellationToken cancellationToken)
    {
        var assignments = user.TenantId is { } tenantId
            ? await db.RoleAssignments.IgnoreQueryFilters().Where(r => r.UserId == user.Id && r.TenantId == tenantId).ToListAsync(cancellationToken)
            : [];
        var roles = assignments.Select(a => a.Role).Distinct().ToList();
        var tenant = user.TenantId is { } id ? await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) : null;

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.DisplayName.Length > 0 ? user.DisplayName : user.LoginId),
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ZaitakuClaims.UserId, user.Id.ToString()),
            new(ZaitakuClaims.Login, user.LoginId),
            new(ZaitakuClaims.SessionId, session.Id.ToString()),
            new(ZaitakuClaims.SecondFactor, session.SecondFactor ? "1" : "0"),
        };
        if (await RequiresSecondFactorAsync(user, roles, cancellationToken)) claims.Add(new(ZaitakuClaims.SecondFactorRequired, "1"));
        if (user.IsOperator) claims.Add(new(ZaitakuClaims.Operator, "1"));
        if (tenant is not null)
        {
            claims.Add(new(ZaitakuClaims.TenantId, tenant.Id.ToString()));
            claims.Add(new(ZaitakuClaims.TenantCode, tenant.Code));
            claims.Add(new(ZaitakuClaims.TenantName, tenant.Name));
        }
        if (user.StaffId is { } staffId) claims.Add(new(ZaitakuClaims.StaffId, staffId.ToString()));
        claims.AddRange(roles.Select(r => new Claim(ZaitakuClaims.Role, r.ToString())));
        claims.AddRange(assignments.Where(a => a.SectionId is not null).Select(a => new Claim(ZaitakuClaims.Section, a.SectionId!.Value.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Policies.ConsoleScheme, ClaimTypes.Name, ZaitakuClaims.Role));
    }

}
