using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Changes;

namespace Zaitaku.Gateway.Policy;

/// <summary>
/// The gateway's in-memory policy: one immutable <see cref="TenantPolicy"/> per municipality, rebuilt
/// when a change notification names the tenant (within milliseconds of the commit, on every node) and
/// at least every <see cref="GatewayOptions.RefreshEvery"/>, and swapped atomically. A policy that could
/// not be refreshed for <see cref="GatewayOptions.StaleAfter"/> is stale: the gateway then denies
/// everything with <c>policy_stale</c> (fail closed).
/// </summary>
internal sealed partial class PolicyStore : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly GatewayOptions _options;
    private readonly ILogger<PolicyStore> _logger;
    private readonly Channel<Guid> _dirty = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, TenantPolicy> _tenants = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PolicyStore(IServiceScopeFactory scopes, TimeProvider time, IOptions<GatewayOptions> options, PolicyChanges changes, ILogger<PolicyStore> logger)
    {
        _scopes = scopes;
        _time = time;
        _options = options.Value;
        _logger = logger;
        changes.Changed += tenant => _dirty.Writer.TryWrite(tenant);
    }

    /// <summary>Completes when every tenant's policy has been built once.</summary>
    public Task Loaded => _loaded.Task;

    public TenantPolicy? ForTenant(Guid tenantId) => _tenants.GetValueOrDefault(tenantId);

    /// <summary>Whether the policy is too old to be trusted (on the process's own clock: the domain clock may be held still in tests).</summary>
    public bool IsStale(TenantPolicy policy) => System.Diagnostics.Stopwatch.GetElapsedTime(policy.BuiltTimestamp) > _options.StaleAfter;

    /// <summary>Rebuilds one tenant's policy now (after a sign-in on this node, so the next request already sees the session).</summary>
    public async Task RefreshAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        await RebuildAsync(db, tenantId, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastFull = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = new HashSet<Guid>();
            try
            {
                if (lastFull == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(lastFull) >= _options.RefreshEvery)
                {
                    await RefreshAllAsync(stoppingToken);
                    lastFull = System.Diagnostics.Stopwatch.GetTimestamp();
                    _loaded.TrySetResult();
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    if (await _dirty.Reader.WaitToReadAsync(wait.Token))
                    {
                        // A burst of changes (an import, a bulk approval) becomes one rebuild per tenant.
                        await Task.Delay(5, stoppingToken);
                        while (_dirty.Reader.TryRead(out var tenant)) due.Add(tenant);
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
                if (due.Count == 0) continue;
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
                foreach (var tenant in due.Where(t => _options.TenantCodes.Count == 0 || _tenants.ContainsKey(t))) await RebuildAsync(db, tenant, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException or IOException)
            {
                // Keep the old policies: they turn stale (deny all) if this goes on past StaleAfter.
                RefreshFailed(_logger, e);
                foreach (var tenant in due) _dirty.Writer.TryWrite(tenant);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
        }
    }

    public async Task RefreshAllAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        var served = _options.TenantCodes;
        var tenants = await db.Tenants.AsNoTracking().Where(t => t.Active && (served.Count == 0 || served.Contains(t.Code))).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var tenant in tenants) await RebuildAsync(db, tenant, cancellationToken);
        foreach (var gone in _tenants.Keys.Except(tenants).ToList()) _tenants.TryRemove(gone, out _);
    }

    private async Task RebuildAsync(ZaitakuDb db, Guid tenantId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var policy = await TenantPolicyLoader.LoadAsync(db, tenantId, _time.GetUtcNow(), cancellationToken);
        if (policy is null) _tenants.TryRemove(tenantId, out _);
        // A sign-in refreshes at once while the change feed may rebuild too: a load that began earlier
        // (and may not have seen the new session or revocation) never replaces one that began later.
        else _tenants.AddOrUpdate(tenantId, policy, (_, current) => current.BuiltTimestamp > policy.BuiltTimestamp ? current : policy);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Refreshing the gateway policy failed; the previous policy stays until it turns stale")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);
}
