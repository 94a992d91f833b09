using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using Zaitaku.Data;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>
/// Issue 5's side-by-side figure: one run on this machine, one upstream (nginx serving a 2 KB page over
/// plain keep-alive HTTP), the same connections and duration, driven by <see cref="LoadGenerator"/> presenting
/// the lent PC's certificate: (a) the upstream directly, to show the generator is not the bottleneck,
/// (b) nginx with <c>ssl_verify_client on</c>, keep-alive <c>proxy_pass</c> and its access log, (c) the Zaitaku
/// gateway (<see cref="ZaitakuGatewayTarget"/>), and (d) nginx serving the page itself over the same mutual TLS,
/// the generator's ceiling when it pays for TLS too; and the .NET stack's floor (<see cref="StackFloorTargets"/>): (e) YARP alone
/// behind Kestrel with the gateway's TLS, the twin of (b), and (f) Kestrel serving the page, the twin of (d). The targets run interleaved in rounds and the medians are
/// compared, since other work shares the machine.
/// </summary>
internal static class GatewayVsNginxScenario
{
    private const string Upstream = "upstream direct (http)";
    private const string Nginx = "nginx proxy (mTLS)";
    private const string Zaitaku = "zaitaku gateway (mTLS)";
    private const string TlsPage = "nginx page over mTLS (no proxy)";
    // The .NET stack's floor (StackFloorTargets): the twins of the two nginx rows on Kestrel, and YARP without Zaitaku.
    private const string Yarp = "yarp alone (mTLS)";
    private const string KestrelPage = "kestrel page over mTLS (no proxy)";

