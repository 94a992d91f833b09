using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Audit;

namespace Zaitaku.Gateway.Decisions;

/// <summary>
/// Writes the decision log with group commit: records queued by concurrent requests are written
/// together in one transaction (one fsync), and each request that asked for durability is released
/// only when its record is committed. A write that fails fails those requests: the gateway fails
/// closed rather than answer without a record.
/// </summary>
internal sealed partial class DecisionLogWriter(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<DecisionLogWriter> logger,
    IMeterFactory meters) : BackgroundService
{
    private const int MaxBatch = 4096;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(65_536)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Histogram<int> _batchSize = meters.Create("Zaitaku").CreateHistogram<int>("zaitaku.gateway.decision_log.batch_size", "{record}", "Records written in one group commit");
    private readonly Counter<long> _failures = meters.Create("Zaitaku").CreateCounter<long>("zaitaku.gateway.decision_log.failures", "{batch}", "Group commits that failed");

    private readonly record struct Pending(DecisionRecord Record, TaskCompletionSource? Durable);

    // Chain ids are a hash of tenant and node: computed once per tenant, not twice per request.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> _chains = new();
    private Guid? _noTenantChain;

    /// <summary>The chain of a tenant on this node.</summary>
    public Guid ChainFor(Guid? tenantId) => tenantId is { } tenant
        ? _chains.GetOrAdd(tenant, static (t, node) => DecisionRecord.ChainFor(t, node), options.Value.NodeName)
        : _noTenantChain ??= DecisionRecord.ChainFor(null, options.Value.NodeName);

    /// <summary>Queues a record and returns when it is committed (the allowed request's write-ahead record).</summary>
    public async Task AppendDurableAsync(DecisionRecord record, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(Fit(record), done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Queues a record without waiting for its commit (a result after the response).</summary>
    public ValueTask AppendAsync(DecisionRecord record, CancellationToken cancellationToken = default) =>
        _queue.Writer.WriteAsync(new Pending(Fit(record), null), cancellationToken);

    /// <summary>
    /// Cuts what a client chose (a system name, a path, a certificate serial) to the columns' sizes: one
    /// over-long value must not fail the group commit of every request batched with it (PostgreSQL refuses it).
    /// </summary>
    internal static DecisionRecord Fit(DecisionRecord record)
    {
        static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
        static string? CutOrNull(string? value, int max) => value is null ? null : Cut(value, max);
        record.Node = Cut(record.Node, 64);
        record.RequestId = Cut(record.RequestId, 40);
        record.StaffId = CutOrNull(record.StaffId, 64);
        record.StaffNumber = CutOrNull(record.StaffNumber, 32);
        record.DeviceSerial = CutOrNull(record.DeviceSerial, 64);
        record.SourceAddress = Cut(record.SourceAddress, 64);
        record.Route = CutOrNull(record.Route, 32);
        record.System = CutOrNull(record.System, 32);
        record.Method = Cut(record.Method, 16);
        record.Path = Cut(record.Path, 2048);
        record.Reasons = Cut(record.Reasons, 500);
        return record;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var records = new List<DecisionRecord>(MaxBatch);
        var reader = _queue.Reader;
        // One connection for the writer's life, its statements prepared once; renewed after a failure.
        AsyncServiceScope? scope = null;
        DecisionLogBatchWriter? sink = null;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                    records.Add(item.Record);
                }
                try
                {
                    if (sink is null)
                    {
                        scope = scopes.CreateAsyncScope();
                        sink = new DecisionLogBatchWriter(scope.Value.ServiceProvider.GetRequiredService<ZaitakuDb>());
                    }
                    await sink.AppendAsync(records, time.GetUtcNow(), CancellationToken.None);
                    _batchSize.Record(batch.Count);
                    foreach (var p in batch) p.Durable?.TrySetResult();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _failures.Add(1);
                    WriteFailed(logger, batch.Count, e);
                    foreach (var p in batch) p.Durable?.TrySetException(new DecisionLogUnavailableException(e));
                    (sink, scope) = await KeptWriter.CloseAsync(sink, scope);
                }
                batch.Clear();
                records.Clear();
                if (stoppingToken.IsCancellationRequested && reader.Count == 0) break;
            }
        }
        finally
        {
            await KeptWriter.CloseAsync(sink, scope);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Writing {Count} decision-log records failed; their requests are refused")]
    private static partial void WriteFailed(ILogger logger, int count, Exception exception);
}

/// <summary>The decision log could not be written; the request is refused (fail closed).</summary>
internal sealed class DecisionLogUnavailableException(Exception inner) : Exception("The decision log could not be written.", inner);
