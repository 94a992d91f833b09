using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Devices;

namespace Zaitaku.Gateway.Devices;

/// <summary>
/// Stores posture reports with group commit: each request queues its row and waits; one writer takes
/// everything queued (up to <see cref="GatewayOptions.PostureBatchSize"/>) and writes it in one
/// transaction (every tenant's rows together, on one connection kept open), then answers every waiting
/// request. A PC is told "stored" only after its
/// row is committed, and a thousand check-ins a second cost a few transactions a second, not a thousand.
/// </summary>
public sealed partial class PostureWriter(IServiceScopeFactory scopes, IOptions<GatewayOptions> options, ILogger<PostureWriter> logger,
    IServiceProvider services, Data.Changes.PolicyChanges changes) : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    // The tenant's PCs by serial, built once per policy snapshot instead of once per batch (a tenant may have 10,000 PCs).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Access.PolicySnapshot, Dictionary<string, Access.DeviceRecord>> _devicesBySerial = new();

    private sealed record Pending(PostureCheckIn Row, TaskCompletionSource Stored);

    /// <summary>Queues a report and completes when it is committed (or throws when the write failed).</summary>
    public Task StoreAsync(PostureCheckIn row, CancellationToken cancellationToken)
    {
        var pending = new Pending(row, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The posture writer has stopped.");
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(options.Value.PostureBatchSize);
        // One connection for the writer's life, its insert prepared once; renewed after a failure.
        AsyncServiceScope? scope = null;
        PostureReportBatchWriter? sink = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.PostureBatchSize && _queue.Reader.TryRead(out var next)) batch.Add(next);
                (sink, scope) = await WriteAsync(batch, sink, scope, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var pending in batch) pending.Stored.TrySetCanceled(CancellationToken.None);
            while (_queue.Reader.TryRead(out var left)) left.Stored.TrySetCanceled(CancellationToken.None);
            await KeptWriter.CloseAsync(sink, scope);
        }
    }

    /// <summary>
    /// Commits the whole batch in one transaction, every tenant's rows together. When that fails, each tenant's rows are
    /// tried on their own, so that one tenant's failure does not refuse another's reports.
    /// </summary>
    private async Task<(PostureReportBatchWriter?, AsyncServiceScope?)> WriteAsync(List<Pending> batch, PostureReportBatchWriter? sink, AsyncServiceScope? scope,
        CancellationToken cancellationToken)
    {
        var tenants = batch.GroupBy(p => p.Row.TenantId).ToList();
        try
        {
            (sink, scope) = Open(sink, scope);
            await CommitAsync(batch, sink, cancellationToken);
            return (sink, scope);
        }
        catch (Exception e) when (e is not OperationCanceledException && tenants.Count > 1)
        {
            LogBatchRetried(logger, e, batch.Count, tenants.Count);
            (sink, scope) = await KeptWriter.CloseAsync(sink, scope);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWriteFailed(logger, e, batch.Count, tenants[0].Key);
            foreach (var pending in batch) pending.Stored.TrySetException(e);
            return await KeptWriter.CloseAsync(sink, scope);
        }
        foreach (var tenant in tenants)
        {
            try
            {
                (sink, scope) = Open(sink, scope);
                await CommitAsync(tenant.ToList(), sink, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWriteFailed(logger, e, tenant.Count(), tenant.Key);
                foreach (var pending in tenant) pending.Stored.TrySetException(e);
                (sink, scope) = await KeptWriter.CloseAsync(sink, scope);
            }
        }
        return (sink, scope);
    }

    /// <summary>Writes the reports in one transaction, answers their requests, and tells the gateways of the tenants whose decisions they change.</summary>
    private async Task CommitAsync(List<Pending> pending, PostureReportBatchWriter sink, CancellationToken cancellationToken)
    {
        var changed = pending.GroupBy(p => p.Row.TenantId).Where(t => ChangesDecisions(t.Key, t.Select(p => p.Row))).Select(t => t.Key).ToList();
        await sink.AppendAsync(pending.ConvertAll(p => p.Row), changed, cancellationToken);
        foreach (var p in pending) p.Stored.TrySetResult();
        // SQLite (one node): raised in-process; PostgreSQL announced them in the transaction.
        if (!sink.AnnouncesInTransaction)
        {
            foreach (var tenant in changed) changes.Raise(tenant);
        }
    }

    private (PostureReportBatchWriter, AsyncServiceScope) Open(PostureReportBatchWriter? sink, AsyncServiceScope? scope)
    {
        if (sink is not null && scope is { } open) return (sink, open);
        var created = scopes.CreateAsyncScope();
        return (new PostureReportBatchWriter(created.ServiceProvider.GetRequiredService<ZaitakuDb>()), created);
    }

    /// <summary>
    /// Whether the reports change what the gateways decide now: a PC the policy has no fresh report of (the first check-in
    /// on a Monday morning), or whose verdict flips. Routine reports wait for the periodic rebuild instead of
    /// rebuilding every node's policy on each check-in.
    /// </summary>
    private bool ChangesDecisions(Guid tenantId, IEnumerable<PostureCheckIn> rows)
    {
        if (services.GetRequiredService<Policy.PolicyStore>().ForTenant(tenantId) is not { } policy) return false;
        var maxAge = TimeSpan.FromHours(policy.Snapshot.Rules.PostureMaxAgeHours) - TimeSpan.FromMinutes(1);
        Dictionary<string, Access.DeviceRecord>? bySerial = null;
        foreach (var row in rows)
        {
            if (!policy.DevicesByCertificate.TryGetValue(row.CertificateSerial, out var device)) continue;
            bySerial ??= _devicesBySerial.GetValue(policy.Snapshot, static snapshot => snapshot.Devices.ToDictionary(d => d.Serial, StringComparer.Ordinal));
            if (!bySerial.TryGetValue(device.DeviceSerial, out var known)) return true;
            if (known.Compliant != row.Compliant || known.PostureReportedAt is not { } at || row.ReceivedAt - at >= maxAge) return true;
        }
        return false;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "Could not store {Count} posture report(s) of tenant {Tenant}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, Guid tenant);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Could not store a batch of {Count} posture report(s) of {Tenants} tenants together; trying each tenant's on its own")]
    private static partial void LogBatchRetried(ILogger logger, Exception exception, int count, int tenants);
}
