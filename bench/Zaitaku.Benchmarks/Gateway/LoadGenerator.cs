using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Zaitaku.Benchmarks.Gateway;

/// <summary>What the load generator drives and how it presents itself.</summary>
internal sealed record LoadTarget
{
    /// <summary>The label printed in the table (e.g. <c>nginx</c>).</summary>
    public required string Name { get; init; }

    /// <summary><c>http://</c> or <c>https://</c> with an IP address and port; the host is also the Host header.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The request path (and query), e.g. <c>/s/docs/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The Cookie header's value to send with every request, or null for none.</summary>
    public string? Cookie { get; init; }

    /// <summary>The certificate (with its private key) presented to an https:// target.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The CA the https:// target's certificate must chain to (the only root trusted).</summary>
    public X509Certificate2? ServerCa { get; init; }

    /// <summary>The server's process (its children counted too), whose CPU time is measured; null when unknown.</summary>
    public int? ServerProcessId { get; init; }

    /// <summary>A second process measured alongside (the upstream behind a proxy); null for none.</summary>
    public int? UpstreamProcessId { get; init; }
}

/// <summary>How hard and how long to drive a target.</summary>
/// <param name="Connections">Keep-alive connections, each with one request in flight (closed loop).</param>
/// <param name="Warmup">Driven but not measured, to fill caches, pools and JITs.</param>
/// <param name="Duration">Measured.</param>
internal sealed record LoadSettings(int Connections, TimeSpan Warmup, TimeSpan Duration);

/// <summary>One run against one target.</summary>
internal sealed record LoadResult
{
    public required string Target { get; init; }
    /// <summary>2xx responses completed in the measured window.</summary>
    public required long Succeeded { get; init; }
    /// <summary>Non-2xx responses and failed requests (I/O, TLS, framing) in the measured window; a run with any is invalid.</summary>
    public required long Errors { get; init; }
    /// <summary>Every response the generator completed, warm-up and wind-down included: what the server's access log should count.</summary>
    public required long Responses { get; init; }
    /// <summary>Requests that failed before a complete response, in any phase.</summary>
    public required long Failures { get; init; }
    /// <summary>Connections opened (one per connection unless the server closed some).</summary>
    public required long Connects { get; init; }
    /// <summary>Count per status code in the measured window, non-2xx ones and 2xx alike.</summary>
    public required IReadOnlyDictionary<int, long> Statuses { get; init; }
    /// <summary>The first failure's message, to say why a run is invalid.</summary>
    public string? FirstFailure { get; init; }
    public required LatencyHistogram Latency { get; init; }
    public required double Seconds { get; init; }
    public required TimeSpan ServerCpu { get; init; }
    public required TimeSpan UpstreamCpu { get; init; }
    public required TimeSpan GeneratorCpu { get; init; }
    /// <summary>Bytes the generator's process allocated in the measured window (all threads), to show requests cost none.</summary>
    public required long GeneratorAllocatedBytes { get; init; }
    /// <summary>Fraction of all cores busy during the measured window (whole machine, other agents included).</summary>
    public required double MachineBusy { get; init; }

    public double RequestsPerSecond => Succeeded / Seconds;
    public bool Valid => Errors == 0 && Succeeded > 0;
}

/// <summary>
/// A closed-loop HTTP/1.1 load generator over raw sockets and SslStream: C keep-alive connections, each
/// sending one precomputed request at a time and reading the response just far enough to frame it. Over
/// https:// it speaks TLS 1.3 only and presents a client certificate, which wrk cannot. After the
/// connection is up a request allocates nothing: the request bytes, the read buffer, the parser and the
/// histogram belong to the connection, and its loop is one async method.
/// </summary>
internal static class LoadGenerator
{
    private const int Warming = 0, Measuring = 1, Stopping = 2;

