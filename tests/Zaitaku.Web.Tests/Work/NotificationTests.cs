using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Work;

namespace Zaitaku.Web.Tests.Work;

public sealed class NotificationTests
{
    [Fact]
    public async Task Request_WithSmtpConfigured_HeadGetsAnEmailInJapaneseWithTheLink()
    {
        await using var smtp = new SmtpListener();
        await using var server = await ConsoleServer.StartAsync(configure: services => services.Configure<MailOptions>(mail =>
        {
            mail.Host = "127.0.0.1";
            mail.Port = smtp.Port;
            mail.Security = MailKit.Security.SecureSocketOptions.None;
            mail.From = "zaitaku@city.example.lg.jp";
            mail.ConsoleUrl = "https://zaitaku.city.example.lg.jp";
        }));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);

        await staff.SubmitAsync("/work/requests", "ask", [new("Input.Action", "ask"), new("Input.Days", "2026-11-27")]);
        await smtp.WaitForAsync(1);

        var (to, data) = Assert.Single(smtp.Messages);
        var head = seed.Staff.Single(s => s.Id == seed.Logins[Role.SectionHead].StaffId);
        Assert.Equal([head.Email!], to);
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data));
        var message = await MimeMessage.LoadAsync(raw);
        Assert.Equal("[在宅 Zaitaku] 伊藤 恵子さんから在宅勤務の申請があります（2026年11月27日(金)）", message.Subject);
        Assert.Contains("https://zaitaku.city.example.lg.jp/work/approvals", message.TextBody);
    }

    [Fact]
    public async Task Request_WithoutSmtp_OnlyInAppNotification()
    {
        await using var smtp = new SmtpListener();
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        using var head = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await seed.SignInAsync(head, Role.SectionHead, server);

        await staff.SubmitAsync("/work/requests", "ask", [new("Input.Action", "ask"), new("Input.Days", "2026-11-27")]);
        var notes = await head.GetAsync("/notifications");
        var read = await head.SubmitAsync(notes, "read-all", new Dictionary<string, string>());

        Assert.Contains("伊藤 恵子さんから在宅勤務の申請があります（2026年11月27日(金)）", notes.Document.QuerySelector("[data-testid=notifications]")?.TextContent);
        Assert.Equal("1", notes.Document.QuerySelector("[data-testid=header-unread]")?.TextContent.Trim());
        Assert.Null(read.Document.QuerySelector("[data-testid=header-unread]"));
        Assert.Empty(smtp.Messages);
    }
}

public sealed class PresenceHubTests
{
    private static HubConnection Connect(ConsoleServer server, ConsoleClient client) =>
        new HubConnectionBuilder().WithUrl(new Uri(server.Address, PresenceHub.Path), options => options.Cookies = client.Cookies).Build();

    [Fact]
    public async Task Watch_OwnSection_ReceivesAStartedDay_OtherTenantsSection_Refused()
    {
        await using var server = await ConsoleServer.StartAsync(now: WorkTesting.Tokyo(2026, 11, 26, 8, 30));
        var a = await TenantSeed.CreateAsync(server, "131001", "アルファ市", "A");
        var b = await TenantSeed.CreateAsync(server, "131002", "ベータ町", "B");
        using var watcher = server.CreateClient();
        using var staff = server.CreateClient();
        await a.SignInAsync(watcher, Role.SectionHead, server);
        await a.SignInAsync(staff, Role.Staff, server);
        await using var hub = Connect(server, watcher);
        var received = new TaskCompletionSource<PresenceMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<PresenceMessage>("presence", m => received.TrySetResult(m));
        await hub.StartAsync();

        Assert.False(await hub.InvokeAsync<bool>("Watch", b.Units["330"].Id));
        Assert.True(await hub.InvokeAsync<bool>("Watch", a.Units["330"].Id));
        await staff.SubmitAsync("/work/today", "start", new Dictionary<string, string>());
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(a.StaffLogin.StaffId.ToString(), message.StaffId);
        Assert.Equal("present", message.State);
        Assert.Equal("08:30", message.Since);
        Assert.Equal("office", message.Today);
    }

    [Fact]
    public async Task Watch_OnAnotherNode_ReceivesADayStartedOnThisOne()
    {
        // PostgreSQL is how several nodes share one database; each node listens for the others' presence changes.
        await using var nodeA = await ConsoleServer.StartAsync(DatabaseProvider.Postgres, WorkTesting.Tokyo(2026, 11, 26, 8, 30));
        await using var nodeB = await nodeA.StartNodeAsync();
        var seed = await TenantSeed.CreateAsync(nodeA, "131001", "アルファ市", "A");
        using var watcher = nodeB.CreateClient();
        using var staff = nodeA.CreateClient();
        await seed.SignInAsync(watcher, Role.SectionHead, nodeB);
        await seed.SignInAsync(staff, Role.Staff, nodeA);
        await using var hub = Connect(nodeB, watcher);
        var received = new TaskCompletionSource<PresenceMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<PresenceMessage>("presence", m => received.TrySetResult(m));
        await hub.StartAsync();
        Assert.True(await hub.InvokeAsync<bool>("Watch", seed.Units["330"].Id));

        await staff.SubmitAsync("/work/today", "start", new Dictionary<string, string>());
        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(seed.StaffLogin.StaffId.ToString(), message.StaffId);
        Assert.Equal("present", message.State);
    }

    [Fact]
    public async Task Hub_SignedOut_BoardConnectionClosedAtOnce()
    {
        await using var server = await ConsoleServer.StartAsync(now: WorkTesting.Tokyo(2026, 11, 26, 8, 30));
        var seed = await TenantSeed.CreateAsync(server, "131001", "アルファ市", "A");
        using var watcher = server.CreateClient();
        await seed.SignInAsync(watcher, Role.SectionHead, server);
        await using var hub = Connect(server, watcher);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        Assert.True(await hub.InvokeAsync<bool>("Watch", seed.Units["330"].Id));

        var signedOut = await watcher.SignOutAsync();

        Assert.EndsWith("/login", signedOut.Address.AbsolutePath, StringComparison.Ordinal);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        // The cookie of the ended session opens no new connection either.
        await using var again = Connect(server, watcher);
        await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());
    }

    [Fact]
    public async Task Hub_SessionEndedElsewhere_BoardConnectionClosedAtTheNextCheck()
    {
        await using var server = await ConsoleServer.StartAsync(now: WorkTesting.Tokyo(2026, 11, 26, 8, 30));
        var seed = await TenantSeed.CreateAsync(server, "131001", "アルファ市", "A");
        using var watcher = server.CreateClient();
        using var other = server.CreateClient();
        await seed.SignInAsync(watcher, Role.SectionHead, server);
        await seed.SignInAsync(other, Role.Staff, server);
        await using var hub = Connect(server, watcher);
        await using var staying = Connect(server, other);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await staying.StartAsync();

        // As when the account is disabled or signed out on another node: the session ends in the database only.
        using (var scoped = server.OpenDb(seed.Tenant.Id))
            await scoped.Services.GetRequiredService<Zaitaku.Data.Accounts.AccountSignIn>().EndAllSessionsAsync(seed.Logins[Role.SectionHead].UserId, "account_disabled");
        server.Time.Advance(PresenceSessionSweeper.Interval);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        Assert.Equal(HubConnectionState.Connected, staying.State);
    }

    [Fact]
    public async Task Hub_WithoutSignIn_Refused()
    {
        await using var server = await ConsoleServer.StartAsync();
        using var anonymous = server.CreateClient();
        await using var hub = Connect(server, anonymous);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
