using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Access;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Devices;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Gateway;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Systems;
using Zaitaku.Testing;

namespace Zaitaku.Server.Tests.Gateway;

/// <summary>A gateway answer as a PC's browser gets it.</summary>
internal sealed record GatewayPage(HttpStatusCode Status, string Html, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders)
{
    private static readonly HtmlParser Parser = new();
    private IHtmlDocument? _document;

    public IHtmlDocument Document => _document ??= Parser.ParseDocument(Html);

    public string Text => Document.Body?.TextContent ?? "";

    /// <summary>The reason codes a denial page lists, in order.</summary>
    public IReadOnlyList<string> Reasons => Document.QuerySelectorAll("[data-testid=reasons] li code").Select(c => c.TextContent.Trim()).ToList();

    /// <summary>The request id a denial or block page shows.</summary>
    public string? RequestId => Document.QuerySelector("[data-testid=request-id]")?.TextContent.Trim();

    /// <summary>The request id the gateway put on the response.</summary>
    public string? HeaderRequestId => Headers.TryGetValues("X-Request-Id", out var values) ? values.First() : null;

    public string? Location => Headers.Location?.OriginalString;

    public string AntiforgeryToken => Regex.Match(Html, "name=\"__af\" value=\"([^\"]+)\"").Groups[1].Value;
}

/// <summary>
/// A telework PC's browser: mutual TLS with the PC's certificate (or none), from a chosen loopback
/// address, cookies kept by hand so a test can replay them, raw paths sent exactly as written.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    private readonly GatewayServer _gateway;
    private readonly HttpClient _http;

    public GatewayClient(GatewayServer gateway, X509Certificate2? certificate, IPAddress? from = null)
    {
        _gateway = gateway;
        var local = from ?? IPAddress.Loopback;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, server, _, _) => Trusted(server, gateway.ServerCa),
            },
            // Connects from the address asked (127.0.0.2 plays the VPN concentrator, 127.0.0.3 a stranger).
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The cookies the gateway set (name → value), sent with every request.</summary>
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public string? SessionCookie => Cookies.GetValueOrDefault("__Host-zaitaku-gw");

    public static bool Trusted(X509Certificate? server, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(server!);
        return chain.Build(presented);
    }

    public Uri Url(string rawPathAndQuery) =>
        new(_gateway.Address.GetLeftPart(UriPartial.Authority) + rawPathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    public async Task<GatewayPage> SendAsync(HttpMethod method, string rawPathAndQuery, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, Url(rawPathAndQuery)) { Content = content };
        if (Cookies.Count > 0) request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        configure?.Invoke(request);
        using var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var eq = pair.IndexOf('=');
                var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) Cookies.Remove(name);
                else Cookies[name] = value;
            }
        }
        var html = await response.Content.ReadAsStringAsync();
        return new GatewayPage(response.StatusCode, html, response.Headers, response.Content.Headers);
    }

    public Task<GatewayPage> GetAsync(string rawPathAndQuery, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Get, rawPathAndQuery, null, configure);

    /// <summary>Posts a portal form with the antiforgery token of the page it is on, then follows a redirect like a browser.</summary>
    public async Task<GatewayPage> PostFormAsync(string path, GatewayPage from, IDictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__af"] = from.AntiforgeryToken };
        var page = await SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(form));
        return page.Status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && page.Location is { } location ? await GetAsync(location) : page;
    }

    /// <summary>Signs in on the portal with login ID, password and the one-time code of <paramref name="now"/>.</summary>
    public async Task<GatewayPage> SignInAsync(SeededLogin login, byte[]? totp, DateTimeOffset now)
    {
        var form = await GetAsync("/portal/");
        return await PostFormAsync("/portal/login", form, new Dictionary<string, string>
        {
            ["login"] = login.LoginId,
            ["password"] = login.Password,
            ["code"] = totp is null ? "" : Totp.Code(totp, now),
        });
    }

    public async Task<GatewayPage> StartWorkdayAsync() => await PostFormAsync("/portal/workday/start", await GetAsync("/portal/"));

    public async Task<GatewayPage> EndWorkdayAsync() =>
        await PostFormAsync("/portal/workday/end", await GetAsync("/portal/"), new Dictionary<string, string> { ["report"] = "起案文書の確認" });

    public async Task<GatewayPage> SignOutAsync() => await PostFormAsync("/portal/logout", await GetAsync("/portal/"));

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// A municipality as the gateway sees it, on a real console and gateway: a staff member with a
/// one-time-code app and a lent, compliant PC, an approved telework day, routes (closed VPN on
/// 127.0.0.1 and 10.20.0.0/16, open LTE on 100.64.0.0/10; 127.0.0.2 is a trusted forwarder),
/// and systems in every segment in front of one test upstream.
/// </summary>
internal sealed class GatewayWorld : IAsyncDisposable
{
    public static readonly IPAddress Forwarder = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.3");

    public required ConsoleServer Server { get; init; }
    public required TenantSeed Seed { get; init; }
    public required DeviceSeed Devices { get; init; }
    public required TestUpstream Upstream { get; init; }
    public GatewayServer Gateway { get; private set; } = null!;