    /// <param name="postgres">A PostgreSQL server (<c>Host=…</c>) for the gateway's database, or null for SQLite in the temp folder
    /// (the default). With PostgreSQL a database of its own is created on that server and dropped afterwards.</param>
    public static async Task<int> RunAsync(int connections, int seconds, int warmup, int rounds, string? postgres = null, CancellationToken cancellationToken = default)
    {
        var settings = new LoadSettings(connections, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
        var folder = Directory.CreateTempSubdirectory("zaitaku-gwbench-").FullName;
        DatabaseSettings? database = null;
        string? dropName = null;
        if (postgres is not null)
        {
            if (DatabaseSettings.Parse(postgres).Provider != DatabaseProvider.Postgres)
            {
                await Console.Error.WriteLineAsync("gateway-vs-nginx --db takes a PostgreSQL connection string (Host=…); without it the gateway runs on SQLite");
                return 2;
            }
            dropName = $"zt_gwbench_{Guid.NewGuid():N}";
            await ExecuteAsync(postgres, $"CREATE DATABASE \"{dropName}\"");
            database = new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(postgres) { Database = dropName }.ConnectionString);
        }
        try
        {
            return await RunInAsync(folder, database ?? DatabaseSettings.SqliteIn(folder), settings, rounds, cancellationToken);
        }
        finally
        {
            if (dropName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(postgres!, $"DROP DATABASE IF EXISTS \"{dropName}\" WITH (FORCE)");
            }
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string statement)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> RunInAsync(string folder, DatabaseSettings database, LoadSettings settings, int rounds, CancellationToken cancellationToken)
    {
        Console.WriteLine($"gateway-vs-nginx: {settings.Connections} connections, {settings.Warmup.TotalSeconds:F0} s warm-up + {settings.Duration.TotalSeconds:F0} s measured per run, {rounds} rounds");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average before: {ProcessCpu.LoadAverage()}; nginx: {NginxServer.Executable() ?? "missing"}");
        Console.WriteLine($"gateway database: {database}");

        await using var upstream = await NginxServer.StartUpstreamAsync(Path.Combine(folder, "nginx-upstream"), cancellationToken);
        var upstreamUrl = new Uri($"http://127.0.0.1:{upstream.Port}");
        var setup = await GatewayBenchSetup.CreateAsync(folder, upstreamUrl, database, cancellationToken);
        using var clientCertificate = setup.ClientCertificate;
        using var serverCa = X509CertificateLoader.LoadCertificateFromFile(setup.ServerCaPath);
        using (var deviceCa = X509CertificateLoader.LoadCertificateFromFile(setup.DeviceCaPath))
            Console.WriteLine($"client certificate: {clientCertificate.Subject} (issued by the tenant CA {deviceCa.Subject})");

        var results = new List<LoadResult>();
        long nginxResponses = 0, nginxFailures = 0, accessLogLines;
        string? zaitakuSkipped = null;
        var proxy = await NginxServer.StartProxyAsync(Path.Combine(folder, "nginx-proxy"),
            upstreamUrl, new ProxyTls(setup.ServerCertificatePath, setup.ServerKeyPath, setup.DeviceCaPath), cancellationToken);
        try
        {
            var gateway = await ZaitakuGatewayTarget.StartAsync(setup, cancellationToken);
            if (gateway is null) zaitakuSkipped = ZaitakuGatewayTarget.NotWired;
            var yarpPort = NginxServer.FreePort();
            await using var yarp = StackFloorTargets.StartYarpAlone(setup, yarpPort, upstreamUrl);
            var kestrelPort = NginxServer.FreePort();
            await using var kestrelPage = StackFloorTargets.StartKestrelPage(setup, kestrelPort);
            try
            {
                var targets = new Dictionary<string, LoadTarget>
                {
                    [Upstream] = new() { Name = Upstream, BaseUrl = upstreamUrl, Path = "/s/docs/", ServerProcessId = upstream.ProcessId },
                    [Nginx] = new()
                    {
                        Name = Nginx, BaseUrl = new Uri($"https://127.0.0.1:{proxy.Port}"), Path = "/s/docs/",
                        ClientCertificate = setup.ClientCertificate, ServerCa = serverCa, ServerProcessId = proxy.ProcessId, UpstreamProcessId = upstream.ProcessId,
                    },
                    [TlsPage] = new()
                    {
                        Name = TlsPage, BaseUrl = new Uri($"https://127.0.0.1:{proxy.TlsStaticPort}"), Path = "/s/docs/",
                        ClientCertificate = setup.ClientCertificate, ServerCa = serverCa, ServerProcessId = proxy.ProcessId,
                    },
                    [Yarp] = new()
                    {
                        Name = Yarp, BaseUrl = new Uri($"https://127.0.0.1:{yarpPort}"), Path = "/s/docs/",
                        ClientCertificate = setup.ClientCertificate, ServerCa = serverCa, ServerProcessId = yarp.Process.Id, UpstreamProcessId = upstream.ProcessId,
                    },
                    [KestrelPage] = new()
                    {
                        Name = KestrelPage, BaseUrl = new Uri($"https://127.0.0.1:{kestrelPort}"), Path = "/s/docs/",
                        ClientCertificate = setup.ClientCertificate, ServerCa = serverCa, ServerProcessId = kestrelPage.Process.Id,
                    },
                };
                if (gateway is not null)
                {
                    targets[Zaitaku] = new()
                    {
                        Name = Zaitaku, BaseUrl = gateway.BaseUrl, Path = gateway.Path, Cookie = gateway.Cookie,
                        ClientCertificate = setup.ClientCertificate, ServerCa = serverCa, ServerProcessId = gateway.ProcessId, UpstreamProcessId = upstream.ProcessId,
                    };
                }
                Console.WriteLine();
                Console.WriteLine("| round | target | req/s | p50 ms | p99 ms | max ms | errors | server CPU s (ms/req) | upstream CPU s (ms/req) | generator CPU s (ms/req) | generator B/req | machine busy |");
                Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                for (var round = 1; round <= rounds; round++)
                {
                    // The two proxies swap places each round, so neither always follows the other; YARP alone runs after them,
                    // and each page server after its proxy's runs.
                    string[] proxies = round % 2 == 1 ? [Nginx, Zaitaku] : [Zaitaku, Nginx];
                    foreach (var name in new[] { Upstream }.Concat(proxies).Append(Yarp).Append(TlsPage).Append(KestrelPage))
                    {
                        if (!targets.TryGetValue(name, out var target)) continue;
                        var result = await LoadGenerator.RunAsync(target, settings, cancellationToken);
                        results.Add(result);
                        if (name == Nginx)
                        {
                            nginxResponses += result.Responses;
                            nginxFailures += result.Failures;
                        }
                        PrintRun(round, result);
                    }
                }
            }
            finally
            {
                if (gateway is not null) await gateway.Server.DisposeAsync();
            }
        }
        finally
        {
            // Stopping nginx flushes its buffered access log.
            await proxy.DisposeAsync();
            accessLogLines = proxy.AccessLogLines();
        }

        Console.WriteLine();
        Console.WriteLine($"medians of {rounds} round{(rounds == 1 ? "" : "s")} (server CPU: its process and children, per successful request):");
        Console.WriteLine();
        Console.WriteLine("| target | req/s | p50 ms | p99 ms | errors | server CPU ms/req |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var medians = new Dictionary<string, Summary>();
        foreach (var name in new[] { Upstream, Nginx, Zaitaku, TlsPage, Yarp, KestrelPage })
        {
            var runs = results.Where(r => r.Target == name).ToList();
            if (runs.Count == 0)
            {
                Console.WriteLine($"| {name} | not run | | | | |");
                continue;
            }
            var summary = new Summary(
                Median(runs.Select(r => r.RequestsPerSecond)),
                Median(runs.Select(r => r.Latency.Percentile(50).TotalMilliseconds)),
                Median(runs.Select(r => r.Latency.Percentile(99).TotalMilliseconds)),
                runs.Sum(r => r.Errors),
                Median(runs.Select(r => r.Succeeded == 0 ? double.NaN : r.ServerCpu.TotalMilliseconds / r.Succeeded)),
                runs.All(r => r.Valid));
            medians[name] = summary;
            Console.WriteLine($"| {name} | {summary.Rps:N0} | {summary.P50:F2} | {summary.P99:F2} | {summary.Errors:N0}{(summary.Valid ? "" : " INVALID")} | {(double.IsNaN(summary.CpuPerRequest) || summary.CpuPerRequest == 0 ? "n/a" : summary.CpuPerRequest.ToString("F3", CultureInfo.InvariantCulture))} |");
        }
        Console.WriteLine();

        var valid = medians.Values.All(s => s.Valid);
        var proxyRps = new[] { Nginx, Zaitaku }.Where(n => medians.TryGetValue(n, out var m) && m.Valid).Select(n => medians[n].Rps).DefaultIfEmpty(0).Max();
        var ceiling = proxyRps > 0 && medians.TryGetValue(Upstream, out var direct) ? direct.Rps / proxyRps : 0;
        Console.WriteLine($"generator ceiling: upstream direct / fastest proxy = {ceiling:F2}× (needs ≥ 2: {(ceiling >= 2 ? "yes" : "NO — the generator may be the bottleneck")})");
        var nginx = medians.GetValueOrDefault(Nginx);
        var zaitaku = medians.GetValueOrDefault(Zaitaku);
        if (nginx is null || zaitaku is null)
        {
            Console.WriteLine($"zaitaku / nginx: not run — {zaitakuSkipped ?? "no result"}");
        }
        else if (!nginx.Valid || !zaitaku.Valid)
        {
            Console.WriteLine("zaitaku / nginx: not compared — a run had errors (see the INVALID rows)");
        }
        else
        {
            var rpsRatio = zaitaku.Rps / nginx.Rps;
            var p99Ratio = zaitaku.P99 / nginx.P99;
            Console.WriteLine($"zaitaku / nginx: req/s {rpsRatio:F2}× (target ≥ 1.0: {(rpsRatio >= 1.0 ? "met" : "NOT met")}), p99 {p99Ratio:F2}× (target ≤ 1.5: {(p99Ratio <= 1.5 ? "met" : "NOT met")})");
            // On a shared box the generator and the upstream take the same CPU per request for both, which narrows the req/s ratio; this is the proxies' own cost.
            if (nginx.CpuPerRequest > 0 && zaitaku.CpuPerRequest > 0)
                Console.WriteLine($"zaitaku / nginx: server CPU per request {zaitaku.CpuPerRequest / nginx.CpuPerRequest:F2}× ({zaitaku.CpuPerRequest * 1000:F0} µs against {nginx.CpuPerRequest * 1000:F0} µs)");
        }
        // Where the gap is: Zaitaku's own cost over the bare stack, and the bare stack's over nginx.
        Compare("zaitaku / yarp alone (Zaitaku's own cost)", medians.GetValueOrDefault(Zaitaku), medians.GetValueOrDefault(Yarp));
        Compare("yarp alone / nginx proxy (the stack's floor)", medians.GetValueOrDefault(Yarp), nginx);
        Compare("kestrel page / nginx page (TLS and serving)", medians.GetValueOrDefault(KestrelPage), medians.GetValueOrDefault(TlsPage));
        Console.WriteLine($"access-log check: nginx logged {accessLogLines:N0} requests; the generator completed {nginxResponses:N0} responses from it (warm-up included), " +
            $"{nginxFailures:N0} failed requests: {(accessLogLines == nginxResponses ? "equal" : "DIFFERENT")}");
        Console.WriteLine($"load average after: {ProcessCpu.LoadAverage()}");
        if (!valid) Console.WriteLine("INVALID: at least one run had errors (non-2xx or failed requests); its figures do not count.");
        if (ceiling < 2) Console.WriteLine("INCONCLUSIVE: the generator did not drive the upstream twice as fast as the proxies; re-run (longer, or on a quieter machine).");
        return valid && ceiling >= 2 ? 0 : 1;
    }

    private static void Compare(string label, Summary? a, Summary? b)
    {
        if (a is null || b is null) Console.WriteLine($"{label}: not run");
        else if (!a.Valid || !b.Valid) Console.WriteLine($"{label}: not compared — a run had errors (see the INVALID rows)");
        else Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: req/s {a.Rps / b.Rps:F2}×, p99 {a.P99 / b.P99:F2}×, server CPU per request {a.CpuPerRequest / b.CpuPerRequest:F2}× ({a.CpuPerRequest * 1000:F0} µs against {b.CpuPerRequest * 1000:F0} µs)"));
    }

    private sealed record Summary(double Rps, double P50, double P99, long Errors, double CpuPerRequest, bool Valid);

    private static void PrintRun(int round, LoadResult r)
    {
        static string PerRequest(TimeSpan cpu, long requests) => cpu == TimeSpan.Zero || requests == 0 ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalSeconds:F2} ({cpu.TotalMilliseconds / Math.Max(1, requests):F3})");
        var errors = r.Valid ? r.Errors.ToString("N0", CultureInfo.InvariantCulture)
            : $"{r.Errors:N0} INVALID ({string.Join(", ", r.Statuses.Where(s => s.Key is < 200 or >= 300).Select(s => $"{s.Key}: {s.Value}"))}{(r.FirstFailure is { } f ? "; " + f : "")})";
        Console.WriteLine($"| {round} | {r.Target} | {r.RequestsPerSecond:N0} | {r.Latency.Percentile(50).TotalMilliseconds:F2} | {r.Latency.Percentile(99).TotalMilliseconds:F2} | {r.Latency.Max.TotalMilliseconds:F1} | {errors} | " +
            $"{PerRequest(r.ServerCpu, r.Succeeded)} | {PerRequest(r.UpstreamCpu, r.Succeeded)} | {PerRequest(r.GeneratorCpu, r.Succeeded)} | {(r.Succeeded == 0 ? "n/a" : (r.GeneratorAllocatedBytes / (double)r.Succeeded).ToString("F1", CultureInfo.InvariantCulture))} | {r.MachineBusy:P0} |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
