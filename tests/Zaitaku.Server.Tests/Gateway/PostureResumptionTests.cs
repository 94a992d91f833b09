using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Devices;
using Zaitaku.Devices.Pki;
using Zaitaku.Devices.Posture;
using Zaitaku.Gateway;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Devices;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>
/// Posture check-ins whose new mutual-TLS connection resumes the PC's earlier TLS 1.3 session (the session
/// ticket an agent that keeps running holds), over real TLS on loopback: the certificate the gateway judges
/// is the one the session was made with, and it is judged again (revocation, tenant) on every check-in.
/// Whether a connection resumed is read from the wire: a full handshake carries the gateway's certificate,
/// a resumed one does not.
/// </summary>
public sealed class PostureResumptionTests
{
    private static string Report(DateTimeOffset now) => PostureReportJson.Write(new PostureReport
    {
        OsBuild = "10.0.22631.4460",
        AntivirusDefinitionsDate = JapanTime.DateOf(now).AddDays(-1),
        DiskEncrypted = true,
        UserDataStoredLocally = false,
        ScreenCaptureBlocked = true,
        AgentVersion = "1.4.0",
        ReportedAt = now,
    });

    private sealed record CheckIn(HttpStatusCode Status, JsonElement Body, bool Resumed);

    /// <summary>
    /// One check-in on a new TCP + TLS connection that offers the session this process holds for the PC's
    /// certificate (.NET keeps client sessions per certificate and host name, so the name is "localhost").
    /// </summary>
    private static async Task<CheckIn> CheckInAsync(GatewayServer gateway, X509Certificate2 certificate, string body)
    {
        long handshakeBytes = 0;
        var serverCertificateBytes = 0;
        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            // TLS is made here, not by the handler, to count what the gateway sent during the handshake.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, gateway.Address.Port, cancellationToken);
                var counted = new ReadCountingStream(new NetworkStream(socket, ownsSocket: true));
                var ssl = new SslStream(counted);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ClientCertificateContext = SslStreamCertificateContext.Create(certificate, null, offline: true),
                    AllowTlsResume = true,
                    RemoteCertificateValidationCallback = (_, server, _, _) =>
                    {
                        serverCertificateBytes = server?.GetRawCertData().Length ?? 0;
                        return server is not null && PostureCheckInTrust.Trusted(server, gateway.ServerCa);
                    },
                }, cancellationToken);
                handshakeBytes = counted.BytesRead;
                return ssl;
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.PostAsync(new Uri($"http://localhost:{gateway.Address.Port}/device/posture"), new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(serverCertificateBytes > 0, "the gateway's certificate was not seen");
        // Everything a resumed handshake sends (ServerHello, encrypted extensions, Finished) is smaller than the certificate alone.
        return new CheckIn(response.StatusCode, answer, handshakeBytes < serverCertificateBytes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_ResumedSessionOfAPcReportedLost_RefusedAsRevokedAndLogged_NothingStored(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var pc = await devices.CreateAsync("TS-PC-0101", DeviceState.Lent);
        using var certificate = devices.LastCertificate();
        await using var gateway = await GatewayServer.StartAsync(server);
        var log = new CapturedLog();
        gateway.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(log);
        var now = server.Time.GetUtcNow();

        var first = await CheckInAsync(gateway, certificate, Report(now));
        var second = await CheckInAsync(gateway, certificate, Report(now));
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.TenantScope.SetActor(seed.StaffLogin.UserId, "1006 伊藤 恵子");
            Assert.True((await scoped.Services.GetRequiredService<DeviceService>().ReportLostAsync(pc.Id, "電車に置き忘れ", new DeviceCaller(seed.StaffLogin.StaffId, false))).IsOk);
        }
        var afterLoss = await CheckInAsync(gateway, certificate, Report(now));

        Assert.Equal((HttpStatusCode.OK, false), (first.Status, first.Resumed));
        Assert.Equal((HttpStatusCode.OK, true), (second.Status, second.Resumed));
        Assert.True(afterLoss.Resumed, "the check-in after the loss report should have offered and resumed the earlier session");
        Assert.Equal((HttpStatusCode.Forbidden, "certificate_revoked"), (afterLoss.Status, afterLoss.Body.GetProperty("code").GetString()));
        var serial = CertificateSerial.Normalize(certificate.SerialNumber)!;
        Assert.Contains(log.Lines, l => l.EventId == 5201 && l.Message.Contains("certificate_revoked", StringComparison.Ordinal)
            && l.Message.Contains($"certificate {serial}, tenant 131001", StringComparison.Ordinal));
        using var db = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(2, await db.Db.PostureReports.AsNoTracking().CountAsync(p => p.DeviceId == pc.Id));
    }

    [Fact]
    public async Task CheckIn_TwoPcsResumingFromOneProcess_EachReportIsStoredAsItsOwnPc()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var pcA = await devices.CreateAsync("TS-PC-0201", DeviceState.Lent);
        using var certificateA = devices.LastCertificate();
        var pcB = await devices.CreateAsync("TS-PC-0202", DeviceState.Lent);
        using var certificateB = devices.LastCertificate();
        await using var gateway = await GatewayServer.StartAsync(server);
        var now = server.Time.GetUtcNow();

        // A, B, A, B, B, A: after the first two every connection can resume, each offering the session of its own certificate.
        var order = new[] { (certificateA, "TS-PC-0201"), (certificateB, "TS-PC-0202"), (certificateA, "TS-PC-0201"), (certificateB, "TS-PC-0202"), (certificateB, "TS-PC-0202"), (certificateA, "TS-PC-0201") };
        var answers = new List<(CheckIn CheckIn, string Expected)>();
        foreach (var (certificate, tag) in order) answers.Add((await CheckInAsync(gateway, certificate, Report(now)), tag));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, a.Expected), (a.CheckIn.Status, a.CheckIn.Body.GetProperty("assetTag").GetString())));
        Assert.Equal([false, false, true, true, true, true], answers.Select(a => a.CheckIn.Resumed));
        using var db = server.OpenDb(seed.Tenant.Id);
        var stored = await db.Db.PostureReports.AsNoTracking().ToListAsync();
        Assert.Equal(3, stored.Count(p => p.DeviceId == pcA.Id && p.CertificateSerial == certificateA.SerialNumber));
        Assert.Equal(3, stored.Count(p => p.DeviceId == pcB.Id && p.CertificateSerial == certificateB.SerialNumber));
        Assert.Equal(6, stored.Count);
    }

    [Fact]
    public async Task CheckIn_ResumedSessionOfAnotherTenantsPc_RefusedEveryTime_NothingStored()
    {
        await using var server = await ConsoleServer.StartAsync();
        await TenantSeed.CreateAsync(server, "131001", "アルファ市", "A");
        var b = await TenantSeed.CreateAsync(server, "131002", "ベータ町", "B");
        var bDevices = await new DeviceSeed(server, b).PrepareAsync();
        await bDevices.CreateAsync("B-PC-0001", DeviceState.Lent, b.StaffLogin.StaffId);
        using var bCertificate = bDevices.LastCertificate();
        await using var gateway = await GatewayServer.StartAsync(server, new GatewayOptions { TenantCodes = ["131001"], TrustRefreshInterval = TimeSpan.Zero });
        var now = server.Time.GetUtcNow();

        var first = await CheckInAsync(gateway, bCertificate, Report(now));
        var resumed = await CheckInAsync(gateway, bCertificate, Report(now));

        // TLS accepts any certificate (Zaitaku answers the refusal in JSON), so the session exists and is resumed; the answer stays no.
        Assert.Equal((HttpStatusCode.Forbidden, "certificate_not_issued_by_tenant_ca", false), (first.Status, first.Body.GetProperty("code").GetString(), first.Resumed));
        Assert.Equal((HttpStatusCode.Forbidden, "certificate_not_issued_by_tenant_ca", true), (resumed.Status, resumed.Body.GetProperty("code").GetString(), resumed.Resumed));
        using var db = server.OpenDb(b.Tenant.Id);
        Assert.Empty(await db.Db.PostureReports.AsNoTracking().ToListAsync());
    }

    /// <summary>Counts the bytes read through it (what the peer sent).</summary>
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

    /// <summary>Keeps every log line written through the logger factory it is added to.</summary>
    private sealed class CapturedLog : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<(int EventId, string Message)> Lines { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Writer(Lines);

        public void Dispose()
        {
        }

        private sealed class Writer(System.Collections.Concurrent.ConcurrentQueue<(int, string)> lines) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((eventId.Id, formatter(state, exception)));
        }
    }
}

/// <summary>The gateway's certificate checked against the test CA (no name check: the client connects by address).</summary>
internal static class PostureCheckInTrust
{
    public static bool Trusted(X509Certificate server, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(server);
        return chain.Build(presented);
    }
}
