using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
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
/// transaction per tenant, then answers every waiting request. A PC is told "stored" only after its
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
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.PostureBatchSize && _queue.Reader.TryRead(out var next)) batch.Add(next);
                await WriteAsync(batch, stoppingToken);
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
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        foreach (var tenant in batch.GroupBy(p => p.Row.TenantId))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
                db.TenantScope.SetTenant(tenant.Key);
                db.TenantScope.SetActor(null, "gateway");
                // New rows only: their state is set by AddRange, so SaveChanges need not scan them for changes.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.PostureReports.AddRange(tenant.Select(p => p.Row));
                await db.SaveChangesAsync(cancellationToken);
                foreach (var pending in tenant) pending.Stored.TrySetResult();
                if (ChangesDecisions(tenant.Key, tenant.Select(p => p.Row))) await NotifyAsync(db, tenant.Key, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWriteFailed(logger, e, tenant.Count(), tenant.Key);
                foreach (var pending in tenant) pending.Stored.TrySetException(e);
            }
        }
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

    /// <summary>Tells every node (PostgreSQL NOTIFY, which this node hears too) or this process (SQLite) that the tenant's policy changed.</summary>
    private async Task NotifyAsync(ZaitakuDb db, Guid tenantId, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Data.Changes.PolicyChanges.Channel, tenantId.ToString()], cancellationToken);
        else changes.Raise(tenantId);
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "Could not store {Count} posture report(s) of tenant {Tenant}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, Guid tenant);
}
