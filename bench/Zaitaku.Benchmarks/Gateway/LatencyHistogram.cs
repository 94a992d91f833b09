using System.Diagnostics;
using System.Numerics;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>
/// Latencies in Stopwatch ticks, bucketed like an HDR histogram: exact below 256 ticks, then 128 buckets
/// per power of two (under 0.8 % error), so recording is one add with no allocation and any percentile
/// can be read after merging the connections' histograms.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = SubBuckets * 2;

    private readonly long[] _counts = new long[LinearLimit + (64 - SubBucketBits - 1) * SubBuckets];

    /// <summary>How many latencies were recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The largest latency recorded, in ticks.</summary>
    public long MaxTicks { get; private set; }

    /// <summary>The sum of all latencies, in ticks, for the mean.</summary>
    public long TotalTicks { get; private set; }

    public void Record(long ticks)
    {
        if (ticks < 0) ticks = 0;
        _counts[IndexOf(ticks)]++;
        Count++;
        TotalTicks += ticks;
        if (ticks > MaxTicks) MaxTicks = ticks;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        TotalTicks += other.TotalTicks;
        MaxTicks = Math.Max(MaxTicks, other.MaxTicks);
    }

    /// <summary>The p-th percentile (0..100), nearest rank, as the highest value its bucket holds.</summary>
    public TimeSpan Percentile(double p)
    {
        if (Count == 0) return TimeSpan.Zero;
        var rank = Math.Clamp((long)Math.Ceiling(p / 100 * Count), 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Ticks(Math.Min(HighestIn(i), MaxTicks));
        }
        return Ticks(MaxTicks);
    }

    public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : Ticks(TotalTicks / Count);

    public TimeSpan Max => Ticks(MaxTicks);

    private static TimeSpan Ticks(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);

    internal static int IndexOf(long value)
    {
        if (value < LinearLimit) return (int)value;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits;
        return LinearLimit + (shift - 1) * SubBuckets + (int)(value >> shift) - SubBuckets;
    }

    internal static long HighestIn(int index)
    {
        if (index < LinearLimit) return index;
        var shift = (index - LinearLimit) / SubBuckets + 1;
        var top = (long)((index - LinearLimit) % SubBuckets + SubBuckets);
        return (top << shift) + (1L << shift) - 1;
    }
}
