using System.Net;
using BenchmarkDotNet.Attributes;
using Zaitaku.Access;
using Zaitaku.Devices;

namespace Zaitaku.Benchmarks.Access;

/// <summary>
/// The decision function on a realistic snapshot (1,000 staff, 1,000 lent devices, 20 systems,
/// 5 routes, a week of approvals and today's workdays). Each benchmark decides 1,024 different
/// requests per invocation, so lookups are not all served from one hot cache line.
/// decisions/second = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private const int Requests = 1024;
    private static readonly TimeSpan Tokyo = TimeSpan.FromHours(9);
    private static readonly DateOnly Today = new(2026, 12, 1);

    private readonly DateTimeOffset _now = new(2026, 12, 1, 10, 15, 0, Tokyo);
    private PolicySnapshot _snapshot = null!;
    private AccessRequest[] _allow = null!;
    private AccessRequest[] _allowLongPath = null!;
    private AccessRequest[] _deny = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new PolicySnapshotBuilder
        {
            Rules = new AccessRules { RestrictedDataClasses = ["tax", "personal"] },
        };
        builder.Routes.Add(new NetworkRoute { Id = "vpn", Kind = RouteKind.Closed, Cidrs = ["10.20.0.0/16", "10.21.0.0/16", "2001:db8:20::/48"] });
        builder.Routes.Add(new NetworkRoute { Id = "sim", Kind = RouteKind.Closed, Cidrs = ["172.16.0.0/12"] });
        builder.Routes.Add(new NetworkRoute { Id = "lte", Kind = RouteKind.Open, Cidrs = ["100.64.0.0/10"] });
        builder.Routes.Add(new NetworkRoute { Id = "home", Kind = RouteKind.Open, Cidrs = ["192.0.2.0/24", "198.51.100.0/24"] });
        builder.Routes.Add(new NetworkRoute { Id = "guest", Kind = RouteKind.Open, Cidrs = ["10.20.99.0/24"] });

        for (var s = 0; s < 20; s++)
        {
            builder.Systems.Add(new InternalSystem
            {
                Id = $"sys{s:00}",
                Segment = s switch { < 2 => Segment.MyNumber, < 16 => Segment.Lgwan, _ => Segment.Internet },
                Remote = s % 7 != 6,
                AllowOpenRoutes = s >= 18,
                DataClass = s == 5 ? "personal" : null,
                Paths = s % 3 == 0
                    ? [new PathRule { Prefix = "/tax", DataClass = "tax" }, new PathRule { Prefix = "/tax/forms", DataClass = null }, new PathRule { Prefix = "/hr", DataClass = "personal" }]
                    : [],
            });
        }

        for (var i = 0; i < 1000; i++)
        {
            var staff = $"s{i:0000}";
            builder.Staff.Add(new StaffRecord { Id = staff, Employment = i % 50 == 0 ? Employment.FiscalYear : Employment.Regular });
            builder.Devices.Add(new DeviceRecord
            {
                Serial = $"ZT-{i:00000}",
                State = DeviceState.Lent,
                AssignedTo = staff,
                PostureReportedAt = _now.AddHours(-(i % 20)),
                Compliant = true,
            });
            for (var day = -3; day <= 3; day++)
            {
                builder.Approvals.Add(new TeleworkApproval { Staff = staff, Date = Today.AddDays(day), OvertimeUntil = i % 10 == 0 ? new TimeOnly(19, 0) : null });
            }

            builder.Workdays.Add(new WorkdayRecord { Staff = staff, Date = Today, Start = new DateTimeOffset(2026, 12, 1, 8, 30 + (i % 20), 0, Tokyo) });
        }

        _snapshot = builder.Build().Value;

        // Staff who may telework (not fiscal-year) on systems open to them, from the closed routes.
        var eligible = Enumerable.Range(0, 1000).Where(i => i % 50 != 0).ToArray();
        var open = Enumerable.Range(2, 14).Where(s => s % 7 != 6 && s != 5).ToArray();
        _allow = Enumerable.Range(0, Requests).Select(n =>
        {
            var i = eligible[n * 7 % eligible.Length];
            return new AccessRequest(
                $"s{i:0000}", true, $"ZT-{i:00000}",
                IPAddress.Parse(n % 4 == 3 ? $"2001:db8:20::{n:x}" : $"10.{20 + (n % 2)}.{n % 99}.{n % 250 + 1}"),
                $"sys{open[n % open.Length]:00}", "GET", n % 3 == 0 ? "/tax/forms/blank" : "/list");
        }).ToArray();
        _allowLongPath = _allow.Select(request => request with { Path = "/docs/2026/12/%E8%B3%87%E6%96%99/./report-final.pdf?download=0&page=3" }).ToArray();

        // The typical denial: a PC at home on an open route asking for a tax page on the LGWAN.
        _deny = _allow.Select((request, n) => request with
        {
            SourceAddress = IPAddress.Parse($"100.64.{n % 200}.{n % 250 + 1}"),
            Path = "/a/../tax/2026/assessment",
        }).ToArray();

        foreach (var request in _allow.Concat(_allowLongPath))
        {
            if (!AccessPolicy.Decide(_snapshot, request, _now).Allow) throw new InvalidOperationException($"expected allow: {request}");
        }

        foreach (var request in _deny)
        {
            if (AccessPolicy.Decide(_snapshot, request, _now).Allow) throw new InvalidOperationException($"expected deny: {request}");
        }
    }

    [Benchmark(OperationsPerInvoke = Requests)]
    public int Allow() => DecideAll(_allow);

    [Benchmark(OperationsPerInvoke = Requests)]
    public int AllowLongEncodedPath() => DecideAll(_allowLongPath);

    [Benchmark(OperationsPerInvoke = Requests)]
    public int DenyOpenRouteTaxPath() => DecideAll(_deny);

    private int DecideAll(AccessRequest[] requests)
    {
        var allowed = 0;
        foreach (ref readonly var request in requests.AsSpan())
        {
            if (AccessPolicy.Decide(_snapshot, request, _now).Allow) allowed++;
        }

        return allowed;
    }
}