    public static async Task<LoadResult> RunAsync(LoadTarget target, LoadSettings settings, CancellationToken cancellationToken = default)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(target.BaseUrl.Host.Trim('[', ']')), target.BaseUrl.Port);
        var request = RequestBytes(target);
        var tls = target.BaseUrl.Scheme == Uri.UriSchemeHttps ? TlsOptions(target) : null;
        var phase = new StrongBox<int>(Warming);
        var connections = Enumerable.Range(0, settings.Connections).Select(_ => new Connection(endpoint, tls, request)).ToArray();
        var running = connections.Select(c => Start(() => c.Run(phase))).ToArray();
        try
        {
            await Task.Delay(settings.Warmup, cancellationToken);
            var before = CpuSnapshot.Take(target);
            var clock = Stopwatch.StartNew();
            Volatile.Write(ref phase.Value, Measuring);
            await Task.Delay(settings.Duration, cancellationToken);
            Volatile.Write(ref phase.Value, Stopping);
            var seconds = clock.Elapsed.TotalSeconds;
            var after = CpuSnapshot.Take(target);
            await Task.WhenAll(running);

            var latency = new LatencyHistogram();
            var statuses = new long[600];
            long succeeded = 0, errors = 0, responses = 0, failures = 0, connects = 0;
            foreach (var c in connections)
            {
                latency.Add(c.Latency);
                for (var s = 0; s < statuses.Length; s++) statuses[s] += c.Statuses[s];
                succeeded += c.Succeeded;
                errors += c.Errors;
                responses += c.Responses;
                failures += c.Failures;
                connects += c.Connects;
            }
            return new LoadResult
            {
                Target = target.Name,
                Succeeded = succeeded,
                Errors = errors,
                Responses = responses,
                Failures = failures,
                Connects = connects,
                Statuses = Enumerable.Range(0, statuses.Length).Where(s => statuses[s] > 0).ToDictionary(s => s, s => statuses[s]),
                FirstFailure = connections.Select(c => c.FirstFailure).FirstOrDefault(f => f is not null),
                Latency = latency,
                Seconds = seconds,
                ServerCpu = after.Server - before.Server,
                UpstreamCpu = after.Upstream - before.Upstream,
                GeneratorCpu = after.Generator - before.Generator,
                GeneratorAllocatedBytes = after.Allocated - before.Allocated,
                MachineBusy = (double)(after.MachineBusy - before.MachineBusy) / Math.Max(1, after.MachineTotal - before.MachineTotal),
            };
        }
        finally
        {
            Volatile.Write(ref phase.Value, Stopping);
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// A thread per connection doing blocking I/O: on Linux a response then wakes its thread directly, one
    /// switch, where async sockets add an epoll thread and a thread-pool hop per response.
    /// </summary>
    private static Task Start(Action run)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                run();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "load connection" };
        thread.Start();
        return done.Task;
    }

    /// <summary>The request as sent, built once: method, path, Host, the Cookie when given.</summary>
    internal static byte[] RequestBytes(LoadTarget target)
    {
        var text = new StringBuilder();
        text.Append("GET ").Append(target.Path).Append(" HTTP/1.1\r\n");
        text.Append("Host: ").Append(target.BaseUrl.Authority).Append("\r\n");
        text.Append("Accept: text/html\r\n");
        if (target.Cookie is { } cookie) text.Append("Cookie: ").Append(cookie).Append("\r\n");
        text.Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static SslClientAuthenticationOptions TlsOptions(LoadTarget target)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = target.BaseUrl.Host,
            EnabledSslProtocols = SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        };
        if (target.ClientCertificate is { } client) options.ClientCertificateContext = SslStreamCertificateContext.Create(client, null, offline: true);
        if (target.ServerCa is { } ca)
        {
            // The server's certificate must chain to the test CA alone; the system's trust store plays no part.
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
        }
        return options;
    }

    /// <summary>One keep-alive connection with its own buffer, parser, counts and histogram (no sharing, no locks).</summary>
    private sealed class Connection(IPEndPoint endpoint, SslClientAuthenticationOptions? tls, byte[] request)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private readonly HttpResponseReader _reader = new();

        public LatencyHistogram Latency { get; } = new();
        public long[] Statuses { get; } = new long[600];
        public long Succeeded { get; private set; }
        public long Errors { get; private set; }
        public long Responses { get; private set; }
        public long Failures { get; private set; }
        public long Connects { get; private set; }
        public string? FirstFailure { get; private set; }

        public void Run(StrongBox<int> phase)
        {
            Stream? stream = null;
            try
            {
                while (Volatile.Read(ref phase.Value) != Stopping)
                {
                    try
                    {
                        stream ??= Connect();
                        var started = Stopwatch.GetTimestamp();
                        stream.Write(request);
                        ReadResponse(stream);
                        var elapsed = Stopwatch.GetTimestamp() - started;
                        Responses++;
                        if (Volatile.Read(ref phase.Value) == Measuring)
                        {
                            var status = _reader.Status;
                            Statuses[Math.Clamp(status, 0, Statuses.Length - 1)]++;
                            if (status is >= 200 and < 300)
                            {
                                Succeeded++;
                                Latency.Record(elapsed);
                            }
                            else Errors++;
                        }
                        if (_reader.CloseAfter)
                        {
                            stream.Dispose();
                            stream = null;
                        }
                    }
                    catch (Exception e) when (e is IOException or SocketException or AuthenticationException or InvalidDataException)
                    {
                        Failures++;
                        FirstFailure ??= $"{e.GetType().Name}: {e.Message}";
                        if (Volatile.Read(ref phase.Value) == Measuring) Errors++;
                        stream?.Dispose();
                        stream = null;
                        // A refused or broken target should not turn the loop into a spin.
                        Thread.Sleep(10);
                    }
                }
            }
            finally
            {
                stream?.Dispose();
            }
        }

        private Stream Connect()
        {
            // A server that stops answering fails the request (and the run) instead of hanging the thread.
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000, SendTimeout = 10_000 };
            try
            {
                socket.Connect(endpoint);
                Connects++;
                var network = new NetworkStream(socket, ownsSocket: true);
                if (tls is null) return network;
                var ssl = new SslStream(network, leaveInnerStreamOpen: false);
                try
                {
                    ssl.AuthenticateAsClient(tls);
                }
                catch
                {
                    ssl.Dispose();
                    throw;
                }
                return ssl;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>Reads until the reader has one whole response; no pipelining, so nothing may follow it.</summary>
        private void ReadResponse(Stream stream)
        {
            _reader.Reset();
            int start = 0, end = 0;
            while (true)
            {
                var read = stream.Read(_buffer.AsSpan(end));
                if (read == 0)
                {
                    _reader.EndOfStream();
                    if (_reader.IsComplete) return;
                    throw new IOException("the server closed the connection mid-response");
                }
                end += read;
                start += _reader.Consume(_buffer.AsSpan(start, end - start));
                if (_reader.IsComplete)
                {
                    if (start != end) throw new InvalidDataException("bytes after the response though only one request was sent");
                    return;
                }
                if (start == end) start = end = 0;
                else if (end == _buffer.Length)
                {
                    if (start == 0) throw new InvalidDataException("response head larger than the read buffer");
                    _buffer.AsSpan(start, end - start).CopyTo(_buffer);
                    end -= start;
                    start = 0;
                }
            }
        }
    }

    /// <summary>CPU seconds of the generator, the server (and its children), the upstream, and the whole machine.</summary>
    private sealed record CpuSnapshot(TimeSpan Generator, TimeSpan Server, TimeSpan Upstream, long MachineBusy, long MachineTotal, long Allocated)
    {
        public static CpuSnapshot Take(LoadTarget target)
        {
            var (busy, total) = ProcessCpu.MachineTicks();
            return new CpuSnapshot(
                Process.GetCurrentProcess().TotalProcessorTime,
                target.ServerProcessId is { } server ? ProcessCpu.OfTree(server) : TimeSpan.Zero,
                target.UpstreamProcessId is { } upstream ? ProcessCpu.OfTree(upstream) : TimeSpan.Zero,
                busy, total, GC.GetTotalAllocatedBytes(precise: true));
        }
    }
}
