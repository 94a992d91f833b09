using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Accounts;

/// <summary>The outcome of the password step of signing in.</summary>
public sealed record PasswordCheck(PasswordOutcome Outcome, UserAccount? User = null, bool HasSecondFactor = false, DateTimeOffset? LockedUntil = null);

public enum PasswordOutcome
{
    Ok,
    Failed,
    LockedOut,
}

/// <summary>
/// Signing in and out: the password and second-factor steps with lockout, server-side sessions
/// (idle and absolute timeouts, sign-out everywhere) and an audit record for every attempt.
/// </summary>
public sealed class SignInService(
    ZaitakuDb db,
    UserManager<UserAccount> users,
    TotpSecrets secrets,
    TimeProvider time,
    IOptions<ConsoleOptions> options)
{
    private readonly ConsoleOptions _options = options.Value;

    /// <summary>Checks a sign-in ID and password; counts failures toward lockout; audits the attempt.</summary>
    public async Task<PasswordCheck> CheckPasswordAsync(string? tenantCode, string loginId, string password, string ipAddress, CancellationToken cancellationToken = default)
    {
        tenantCode = string.IsNullOrWhiteSpace(tenantCode) ? null : tenantCode.Trim();
        var typed = UserAccount.UserNameFor(tenantCode, loginId);
        db.TenantScope.IpAddress = ipAddress;
        var tenant = tenantCode is null ? null : await db.Tenants.SingleOrDefaultAsync(t => t.Code == tenantCode, cancellationToken);
        var user = await users.FindByNameAsync(typed);
        if (user is null || (tenantCode is null) != user.IsOperator)
        {
            await AuditFailureAsync(tenant?.Id, null, typed, "unknown_user", cancellationToken);
            return new(PasswordOutcome.Failed);
        }

        db.TenantScope.SetTenant(user.TenantId);
        db.TenantScope.SetActor(user.Id, Describe(user));
        if (!user.Enabled || tenant is { Active: false })
        {
            await AuditFailureAsync(user.TenantId, user.Id, typed, "account_disabled", cancellationToken);
            return new(PasswordOutcome.Failed);
        }
        if (IsLockedOut(user))
        {
            await AuditFailureAsync(user.TenantId, user.Id, typed, "locked_out", cancellationToken);
            return new(PasswordOutcome.LockedOut, LockedUntil: user.LockoutEnd);
        }
        if (!await users.CheckPasswordAsync(user, password))
        {
            var locked = CountFailure(user);
            await AuditFailureAsync(user.TenantId, user.Id, typed, "bad_password", cancellationToken);
            return locked ? new(PasswordOutcome.LockedOut, LockedUntil: user.LockoutEnd) : new(PasswordOutcome.Failed);
        }
        return new(PasswordOutcome.Ok, user, user.TotpSecretProtected is not null);
    }

    /// <summary>
    /// Checks a one-time code (or a recovery code, which is then used up). A failure counts toward
    /// lockout like a wrong password.
    /// </summary>
    public async Task<bool> CheckSecondFactorAsync(UserAccount user, string code, string ipAddress, CancellationToken cancellationToken = default)
    {
        db.TenantScope.SetTenant(user.TenantId);
        db.TenantScope.SetActor(user.Id, Describe(user));
        db.TenantScope.IpAddress = ipAddress;
        if (IsLockedOut(user)) return false;

        var secret = secrets.Unprotect(user);
        var now = time.GetUtcNow();
        if (secret is not null && Totp.Verify(secret, code, now, user.TotpLastStep) is { } step)
        {
            user.TotpLastStep = step;
            await users.UpdateAsync(user);
            return true;
        }

        var hash = RecoveryCodes.Hash(code);
        var recovery = await db.RecoveryCodes.SingleOrDefaultAsync(r => r.UserId == user.Id && r.CodeHash == hash && r.UsedAt == null, cancellationToken);
        if (recovery is not null)
        {
            recovery.UsedAt = now;
            db.Audit("auth.recovery_code_used", nameof(UserAccount), user.Id.ToString());
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        CountFailure(user);
        await AuditFailureAsync(user.TenantId, user.Id, user.UserName ?? "", "bad_second_factor", cancellationToken);
        return false;
    }

    /// <summary>Opens a server-side session and returns the principal to put in the cookie.</summary>
    public async Task<ClaimsPrincipal> StartSessionAsync(UserAccount user, bool secondFactor, string ipAddress, string userAgent, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        db.TenantScope.SetTenant(user.TenantId);
        db.TenantScope.SetActor(user.Id, Describe(user));
        db.TenantScope.IpAddress = ipAddress;
        var session = new SignInSession
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            TenantId = user.TenantId,
            Channel = SessionChannel.Console,
            CreatedAt = now,
            LastSeenAt = now,
            IdleTimeout = _options.IdleTimeout,
            ExpiresAt = now + _options.AbsoluteLifetime,
            SecondFactor = secondFactor,
            IpAddress = ipAddress,
            UserAgent = userAgent.Length > 300 ? userAgent[..300] : userAgent,
        };
        db.SignInSessions.Add(session);
        user.LastSignInAt = now;
        user.AccessFailedCount = 0;
        db.Audit("auth.signin", nameof(UserAccount), user.Id.ToString(),
            $"{{\"session\":\"{session.Id}\",\"second_factor\":{(secondFactor ? "true" : "false")}}}");
        await db.SaveChangesAsync(cancellationToken);
        return await BuildPrincipalAsync(user, session, cancellationToken);
    }

    /// <summary>Ends one session (sign-out).</summary>
    public async Task EndSessionAsync(Guid sessionId, string reason, CancellationToken cancellationToken = default)
    {
        var session = await db.SignInSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.EndedAt is not null) return;
        session.EndedAt = time.GetUtcNow();
        session.EndReason = reason;
        db.Audit(reason == "signout" ? "auth.signout" : $"auth.session_ended", nameof(UserAccount), session.UserId.ToString(),
            $"{{\"session\":\"{session.Id}\",\"reason\":\"{reason}\"}}", session.TenantId);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends every live session of a user, on every node at once (each request checks its session).</summary>
    public async Task<int> EndAllSessionsAsync(Guid userId, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var live = await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in live)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }
        var tenantId = live.FirstOrDefault()?.TenantId ?? db.TenantScope.TenantId;
        db.Audit("auth.sessions_ended", nameof(UserAccount), userId.ToString(), $"{{\"count\":{live.Count},\"reason\":\"{reason}\"}}", tenantId);
        await db.SaveChangesAsync(cancellationToken);
        return live.Count;
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

    /// <summary>Whether the account is locked now (on Zaitaku's clock, so tests can move time).</summary>
    public bool IsLockedOut(UserAccount user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    /// <summary>
    /// Counts a failed attempt; at the limit, locks the account for the lockout duration and queues an
    /// audit record. Saved with the caller's next save. Returns whether the account is now locked.
    /// </summary>
    private bool CountFailure(UserAccount user)
    {
        user.AccessFailedCount++;
        if (user.AccessFailedCount < _options.MaxFailedAttempts) return false;
        user.AccessFailedCount = 0;
        user.LockoutEnd = time.GetUtcNow() + _options.LockoutDuration;
        db.Audit("auth.locked_out", nameof(UserAccount), user.Id.ToString(),
            Data.Audit.AuditJson.Of(new { until = user.LockoutEnd.Value.ToString("O"), failures = _options.MaxFailedAttempts }));
        return true;
    }

    public static string Describe(UserAccount user) =>
        string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? user.Id.ToString() : $"{user.UserName} {user.DisplayName}";

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

    private async Task AuditFailureAsync(Guid? tenantId, Guid? userId, string typed, string reason, CancellationToken cancellationToken)
    {
        db.TenantScope.SetTenant(tenantId);
        db.TenantScope.SetActor(userId, typed);
        db.Audit("auth.signin_failed", nameof(UserAccount), userId?.ToString() ?? "",
            System.Text.Json.JsonSerializer.Serialize(new { id = typed, reason }, Data.Audit.AuditJson.Options), tenantId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
