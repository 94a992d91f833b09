namespace Zaitaku.Web.Accounts;

/// <summary>Settings of console sign-in (configuration section <c>Console</c>).</summary>
public sealed record ConsoleOptions
{
    /// <summary>A session ends after this long without a request (default 30 minutes).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in whatever the activity (default 12 hours).</summary>
    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromHours(12);
}
