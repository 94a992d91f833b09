using Microsoft.AspNetCore.Identity;

namespace Zaitaku.Data.Accounts;

/// <summary>
/// A sign-in account: a staff member of a tenant, or a prefecture operator who works across
/// tenants. The user name is <c>{tenant code}/{login id}</c> (operators: <c>pref/{login id}</c>) so
/// that the same staff number can exist in two municipalities.
/// </summary>
public sealed class UserAccount : IdentityUser<Guid>
{
    /// <summary>The tenant; null for a prefecture operator.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>The staff member this account belongs to, if any.</summary>
    public Guid? StaffId { get; set; }

    /// <summary>The ID typed at sign-in (usually the staff number).</summary>
    public string LoginId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>A prefecture operator (都道府県の運用担当) who creates municipalities.</summary>
    public bool IsOperator { get; set; }

    /// <summary>The TOTP secret, encrypted with ASP.NET Core Data Protection; null until enrolled.</summary>
    public string? TotpSecretProtected { get; set; }

    /// <summary>The last time step a TOTP code was accepted for, so a code works only once.</summary>
    public long? TotpLastStep { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>False when the account is switched off (e.g. the staff member left).</summary>
    public bool Enabled { get; set; } = true;

    public static string UserNameFor(string? tenantCode, string loginId) =>
        $"{tenantCode ?? OperatorPrefix}/{loginId.Trim()}";

    public const string OperatorPrefix = "pref";
}

/// <summary>A one-use recovery code of an account, stored as a hash.</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>Where a session was opened: the console, or the gateway portal on a telework PC.</summary>
public enum SessionChannel
{
    Console,
    Gateway,
}

/// <summary>
/// A signed-in session kept on the server, so that signing out, "sign out everywhere", a
/// deactivation or a timeout ends it at once whatever cookie a browser still holds.
/// </summary>
public sealed class SignInSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid? TenantId { get; set; }

    public SessionChannel Channel { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The session ends this long after the last request.</summary>
    public TimeSpan IdleTimeout { get; set; }

    /// <summary>The session ends at this instant whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended: signout, signout_everywhere, idle, expired, account_disabled, …</summary>
    public string? EndReason { get; set; }

    /// <summary>Whether the second factor was passed in this session.</summary>
    public bool SecondFactor { get; set; }

    public string IpAddress { get; set; } = "";

    public string UserAgent { get; set; } = "";

    /// <summary>Whether the session may still be used at the instant.</summary>
    public bool IsLive(DateTimeOffset now) =>
        EndedAt is null && now < ExpiresAt && now < LastSeenAt + IdleTimeout;
}
