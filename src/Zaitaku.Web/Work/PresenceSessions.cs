using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zaitaku.Data;
using Zaitaku.Data.Changes;

namespace Zaitaku.Web.Work;

/// <summary>
/// The presence board's open connections with the sign-in session each was opened under, so that a connection
/// ends with its session: at once when the session is signed out on this node, and within
/// <see cref="PresenceSessionSweeper.Interval"/> when it ends any other way (signed out on another node, account
/// disabled, idle or expired), since a socket opened before would otherwise go on receiving the board.
/// </summary>
public sealed class PresenceConnections
{
    private readonly ConcurrentDictionary<string, (Guid SessionId, HubCallerContext Context)> _open = new();

    internal void Opened(HubCallerContext context, Guid sessionId) => _open[context.ConnectionId] = (sessionId, context);

    internal void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>Sessions that have a board open on this node.</summary>
    internal IReadOnlyCollection<Guid> Sessions => _open.Values.Select(c => c.SessionId).Distinct().ToList();

    /// <summary>Closes every board connection of the sessions; returns how many were closed.</summary>
    public int End(IReadOnlyCollection<Guid> sessionIds)
    {
        var closed = 0;
        foreach (var (id, (session, context)) in _open)
        {
            if (!sessionIds.Contains(session)) continue;
            context.Abort();
            _open.TryRemove(id, out _);
            closed++;
        }
        return closed;
    }
}

/// <summary>Closes board connections whose sign-in session is no longer live, every <see cref="Interval"/>.</summary>
internal sealed class PresenceSessionSweeper(PresenceConnections connections, IServiceScopeFactory scopes, TimeProvider time, ILogger<PresenceSessionSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not check the presence board's sessions; will try again");
            }
        }
    }

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var sessions = connections.Sessions;
        if (sessions.Count == 0) return 0;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var found = await db.SignInSessions.AsNoTracking().Where(s => sessions.Contains(s.Id)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var live = found.Where(s => s.IsLive(now)).Select(s => s.Id).ToHashSet();
        return connections.End(sessions.Where(s => !live.Contains(s)).ToList());
    }
}

/// <summary>
/// Pushes each presence change heard on this node (<see cref="PresenceChanges"/>: raised in-process on SQLite, from
/// PostgreSQL's NOTIFY on every node) to this node's board watchers, each in a scope of its own tenant.
/// </summary>
internal sealed class PresenceRelay(PresenceChanges changes, IServiceScopeFactory scopes, ILogger<PresenceRelay> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        changes.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    // Off the raising thread: the raiser is a save (SQLite) or the listener's connection (PostgreSQL).
    private void OnChanged(Guid tenantId, Guid staffId) => _ = Task.Run(() => PushAsync(tenantId, staffId));

    internal async Task PushAsync(Guid tenantId, Guid staffId)
    {
        try
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<ZaitakuDb>().TenantScope.SetTenant(tenantId);
            await scope.ServiceProvider.GetRequiredService<PresenceBroadcaster>().PushAsync(staffId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not push a presence change to the boards");
        }
    }
}
