using System.Collections.Concurrent;

namespace Zaitaku.Web.Devices;

/// <summary>
/// The fleet's at-a-glance counts per tenant, kept for <see cref="Lifetime"/>: counting overdue and
/// offered loans reads every lent PC's row, the largest part of the fleet page's time with 10,000 PCs.
/// Every device operation on this console drops the tenant's entry at once, so IT sees its own change;
/// a change made on another console node shows within the lifetime.
/// </summary>
public sealed class FleetCountsCache(TimeProvider time)
{
    /// <summary>How long counts are reused when nothing changed on this node.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, (FleetCounts Counts, DateTimeOffset At, DateOnly Day)> _entries = new();

    /// <summary>The tenant's counts, from the cache when fresh (and of the same Tokyo day), else computed and kept.</summary>
    public async Task<FleetCounts> GetAsync(Guid tenantId, Func<Task<FleetCounts>> compute)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(tenantId, out var entry) && now - entry.At < Lifetime && entry.Day == JapanTime.DateOf(now)) return entry.Counts;
        var counts = await compute();
        _entries[tenantId] = (counts, now, JapanTime.DateOf(now));
        return counts;
    }

    /// <summary>Drops the tenant's counts after a change.</summary>
    public void Invalidate(Guid? tenantId)
    {
        if (tenantId is { } id) _entries.TryRemove(id, out _);
    }
}
