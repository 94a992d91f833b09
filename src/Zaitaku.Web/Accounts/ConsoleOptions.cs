namespace Zaitaku.Web.Accounts;

/// <summary>Settings of console sign-in (configuration section <c>Console</c>).</summary>
public sealed record ConsoleOptions
{
    /// <summary>A session ends after this long without a request (default 30 minutes).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in whatever the activity (default 12 hours).</summary>
    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Failed password attempts before the account is locked (default 5).</summary>
    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>How long a lockout lasts (default 15 minutes).</summary>
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The product name shown in authenticator apps.</summary>
    public string Issuer { get; init; } = "Zaitaku";
}
