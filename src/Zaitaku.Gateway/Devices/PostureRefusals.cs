using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Zaitaku.Gateway.Devices;

/// <summary>
/// How refused and accepted posture check-ins are recorded. Refusals can come a thousand a second
/// (a lost PC retrying, a scan), so each is counted in the metric
/// <c>zaitaku.gateway.posture.refused{code}</c> (exported at /metrics) and logged as a sample: the first
/// <see cref="SampleSize"/> of each code in every <see cref="SampleWindow"/>, the next line saying how many
/// were left out. The audit trail is for people's actions and is not flooded by a machine's retries.
/// </summary>
public sealed partial class PostureRefusals(ILogger<PostureRefusals> logger)
{
    /// <summary>Lines logged per code per window.</summary>
    public const int SampleSize = 5;

    /// <summary>The sampling window.</summary>
    public static readonly TimeSpan SampleWindow = TimeSpan.FromSeconds(10);

    private static readonly Meter Meter = new("Zaitaku");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("zaitaku.gateway.posture.refused", "{report}", "Posture check-ins refused, by code");
    private static readonly Counter<long> Accepted = Meter.CreateCounter<long>("zaitaku.gateway.posture.accepted", "{report}", "Posture check-ins stored, by verdict");

    private readonly ConcurrentDictionary<string, Sample> _samples = new(StringComparer.Ordinal);

    private sealed class Sample
    {
        public long WindowStart = Stopwatch.GetTimestamp();
        public int Logged;
        public long Suppressed;
    }

    /// <summary>Counts a refusal and logs it if the sample has room.</summary>
    public void Refuse(string code, string? serial, string? tenantCode, IPAddress? remote)
    {
        Refused.Add(1, new KeyValuePair<string, object?>("code", code));
        var sample = _samples.GetOrAdd(code, _ => new Sample());
        long suppressed;
        lock (sample)
        {
            if (Stopwatch.GetElapsedTime(sample.WindowStart) >= SampleWindow)
            {
                suppressed = sample.Suppressed;
                sample.WindowStart = Stopwatch.GetTimestamp();
                sample.Logged = 0;
                sample.Suppressed = 0;
            }
            else suppressed = 0;
            if (sample.Logged >= SampleSize)
            {
                sample.Suppressed++;
                return;
            }
            sample.Logged++;
        }
        LogRefused(logger, code, serial ?? "-", tenantCode ?? "-", remote?.ToString() ?? "-", suppressed);
    }

    /// <summary>Counts a stored report.</summary>
    public static void Accept(bool compliant) => Accepted.Add(1, new KeyValuePair<string, object?>("compliant", compliant));

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning,
        Message = "Posture check-in refused: {Code} (certificate {Serial}, tenant {Tenant}, from {Remote}); {Suppressed} earlier refusal(s) with this code not logged")]
    private static partial void LogRefused(ILogger logger, string code, string serial, string tenant, string remote, long suppressed);
}
