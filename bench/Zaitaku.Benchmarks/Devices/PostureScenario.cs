using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Data;
using Zaitaku.Devices.Posture;
using Zaitaku.Gateway;
using Zaitaku.Server.Hosting;

namespace Zaitaku.Benchmarks.Devices;

/// <summary>
/// Issue 3's posture figure: check-ins per second, each on its own new mutual-TLS connection (by default a
/// full handshake, no session resumption; with <c>--resume</c> each connection offers the TLS 1.3 session
/// ticket the PC got at its previous check-in, as an agent that keeps running would) with a device certificate
/// the console issued, each report stored.
/// The gateway runs in a child process (as <c>zaitaku serve --roles gateway</c> would), so its CPU and the
/// load generator's are measured apart. The same generator is then pointed at a minimal mutual-TLS
/// server (same TLS settings, no Zaitaku work) to show how far the generator itself can go.
/// </summary>
internal static class PostureScenario
{
    public static async Task RunAsync(int pcs, int concurrency, int seconds, int warmup, string? connection, bool resume = false, string generator = "dotnet")
    {
        var folder = Directory.CreateTempSubdirectory("zaitaku-posture-").FullName;
        var database = connection is null ? DatabaseSettings.SqliteIn(folder) : DatabaseSettings.Parse(connection);
        await DatabaseSetup.MigrateAsync(database, TimeProvider.System);
        var certificates = new List<X509Certificate2>();
        BenchDevices.Tenant tenant;
        await using (var console = ConsoleHost.Build(new ServerOptions { Database = database, ConsoleUrl = "http://127.0.0.1:0", LogLevel = LogLevel.Warning }))
        {
            tenant = await BenchDevices.SeedAsync(console.Services);
            for (var n = 0; n < pcs; n++) certificates.Add(await BenchDevices.LentPcAsync(console.Services, tenant, $"PC-{n + 1:D5}"));
        }
        var (_, serverCertificate, serverKey) = GatewayHost.WriteDemoCertificate(folder, DateTimeOffset.UtcNow, "127.0.0.1", "localhost");
        using var server = X509Certificate2.CreateFromPem(File.ReadAllText(serverCertificate));
        var body = Encoding.UTF8.GetBytes(PostureReportJson.Write(new PostureReport
        {
            OsBuild = "10.0.22631.4460", AntivirusDefinitionsDate = JapanTime.Today(TimeProvider.System), DiskEncrypted = true,
            UserDataStoredLocally = false, ScreenCaptureBlocked = true, AgentVersion = "1.4.0", ReportedAt = DateTimeOffset.UtcNow,
        }));

        if (generator == "ab" && resume) throw new ArgumentException("--generator ab makes full handshakes only (ab keeps no TLS session)");
        if (resume && (pcs > MaxResumingPcs || concurrency > MaxResumingPcs))
        {
            // One connection at a time per PC, as a real PC makes: two connections offering the same ticket at once
            // lose it now and then (measured: 12-17 % full handshakes with 32 clients on 24 PCs, none with 24 on 24).
            concurrency = Math.Min(concurrency, MaxResumingPcs);
            Console.WriteLine($"--resume: the generator presents the certificates of {Math.Min(pcs, MaxResumingPcs)} of the {pcs} PCs with {concurrency} clients, each PC from one client " +
                "(one .NET process keeps resumable sessions for about 30 client certificates at most)");
        }
        Console.WriteLine($"database: {database.Provider}; {pcs} PCs with certificates issued by the tenant CA; {concurrency} concurrent clients; {warmup} s of warm-up (the JIT's tiers settle), then {seconds} s measured per run; " +
            (resume ? "each check-in a new connection OFFERING ITS PC'S TLS SESSION (resumption, --resume)" : "each check-in a new connection with a FULL HANDSHAKE (no resumption)"));
        if (generator == "ab")
        {
            Console.WriteLine($"generator: ab (ApacheBench, {AbGenerator.Binary()}), {AbProcesses(pcs, concurrency)} processes with {concurrency / AbProcesses(pcs, concurrency)} connections each, " +
                "one PC's certificate per process; a new connection and a full handshake per check-in (ab keeps no TLS session)");
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average before: {LoadAverage()}; LD_LIBRARY_PATH={Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "(not set: the system's OpenSSL)"}; " +
            $"servers' first-generation budget DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "(not set: the runtime's default)"}");

        var gatewayPort = FreePort();
        await using (var gateway = Gateway.BenchChild.Start("gateway-host", "--db", database.ConnectionString, "--port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--cert", serverCertificate, "--key", serverKey))
        {
            var endpoint = new IPEndPoint(IPAddress.Loopback, gatewayPort);
            var run = generator == "ab"
                ? await AbLoadAsync(folder, endpoint, certificates, body, pcs, concurrency, warmup, seconds, gateway.Process)
                : await LoadAsync(endpoint, certificates, server, body, concurrency, warmup, seconds, gateway.Process, resume);
            var openSsl = LibSsl(gateway.Process.Id);
            await gateway.StopAsync();
            await using var db = DatabaseSetup.Open(database, TimeProvider.System);
            var stored = await db.PostureReports.IgnoreQueryFilters().LongCountAsync();
            Report("gateway (POST /device/posture, stored)", run);
            Console.WriteLine($"  OpenSSL: the gateway {openSsl}; this generator process {LibSsl(Environment.ProcessId)}");
            Console.WriteLine($"  reports stored in the database: {stored:N0} (answered 200: {run.Ok + run.WarmupOk:N0}, warm-up included)");
        }

        var nullPort = FreePort();
        await using (var nullServer = Gateway.BenchChild.Start("tls-null", "--port", nullPort.ToString(CultureInfo.InvariantCulture), "--cert", serverCertificate, "--key", serverKey))
        {
            var endpoint = new IPEndPoint(IPAddress.Loopback, nullPort);
            var run = generator == "ab"
                ? await AbLoadAsync(folder, endpoint, certificates, body, pcs, concurrency, warmup, seconds, nullServer.Process)
                : await LoadAsync(endpoint, certificates, server, body, concurrency, warmup, seconds, nullServer.Process, resume);
            await nullServer.StopAsync();
            Report("minimal mutual-TLS server (same TLS, answers 200, stores nothing)", run);
        }
        if (generator == "ab")
        {
            // The native reference: the same full mutual-TLS handshake in C (nginx on this machine's OpenSSL), nothing stored.
            var deviceCa = await BenchDevices.WriteCaPemAsync(database, tenant.Id, Path.Combine(folder, "device-ca.pem"));
            var nginxFolder = Directory.CreateDirectory(Path.Combine(folder, "nginx")).FullName;
            await using var nginx = await Gateway.NginxServer.StartHandshakeReferenceAsync(nginxFolder, new Gateway.ProxyTls(serverCertificate, serverKey, deviceCa), CancellationToken.None);
            using var master = Process.GetProcessById(nginx.ProcessId);
            var run = await AbLoadAsync(folder, new IPEndPoint(IPAddress.Loopback, nginx.Port), certificates, body, pcs, concurrency, warmup, seconds, master, tree: true);
            Report("nginx (same mutual TLS, a full handshake per check-in, answers 200, stores nothing; C on the same OpenSSL)", run);
            Console.WriteLine($"  OpenSSL: nginx {LibSsl(nginx.ProcessId)}");
        }
        Console.WriteLine($"load average after: {LoadAverage()}");
        foreach (var certificate in certificates) certificate.Dispose();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private sealed record Run(long Ok, long WarmupOk, long Failed, Dictionary<int, long> Statuses, List<double> Latencies, double Seconds,
        TimeSpan GeneratorCpu, TimeSpan ServerCpu, double MachineBusy, string? Tls, long Resumed, long Handshakes);

    private static void Report(string target, Run run)
    {
        run.Latencies.Sort();
        var rate = run.Ok / run.Seconds;
        Console.WriteLine($"{target}:");
        Console.WriteLine($"  TLS: {run.Tls ?? "none"}, server and client certificates ECDSA P-256; measured handshakes: {run.Handshakes - run.Resumed:N0} full, {run.Resumed:N0} resumed");
        Console.WriteLine($"  {rate:N0} check-ins/s ({run.Ok:N0} in {run.Seconds:F1} s), failed {run.Failed:N0} {string.Join(" ", run.Statuses.Where(s => s.Key != 200).Select(s => $"[{s.Key}: {s.Value}]"))}");
        if (run.Latencies.Count > 0)
        {
            Console.WriteLine($"  latency (connect + handshake + request): p50 {Scenarios.Percentile(run.Latencies, 50):F1} ms, p95 {Scenarios.Percentile(run.Latencies, 95):F1} ms, p99 {Scenarios.Percentile(run.Latencies, 99):F1} ms");
        }
        var cores = run.Seconds;
        Console.WriteLine($"  CPU: server {run.ServerCpu.TotalSeconds / cores:F2} cores ({run.ServerCpu.TotalMilliseconds / Math.Max(1, run.Ok):F2} ms per check-in), " +
            $"load generator {run.GeneratorCpu.TotalSeconds / cores:F2} cores ({run.GeneratorCpu.TotalMilliseconds / Math.Max(1, run.Ok):F2} ms per check-in); " +
            $"whole machine busy {run.MachineBusy:P0} of {Environment.ProcessorCount} cores");
    }

    /// <summary>How many PCs one generator process can hold resumable TLS sessions for (see <see cref="LoadAsync"/>).</summary>
    private const int MaxResumingPcs = 24;

    /// <summary>Runs the clients: <paramref name="warmup"/> seconds of warm-up, then <paramref name="seconds"/> measured.</summary>
    private static async Task<Run> LoadAsync(IPEndPoint endpoint, List<X509Certificate2> certificates, X509Certificate2 serverCertificate, byte[] body,
        int concurrency, int warmup, int seconds, Process server, bool resume)
    {
        var serverThumbprint = serverCertificate.GetCertHashString();
        // A full handshake carries the server's certificate; everything a resumed one sends is smaller than it.
        var fullHandshakeAtLeast = serverCertificate.RawData.Length;
        var request = Encoding.ASCII.GetBytes($"POST /device/posture HTTP/1.1\r\nHost: 127.0.0.1:{endpoint.Port}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n")
            .Concat(body).ToArray();
        // .NET on Linux keeps the TLS sessions of a client certificate in an OpenSSL context of its own and drops idle contexts
        // once it holds about 30 (measured: 30 certificates in rotation resume, 31 never do). A real PC is one process with
        // one certificate; one generator process standing for many PCs resumes only with at most MaxResumingPcs of them.
        var used = resume ? certificates.Take(MaxResumingPcs) : certificates;
        var contexts = used.Select(c => SslStreamCertificateContext.Create(c, null, offline: true)).ToArray();
        var measuring = false;
        var stop = false;
        long ok = 0, warmupOk = 0, failed = 0, resumed = 0, handshakes = 0;
        var statuses = new Dictionary<int, long>();
        var latencies = new List<double>();
        string? tls = null;
        async Task WorkerAsync(int index)
        {
            var buffer = new byte[8192];
            // Each PC checks in from one worker only, one connection at a time, as a real PC does (and so a PC's
            // session ticket is never offered twice at once); with more workers than PCs they share.
            var own = concurrency <= contexts.Length ? contexts.Where((_, i) => i % concurrency == index).ToArray() : contexts;
            var n = concurrency <= contexts.Length ? 0 : index;
            while (!Volatile.Read(ref stop))
            {
                var started = Stopwatch.GetTimestamp();
                var status = 0;
                var wasResumed = false;
                try
                {
                    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(endpoint);
                    var counted = new ReadCountingStream(new NetworkStream(socket, ownsSocket: true));
                    await using var ssl = new SslStream(counted, false);
                    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        // .NET keeps client sessions by host name, never for an address: resumption needs a name.
                        TargetHost = resume ? "localhost" : "127.0.0.1",
                        ClientCertificateContext = own[n++ % own.Length],
                        // By default every check-in is a full handshake, as a PC waking up would make; --resume offers
                        // the session ticket of the same PC's previous check-in (.NET keeps one per client certificate).
                        AllowTlsResume = resume,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        // The gateway's certificate is pinned by its hash (the agent checks it against the CA instead),
                        // so the chain TLS builds first need not search the system's trust store.
                        RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == serverThumbprint,
                        CertificateChainPolicy = GatewayHost.PresentedChainPolicy,
                    });
                    wasResumed = counted.BytesRead < fullHandshakeAtLeast;
                    if (tls is null) Interlocked.CompareExchange(ref tls, $"{ssl.SslProtocol} {ssl.NegotiatedCipherSuite}", null);
                    await ssl.WriteAsync(request);
                    var length = 0;
                    int read;
                    // Full-handshake runs read to the end of the stream, as they always did; resumed runs stop at the end of
                    // the answer, as HttpClient (an agent) does.
                    while ((read = await ssl.ReadAsync(buffer.AsMemory(length, buffer.Length - length))) > 0)
                    {
                        length = Math.Min(length + read, buffer.Length - 1024);
                        if (resume && AnswerComplete(buffer.AsSpan(0, length))) break;
                    }
                    var text = Encoding.ASCII.GetString(buffer, 0, Math.Min(length, 16));
                    status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture) : -1;
                }
                catch (Exception e) when (e is IOException or SocketException or AuthenticationException)
                {
                    status = -1;
                }
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (statuses)
                {
                    if (!measuring)
                    {
                        if (status == 200) warmupOk++;
                        continue;
                    }
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status != -1)
                    {
                        handshakes++;
                        if (wasResumed) resumed++;
                    }
                    if (status == 200)
                    {
                        ok++;
                        latencies.Add(elapsed);
                    }
                    else failed++;
                }
            }
        }
        var workers = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => WorkerAsync(i))).ToArray();
        // Tier-0 code and the JIT's own work would be counted as the server's cost on a loaded machine otherwise.
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var self = Process.GetCurrentProcess();
        self.Refresh();
        server.Refresh();
        var (busy0, total0) = MachineTicks();
        var generator0 = self.TotalProcessorTime;
        var server0 = server.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        lock (statuses) measuring = true;
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        lock (statuses) measuring = false;
        var elapsed = clock.Elapsed.TotalSeconds;
        self.Refresh();
        server.Refresh();
        var (busy1, total1) = MachineTicks();
        var generatorCpu = self.TotalProcessorTime - generator0;
        var serverCpu = server.TotalProcessorTime - server0;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        return new Run(ok, warmupOk, failed, statuses, latencies, elapsed, generatorCpu, serverCpu, (double)(busy1 - busy0) / Math.Max(1, total1 - total0), tls, resumed, handshakes);
    }

    /// <summary>Which libssl a process has loaded (its path, from /proc/PID/maps): the OpenSSL that did its TLS.</summary>
    internal static string LibSsl(int processId)
    {
        var maps = $"/proc/{processId}/maps";
        if (!File.Exists(maps)) return "n/a";
        var path = File.ReadLines(maps).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6 && f[5].Contains("libssl.so", StringComparison.Ordinal))
            .Select(f => f[5]).FirstOrDefault();
        return path ?? "no libssl loaded yet";
    }

    /// <summary>ab processes: one per PC, at most 8, and at least one connection each.</summary>
    private static int AbProcesses(int pcs, int concurrency) => Math.Max(1, Math.Min(Math.Min(pcs, 8), concurrency));

    /// <summary>The same measurement with ab as the generator: a warm-up run, then the measured run.</summary>
    private static async Task<Run> AbLoadAsync(string folder, IPEndPoint endpoint, List<X509Certificate2> certificates, byte[] body,
        int pcs, int concurrency, int warmup, int seconds, Process server, bool tree = false)
    {
        // nginx works in child processes of its master: count the whole tree.
        TimeSpan ServerCpu()
        {
            server.Refresh();
            return tree ? Gateway.ProcessCpu.OfTree(server.Id) : server.TotalProcessorTime;
        }

        var processes = AbProcesses(pcs, concurrency);
        var each = Math.Max(1, concurrency / processes);
        var warm = warmup > 0 ? await AbGenerator.RunAsync(folder, endpoint, certificates, body, processes, each, warmup, "warmup") : null;
        var (busy0, total0) = MachineTicks();
        var server0 = ServerCpu();
        var run = await AbGenerator.RunAsync(folder, endpoint, certificates, body, processes, each, seconds, "measured");
        var server1 = ServerCpu();
        var (busy1, total1) = MachineTicks();
        var ok = run.Ok;
        return new Run(ok, warm?.Ok ?? 0, run.Failed, run.Statuses, run.Latencies, run.Seconds, run.GeneratorCpu, server1 - server0,
            (double)(busy1 - busy0) / Math.Max(1, total1 - total0), run.Tls is null ? null : $"{run.Tls} (as ab reports it)", 0, ok + run.Failed);
    }

    /// <summary>Whether a whole HTTP/1.1 answer is in the buffer (Content-Length or chunked framing).</summary>
    private static bool AnswerComplete(ReadOnlySpan<byte> answer)
    {
        var end = answer.IndexOf("\r\n\r\n"u8);
        if (end < 0) return false;
        var head = Encoding.ASCII.GetString(answer[..end]);
        var at = head.IndexOf("\r\nContent-Length:", StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            var value = head.AsSpan(at + 17);
            var stop = value.IndexOf('\r');
            return answer.Length - end - 4 >= int.Parse(stop < 0 ? value : value[..stop], CultureInfo.InvariantCulture);
        }
        return answer.EndsWith("\r\n0\r\n\r\n"u8);
    }

    /// <summary>Child mode: the gateway host, as <c>zaitaku serve --roles gateway</c> runs it.</summary>
    public static async Task GatewayHostAsync(string connection, int port, string certificate, string key)
    {
        await using var app = GatewayHost.Build(
            new ServerOptions { Database = DatabaseSettings.Parse(connection), LogLevel = LogLevel.Warning },
            new GatewayHostOptions { Url = $"https://127.0.0.1:{port}", CertificatePath = certificate, KeyPath = key });
        await GatewayApp.WarmUpAsync(app.Services);
        await app.StartAsync();
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync();
    }

    /// <summary>Child mode: Kestrel with the gateway's TLS settings and a handler that reads the report and answers 200.</summary>
    public static async Task NullServerAsync(int port, string certificate, string key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var serverCertificate = GatewayHost.LoadCertificate(certificate, key);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = serverCertificate;
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.CheckCertificateRevocation = false;
            https.ClientCertificateValidation = static (_, _, _) => true;
            https.OnAuthenticate = static (_, ssl) => ssl.CertificateChainPolicy = GatewayHost.PresentedChainPolicy;
        })));
        await using var app = builder.Build();
        app.MapPost("/device/posture", static async (HttpContext context) =>
        {
            if (context.Connection.ClientCertificate is null) return Results.StatusCode(401);
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync();
            return Results.Text("{\"stored\":false}", "application/json");
        });
        await app.StartAsync();
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync();
    }

    /// <summary>Counts the bytes read through it, to tell a resumed handshake from a full one.</summary>
    private sealed class ReadCountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Busy and total jiffies of all CPUs (Linux), to show how loaded the machine was.</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        if (!File.Exists("/proc/stat")) return (0, 1);
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }
}