    /// <summary>The PC lent to <see cref="Staff"/>, with its private key.</summary>
    public required X509Certificate2 Pc { get; init; }
    public required TeleworkDevice PcDevice { get; init; }

    /// <summary>The teleworker: the seed's plain staff login, given a one-time-code secret.</summary>
    public SeededLogin Staff => Seed.StaffLogin;
    public required byte[] StaffTotp { get; init; }
    public StaffMember StaffMember => Seed.Staff.Single(s => s.Id == Staff.StaffId);

    public DateTimeOffset Now => Server.Time.GetUtcNow();

    public static GatewayOptions DefaultOptions() => new()
    {
        NodeName = "gw-test",
        TrustRefreshInterval = TimeSpan.Zero,
        TrustedForwarders = [IPNetwork.Parse("127.0.0.2/32")],
    };

    /// <summary>Builds the world; <paramref name="before"/> runs after the data is in and before the gateway starts.</summary>
    public static async Task<GatewayWorld> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, DateTimeOffset? now = null,
        GatewayOptions? options = null, Func<GatewayWorld, Task>? before = null, bool startGateway = true)
    {
        var server = await ConsoleServer.StartAsync(provider, now);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var totp = Totp.NewSecret();
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var users = scoped.Services.GetRequiredService<UserManager<UserAccount>>();
            var account = await users.FindByIdAsync(seed.StaffLogin.UserId.ToString());
            account!.TotpSecretProtected = scoped.Services.GetRequiredService<TotpSecrets>().Protect(totp);
            await users.UpdateAsync(account);
        }
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var pc = await devices.CreateAsync("TS-PC-0001", DeviceState.Lent);
        var upstream = await TestUpstream.StartAsync("文書管理");
        var world = new GatewayWorld
        {
            Server = server, Seed = seed, Devices = devices, Upstream = upstream, Pc = devices.LastCertificate(), PcDevice = pc, StaffTotp = totp,
        };
        using (var scoped = world.OpenDb())
        {
            var db = scoped.Db;
            db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = seed.Tenant.Id, Slug = "vpn", Name = "閉域VPN", Kind = RouteKind.Closed, Cidrs = ["127.0.0.1/32", "10.20.0.0/16"] });
            db.Routes.Add(new RegisteredRoute { Id = Guid.NewGuid(), TenantId = seed.Tenant.Id, Slug = "lte", Name = "一般LTE", Kind = RouteKind.Open, Cidrs = ["100.64.0.0/10"] });
            var upstreamUrl = upstream.Address.ToString();
            db.Systems.Add(new RegisteredSystem
            {
                Id = Guid.NewGuid(), TenantId = seed.Tenant.Id, Slug = "docs", Name = "文書管理", Segment = Segment.Lgwan, UpstreamUrl = upstreamUrl, Remote = true,
                PathRules = [new SystemPathRule("/tax", "tax")], Controls = ScreenControls.All, SortOrder = 1,
            });
            db.Systems.Add(new RegisteredSystem
            {
                Id = Guid.NewGuid(), TenantId = seed.Tenant.Id, Slug = "finance", Name = "財務会計", Segment = Segment.Lgwan, UpstreamUrl = upstreamUrl, Remote = false, SortOrder = 2,
            });
            // Every setting that could open it is on: the segment alone must keep it shut.
            db.Systems.Add(new RegisteredSystem
            {
                Id = Guid.NewGuid(), TenantId = seed.Tenant.Id, Slug = "juki", Name = "住民記録", Segment = Segment.MyNumber, UpstreamUrl = upstreamUrl, Remote = true,
                AllowOpenRoutes = true, Controls = ScreenControls.None, SortOrder = 3,
            });
            db.Systems.Add(new RegisteredSystem
            {
                Id = Guid.NewGuid(), TenantId = seed.Tenant.Id, Slug = "mail", Name = "Webメール", Segment = Segment.Internet, UpstreamUrl = upstreamUrl, Remote = true,
                AllowOpenRoutes = true, Controls = ScreenControls.Watermark, SortOrder = 4,
            });
            await db.SaveChangesAsync();
        }
        await world.ApproveAsync(world.StaffMember);
        await world.ReportPostureAsync(pc.Id, world.Pc, world.Now.AddMinutes(-10));
        if (before is not null) await before(world);
        if (startGateway) world.Gateway = await GatewayServer.StartAsync(server, options ?? DefaultOptions());
        return world;
    }

    public async Task<GatewayServer> StartGatewayAsync(GatewayOptions? options = null, Zaitaku.Data.Changes.PolicyChanges? changes = null) =>
        Gateway = await GatewayServer.StartAsync(Server, options ?? DefaultOptions(), changes);

    public ScopedDb OpenDb()
    {
        var scoped = Server.OpenDb(Seed.Tenant.Id);
        scoped.Db.TenantScope.SetActor(Seed.Logins[Role.ItAdmin].UserId, "1003 鈴木 一郎");
        return scoped;
    }

    /// <summary>An approved telework day (today, Tokyo) for the staff member.</summary>
    public async Task ApproveAsync(StaffMember member, DateOnly? date = null)
    {
        using var scoped = OpenDb();
        scoped.Db.TeleworkRequests.Add(new TeleworkRequest
        {
            Id = Guid.NewGuid(), TenantId = Seed.Tenant.Id, StaffId = member.Id, SectionId = member.SectionId, Date = date ?? JapanTime.DateOf(Now),
            Status = RequestStatus.Approved, BatchId = Guid.NewGuid(), RequestedAt = Now, DecidedAt = Now, DecidedByName = "渡辺 課長",
        });
        await scoped.Db.SaveChangesAsync();
    }

    /// <summary>A posture report as the agent would have sent it at <paramref name="at"/>.</summary>
    public async Task ReportPostureAsync(Guid deviceId, X509Certificate2 certificate, DateTimeOffset at, bool compliant = true)
    {
        using var scoped = OpenDb();
        scoped.Db.PostureReports.Add(new PostureCheckIn
        {
            Id = Guid.CreateVersion7(at), TenantId = Seed.Tenant.Id, DeviceId = deviceId, CertificateSerial = certificate.SerialNumber, ReceivedAt = at,
            OsBuild = "10.0.22631.4460", AntivirusDefinitionsDate = JapanTime.DateOf(at), DiskEncrypted = true, UserDataStoredLocally = false,
            ScreenCaptureBlocked = true, AgentVersion = "1.4.0", ReportedAt = at, Compliant = compliant,
            FailureCodes = compliant ? "" : "disk_not_encrypted", Failures = "[]",
        });
        await scoped.Db.SaveChangesAsync();
    }

    public GatewayClient Client(X509Certificate2? certificate = null, IPAddress? from = null) => new(Gateway, certificate ?? Pc, from);

    /// <summary>A client of the PC, signed in as the teleworker; the clock moves on a step so each sign-in has a fresh one-time code.</summary>
    public async Task<GatewayClient> SignedInAsync(X509Certificate2? certificate = null)
    {
        var client = Client(certificate);
        Server.Time.Advance(TimeSpan.FromSeconds(31));
        var home = await client.SignInAsync(Staff, StaffTotp, Now);
        Assert.True(home.Status == HttpStatusCode.OK && client.SessionCookie is not null, $"sign-in failed: {home.Status} {home.Text}");
        return client;
    }

    /// <summary>The decision-log records of a request, waiting (up to 10 s) until at least <paramref name="atLeast"/> are written.</summary>
    public async Task<List<DecisionRecord>> DecisionsAsync(string? requestId, int atLeast = 1)
    {
        Assert.False(string.IsNullOrEmpty(requestId), "the response carries no request id");
        for (var waited = 0; ; waited += 50)
        {
            using var scoped = Server.OpenDb();
            var records = await scoped.Db.DecisionRecords.AsNoTracking().Where(r => r.RequestId == requestId).OrderBy(r => r.Id).ToListAsync();
            if (records.Count >= atLeast || waited > 10_000) return records;
            await Task.Delay(50);
        }
    }

    /// <summary>The one record of a denied request, checked against the reasons the page showed.</summary>
    public async Task<DecisionRecord> DeniedRecordAsync(GatewayPage page, string? system)
    {
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal(page.HeaderRequestId, page.RequestId);
        var record = Assert.Single(await DecisionsAsync(page.RequestId));
        Assert.False(record.Allow);
        Assert.Equal(string.Join(',', page.Reasons), record.Reasons);
        Assert.Equal(403, record.Status);
        Assert.Equal(system, record.System);
        Assert.Equal(Seed.Tenant.Id, record.TenantId);
        return record;
    }

    /// <summary>Polls a request until its answer satisfies <paramref name="done"/> (changes reach the gateway asynchronously); at most 10 s.</summary>
    public static async Task<GatewayPage> EventuallyAsync(Func<Task<GatewayPage>> request, Func<GatewayPage, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var page = await request();
            if (done(page) || DateTime.UtcNow > until) return page;
            await Task.Delay(25);
        }
    }

    /// <summary>Sends raw bytes over mutual TLS and returns what the gateway answered before it closed the connection (or 5 s passed).</summary>
    public async Task<string> RawAsync(X509Certificate2? certificate, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Gateway.Address.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = certificate is null ? null : [certificate],
            LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, server, _, _) => GatewayClient.Trusted(server, Gateway.ServerCa),
        });
        await ssl.WriteAsync(Encoding.ASCII.GetBytes(request));
        await ssl.FlushAsync();
        var answer = new MemoryStream();
        var buffer = new byte[16384];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            int read;
            while ((read = await ssl.ReadAsync(buffer, timeout.Token)) > 0) answer.Write(buffer, 0, read);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The gateway kept the connection open or reset it: what came until then is the answer.
        }
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    /// <summary>The cookie header that carries a captured portal session cookie.</summary>
    public static Dictionary<string, string> SessionOnly(string cookie) => new() { ["__Host-zaitaku-gw"] = cookie };

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Pc.Dispose();
        await Server.DisposeAsync();
    }
}
