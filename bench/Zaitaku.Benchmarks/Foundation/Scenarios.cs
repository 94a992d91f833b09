namespace Zaitaku.Benchmarks.Foundation;

/// <summary>End-to-end timings of a real server on loopback, printed as a table for docs/performance.md.</summary>
internal static class Scenarios
{
    public static async Task<int> RunAsync(string[] args)
    {
        var name = args.FirstOrDefault() ?? "";
        // Flags without a value (posture --resume) are taken out before the --name value pairs are read.
        var flags = args.Skip(1).Where(a => a == "--resume").ToHashSet(StringComparer.Ordinal);
        // A name given twice takes its last value, so that a script's defaults can be overridden by its arguments.
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in args.Skip(1).Where(a => !flags.Contains(a)).Chunk(2).Where(c => c.Length == 2)) options[pair[0].TrimStart('-')] = pair[1];
        int Option(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        switch (name)
        {
            case "staff":
                await StaffScenario.RunAsync(Option("rows", 50_000), Option("requests", 400), options.GetValueOrDefault("db"));
                return 0;
            case "work-presence":
                await Work.WorkScenarios.PresenceAsync(Option("watchers", 1_000), Option("changes", 40), options.GetValueOrDefault("db"));
                return 0;
            case "work-close-month":
                await Work.WorkScenarios.CloseMonthAsync(Option("staff", 20_000), options.GetValueOrDefault("db"));
                return 0;
            case "work-bulk-approve":
                await Work.WorkScenarios.BulkApproveAsync(Option("requests", 500), Option("runs", 5), options.GetValueOrDefault("db"));
                return 0;
            case "posture":
                await Devices.PostureScenario.RunAsync(Option("pcs", 100), Option("concurrency", 32), Option("seconds", 20), Option("warmup", 20), options.GetValueOrDefault("db"), flags.Contains("--resume"), options.GetValueOrDefault("generator", "dotnet"));
                return 0;
            case "fleet":
                await Devices.FleetScenario.RunAsync(Option("pcs", 10_000), Option("requests", 400), options.GetValueOrDefault("db"));
                return 0;
            case "gateway-host": // child process of the posture scenario
                await Devices.PostureScenario.GatewayHostAsync(options["db"], Option("port", 0), options["cert"], options["key"]);
                return 0;
            case "tls-null": // child process of the posture scenario
                await Devices.PostureScenario.NullServerAsync(Option("port", 0), options["cert"], options["key"]);
                return 0;
            case "kestrel-page": // child process of gateway-vs-nginx
                await Gateway.StackFloorTargets.KestrelPageAsync(Option("port", 0), options["cert"], options["key"], options["ca"]);
                return 0;
            case "yarp-alone": // child process of gateway-vs-nginx
                await Gateway.StackFloorTargets.YarpAloneAsync(Option("port", 0), options["cert"], options["key"], options["ca"], options["upstream"]);
                return 0;
            case "reports": await Reports.ReportsScenario.RunAsync(Option("staff", 20_000), Option("runs", 20), options.GetValueOrDefault("db")); return 0;
            case "gateway-vs-nginx": return await Gateway.GatewayVsNginxScenario.RunAsync(Option("connections", 32), Option("seconds", 15), Option("warmup", 3), Option("rounds", 3), options.GetValueOrDefault("db"));
            case "gateway-revocation":
                return await Gateway.RevocationScenario.RunAsync(Option("trials", 100), options.GetValueOrDefault("db"), Option("trust-interval-ms", 1000), Option("poll-ms", 5));
            case "capacity":
                await Tasks.CapacityScenario.RunAsync(Option("runs", 10), options.GetValueOrDefault("db"));
                return 0;
            case "decisions": await Decisions.DecisionLogScenario.RunAsync(Option("requests", 1_000_000), Option("samples", 20), options.GetValueOrDefault("db")); return 0;
            default:
                await Console.Error.WriteLineAsync("scenarios: staff [--rows 50000] [--requests 400] [--db CONNECTION] | posture [--pcs 100] [--concurrency 32] [--seconds 20] [--warmup 20] [--resume] [--generator dotnet|ab] [--db CONNECTION] | fleet [--pcs 10000] [--requests 400] [--db CONNECTION]"
                    + " | work-presence [--watchers 1000] [--changes 40] [--db …] | work-close-month [--staff 20000] [--db …] | work-bulk-approve [--requests 500] [--runs 5] [--db …]"
                    + " | capacity [--runs 10] [--db CONNECTION] | reports [--staff 20000] [--runs 20] [--db …]"
                    + " | gateway-vs-nginx [--connections 32] [--seconds 15] [--warmup 3] [--rounds 3] [--db POSTGRES] | gateway-revocation --db …");
                return 2;
        }
    }

    /// <summary>The p-th percentile (0..100) of sorted samples, nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
