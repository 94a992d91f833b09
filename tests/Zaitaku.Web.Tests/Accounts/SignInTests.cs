using System.Net;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Identity;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Accounts;

public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_WithPasswordAndTotp_ShowsHomeAndAuditsIt(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();

        var login = seed.Logins[Role.HrAdmin];
        var afterPassword = await client.SubmitAsync("/login", "signin", new Dictionary<string, string>
        {
            ["Input.TenantCode"] = login.TenantCode, ["Input.LoginId"] = login.LoginId, ["Input.Password"] = login.Password,
        });
        Assert.Equal("/login/otp", afterPassword.Address.AbsolutePath);
        Assert.Equal("確認コードの入力", afterPassword.Heading);

        var home = await client.SubmitAsync(afterPassword, "otp", new Dictionary<string, string> { ["Code"] = Totp.Code(login.TotpSecret!, server.Time.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("/", home.Address.AbsolutePath);
        Assert.Equal("テスト市", home.Heading);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var actions = await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains("auth.signin", actions);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoWithoutSayingWhichPartIsWrong()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();

        var page = await client.SignInAsync("131001", seed.StaffLogin.LoginId, "Wrong-Passw0rd-xx");

        Assert.Equal("/login", page.Address.AbsolutePath);
        Assert.Contains("自治体コード、ユーザーID、またはパスワードが正しくありません。", page.Text);
        var unknown = await client.SignInAsync("131001", "no-such-user", "Wrong-Passw0rd-xx");
        Assert.Contains("自治体コード、ユーザーID、またはパスワードが正しくありません。", unknown.Text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_FiveFailures_LocksTheAccountForFifteenMinutes(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        var login = seed.StaffLogin;

        for (var i = 0; i < 5; i++) await client.SignInAsync("131001", login.LoginId, "Wrong-Passw0rd-xx");
        var locked = await client.SignInAsync("131001", login.LoginId, login.Password);
        Assert.Contains("アカウントを一時的にロックしました", locked.Text);

        server.Time.Advance(TimeSpan.FromMinutes(16));
        var after = await client.SignInAsync("131001", login.LoginId, login.Password);
        Assert.Equal("/", after.Address.AbsolutePath);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var actions = await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(6, actions.Count(a => a == "auth.signin_failed"));
        Assert.Contains("auth.locked_out", actions);
    }

    [Fact]
    public async Task SecondFactor_SameCodeTwice_IsRefusedTheSecondTime()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var login = seed.Logins[Role.Auditor];
        var code = Totp.Code(login.TotpSecret!, server.Time.GetUtcNow());
        using (var first = server.CreateClient())
        {
            var page = await first.SignInAsync(login.TenantCode, login.LoginId, login.Password);
            page = await first.SubmitAsync(page, "otp", new Dictionary<string, string> { ["Code"] = code });
            Assert.Equal("/", page.Address.AbsolutePath);
        }
        using var second = server.CreateClient();
        var otp = await second.SignInAsync(login.TenantCode, login.LoginId, login.Password);
        var replay = await second.SubmitAsync(otp, "otp", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal("/login/otp", replay.Address.AbsolutePath);
        Assert.Contains("確認コードが正しくないか、使用済みです", replay.Text);
    }

    [Fact]
    public async Task AdminWithoutSecondFactor_IsSentToEnrolment_AndCanEnrolWithQrSecret()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var login = seed.Logins[Role.TenantAdmin];
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var account = await scoped.Db.Users.SingleAsync(u => u.Id == login.UserId);
            account.TotpSecretProtected = null;
            await scoped.Db.SaveChangesAsync();
        }
        using var client = server.CreateClient();
        var page = await client.SignInAsync(login.TenantCode, login.LoginId, login.Password);
        Assert.Equal("/account/mfa", page.Address.AbsolutePath);
        Assert.Contains("二要素認証の設定が必要です", page.Text);

        var staffList = await client.GetAsync("/staff");
        Assert.Equal("/account/mfa", staffList.Address.AbsolutePath);

        var key = Base32.Decode(page.Document.QuerySelector("[data-testid=totp-key]")!.TextContent);
        Assert.NotNull(page.Document.QuerySelector(".qr svg"));
        var done = await client.SubmitAsync(page, "enrol", new Dictionary<string, string> { ["Code"] = Totp.Code(key, server.Time.GetUtcNow()) });
        Assert.Equal(10, done.Document.QuerySelectorAll("[data-testid=recovery-codes] li").Length);

        var now = await client.GetAsync("/staff");
        Assert.Equal("/staff", now.Address.AbsolutePath);
        Assert.Equal("職員一覧", now.Heading);
    }

    [Fact]
    public async Task TenantRequiringSecondFactorForAll_SendsPlainStaffToEnrolment()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using (var admin = server.CreateClient())
        {
            await seed.SignInAsync(admin, Role.TenantAdmin, server);
            var saved = await admin.SubmitAsync("/settings", "settings", new Dictionary<string, string>
            {
                ["Input.AuditRetentionYears"] = "7", ["Input.PasswordMinLength"] = "14", ["Input.RequireMfaForAllStaff"] = "true",
            });
            Assert.Contains("保存しました。", saved.Text);
        }
        using var client = server.CreateClient();
        var page = await client.SignInAsync(seed.StaffLogin.TenantCode, seed.StaffLogin.LoginId, seed.StaffLogin.Password);
        Assert.Equal("/account/mfa", page.Address.AbsolutePath);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var tenant = await scoped.Db.Tenants.SingleAsync(t => t.Id == seed.Tenant.Id);
        Assert.Equal((7, 14), (tenant.AuditRetentionYears, tenant.PasswordMinLength));
    }

    [Fact]
    public async Task RecoveryCode_WorksOnceInsteadOfTheCode()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var login = seed.Logins[Role.ItAdmin];
        var codes = RecoveryCodes.Generate();
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.RecoveryCodes.AddRange(codes.Select(c => new Data.Accounts.RecoveryCode { UserId = login.UserId, CodeHash = RecoveryCodes.Hash(c) }));
            await scoped.Db.SaveChangesAsync();
        }
        using var client = server.CreateClient();
        var otp = await client.SignInAsync(login.TenantCode, login.LoginId, login.Password);
        var home = await client.SubmitAsync(otp, "otp", new Dictionary<string, string> { ["Code"] = codes[3].ToLowerInvariant() });
        Assert.Equal("/", home.Address.AbsolutePath);

        using var again = server.CreateClient();
        otp = await again.SignInAsync(login.TenantCode, login.LoginId, login.Password);
        var reused = await again.SubmitAsync(otp, "otp", new Dictionary<string, string> { ["Code"] = codes[3] });
        Assert.Equal("/login/otp", reused.Address.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignOut_EndsTheSession_SoTheOldCookieNoLongerWorks(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);
        var cookies = client.Cookies.GetAllCookies().ToList();

        var home = await client.GetAsync("/");
        var signedOut = await client.SubmitAsync(home, null, new Dictionary<string, string>());
        Assert.Equal("/login", signedOut.Address.AbsolutePath);

        using var replay = server.CreateClient();
        foreach (var cookie in cookies) replay.Cookies.Add(cookie);
        var response = await replay.GetRawAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySessionOfTheUser()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var first = server.CreateClient();
        using var second = server.CreateClient();
        await seed.SignInAsync(first, Role.HrAdmin, server);
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await seed.SignInAsync(second, Role.HrAdmin, server);

        var account = await first.GetAsync("/account");
        Assert.Equal(2, account.Document.QuerySelectorAll(".section table tbody tr").Length);
        await first.SubmitAsync(account, "signout-everywhere", new Dictionary<string, string>());

        var response = await second.GetRawAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task IdleSession_EndsAfterThirtyMinutes()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.Staff, server);

        server.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetRawAsync("/account")).StatusCode);
        server.Time.Advance(TimeSpan.FromMinutes(31));
        var response = await client.GetRawAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Cookies_AreHttpOnlyAndSameSiteStrict()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        var login = seed.StaffLogin;
        var page = await client.GetAsync("/login");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token,
            ["Input.TenantCode"] = login.TenantCode, ["Input.LoginId"] = login.LoginId, ["Input.Password"] = login.Password,
        }));
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("zaitaku=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_IsRefused()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        var login = seed.StaffLogin;
        var response = await client.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["Input.TenantCode"] = login.TenantCode, ["Input.LoginId"] = login.LoginId, ["Input.Password"] = login.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("zaitaku=", StringComparison.Ordinal));
    }
}
