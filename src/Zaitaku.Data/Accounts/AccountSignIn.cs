using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Identity;

namespace Zaitaku.Data.Accounts;

/// <summary>The outcome of the password step of signing in.</summary>
public sealed record PasswordCheck(PasswordOutcome Outcome, UserAccount? User = null, bool HasSecondFactor = false, DateTimeOffset? LockedUntil = null);

public enum PasswordOutcome
{
    Ok,
    Failed,
    LockedOut,
}

/// <summary>Sign-in rules shared by the console and the gateway portal (configuration section <c>Accounts</c>).</summary>
public sealed record AccountOptions
{
    /// <summary>Failed password or code attempts before the account is locked (default 5).</summary>
    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>How long a lockout lasts (default 15 minutes).</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The product name shown in authenticator apps.</summary>
    public string Issuer { get; init; } = "Zaitaku";
}

/// <summary>
/// Signing in, for the console and the gateway portal alike: the password and second-factor steps
/// with lockout on Zaitaku's clock, server-side sessions, and an audit record for every attempt.
/// </summary>
public sealed class AccountSignIn(
    ZaitakuDb db,
    UserManager<UserAccount> users,
    TotpSecrets secrets,
    TimeProvider time,
    IOptions<AccountOptions> options)
{
    private readonly AccountOptions _options = options.Value;

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

    /// <summary>Opens a server-side session for a channel; the caller saves nothing else with it.</summary>
    public async Task<SignInSession> OpenSessionAsync(UserAccount user, SessionChannel channel, bool secondFactor, string ipAddress, string userAgent,
        TimeSpan idleTimeout, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
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
            Channel = channel,
            CreatedAt = now,
            LastSeenAt = now,
            IdleTimeout = idleTimeout,
            ExpiresAt = expiresAt,
            SecondFactor = secondFactor,
            IpAddress = ipAddress,
            UserAgent = userAgent.Length > 300 ? userAgent[..300] : userAgent,
        };
        db.SignInSessions.Add(session);
        user.LastSignInAt = now;
        user.AccessFailedCount = 0;
        db.Audit("auth.signin", nameof(UserAccount), user.Id.ToString(),
            Audit.AuditJson.Of(new { session = session.Id, channel = channel.ToString().ToLowerInvariant(), second_factor = secondFactor }));
        await db.SaveChangesAsync(cancellationToken);
        return session;
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
    public Task<int> EndAllSessionsAsync(Guid userId, string reason, CancellationToken cancellationToken = default) =>
        EndSessionsAsync(userId, reason, null, cancellationToken);

    /// <summary>
    /// Ends the user's live sessions of one channel (the gateway's at the end of the workday; the console's stay), or
    /// of every channel when <paramref name="channel"/> is null; audited with the count, the reason and the channel.
    /// </summary>
    public async Task<int> EndSessionsAsync(Guid userId, string reason, SessionChannel? channel, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var live = await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null && (channel == null || s.Channel == channel)).ToListAsync(cancellationToken);
        foreach (var session in live)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }
        var tenantId = live.FirstOrDefault()?.TenantId ?? db.TenantScope.TenantId;
        var scope = channel is { } only ? $",\"channel\":\"{only.ToString().ToLowerInvariant()}\"" : "";
        db.Audit("auth.sessions_ended", nameof(UserAccount), userId.ToString(), $"{{\"count\":{live.Count},\"reason\":\"{reason}\"{scope}}}", tenantId);
        await db.SaveChangesAsync(cancellationToken);
        return live.Count;
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

    private async Task AuditFailureAsync(Guid? tenantId, Guid? userId, string typed, string reason, CancellationToken cancellationToken)
    {
        db.TenantScope.SetTenant(tenantId);
        db.TenantScope.SetActor(userId, typed);
        db.Audit("auth.signin_failed", nameof(UserAccount), userId?.ToString() ?? "",
            System.Text.Json.JsonSerializer.Serialize(new { id = typed, reason }, Data.Audit.AuditJson.Options), tenantId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
