using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Security;
using Zaitaku.Web.Staff;

namespace Zaitaku.Web.Tests.Api;

public sealed class ApiTokenTests
{
    private static async Task<string> TokenAsync(ConsoleServer server, TenantSeed seed, string[] scopes, DateTimeOffset? expires = null)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var (token, record) = ApiTokenAuthentication.Create(seed.Tenant.Id, "HR", scopes, seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), expires);
        scoped.Db.ApiTokens.Add(record);
        await scoped.Db.SaveChangesAsync();
        return token;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_WithReadToken_FindsStaffByKanaPrefix(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var api = server.CreateApiClient(await TokenAsync(server, seed, [ApiScopes.StaffRead]));

        var page = await api.GetFromJsonAsync<StaffPageDto>("/api/v1/staff?q=" + Uri.EscapeDataString("タナ"));

        var only = Assert.Single(page!.Items);
        Assert.Equal("田中 健太", only.Name);
        Assert.Equal("fiscal-year", only.Employment);
    }

    [Fact]
    public async Task Calls_WithoutValidToken_Are401_AndWithoutTheScope403()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var readOnly = await TokenAsync(server, seed, [ApiScopes.StaffRead]);
        var expired = await TokenAsync(server, seed, [ApiScopes.StaffRead], server.Time.GetUtcNow().AddDays(1));
        server.Time.Advance(TimeSpan.FromDays(2));

        using var none = server.CreateApiClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync("/api/v1/staff")).StatusCode);
        using var forged = server.CreateApiClient(readOnly[..^4] + "0000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/staff")).StatusCode);
        using var old = server.CreateApiClient(expired);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/staff")).StatusCode);
        using var reader = server.CreateApiClient(readOnly);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/org-units")).StatusCode);
        var post = await reader.PostAsJsonAsync("/api/v1/staff", new { });
        Assert.True(post.StatusCode == HttpStatusCode.Forbidden, await post.Content.ReadAsStringAsync() + string.Join(";", post.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value))));
    }

    [Fact]
    public async Task RevokedToken_IsRefusedAtOnce_AndTheRevocationIsAudited()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var browser = server.CreateClient();
        await seed.SignInAsync(browser, Role.TenantAdmin, server);
        var issued = await browser.SubmitAsync("/api-tokens", "issue", new Dictionary<string, string>
        {
            ["Input.Name"] = "人事給与システム", ["Input.Scopes"] = ApiScopes.StaffRead, ["Input.ValidDays"] = "30",
        });
        var token = issued.Document.QuerySelector("[data-testid=issued-token]")!.TextContent.Trim();
        using var api = server.CreateApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/staff")).StatusCode);

        var page = await browser.GetAsync("/api-tokens");
        var handler = page.Document.QuerySelector("input[name=_handler][value^=revoke-]")!.GetAttribute("value");
        await browser.SubmitAsync(page, handler, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/staff")).StatusCode);
        var audit = await browser.GetAsync("/audit?action=apitoken.updated");
        Assert.Contains("RevokedAt", audit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token[11..], (await browser.GetAsync("/audit")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithBadFields_ReturnsProblemNamingEachField()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var api = server.CreateApiClient(await TokenAsync(server, seed, [ApiScopes.StaffWrite]));

        var response = await api.PostAsJsonAsync("/api/v1/staff", new StaffRequest("9001", "", "花子", "Hanako", "はなこ", null, "regular", "999", null, new DateOnly(2026, 4, 1), null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("staff_invalid", problem.GetProperty("code").GetString());
        var title = problem.GetProperty("title").GetString()!;
        Assert.Contains("姓: 入力されていません（必須）", title, StringComparison.Ordinal);
        Assert.Contains("姓（かな）: ひらがなまたはカタカナで入力してください", title, StringComparison.Ordinal);
        Assert.Contains("所属コード: 所属（課・室または係）を選んでください", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_ForASignedInUser()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var anonymous = server.CreateApiClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        using var browser = server.CreateClient();
        await seed.SignInAsync(browser, Role.TenantAdmin, server);

        var json = JsonDocument.Parse(await browser.Http.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/staff", out _));
        Assert.True(paths.TryGetProperty("/api/v1/staff/import", out _));
        Assert.True(paths.TryGetProperty("/api/v1/org-units/{unitId}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/work/payroll", out _));
        Assert.True(paths.TryGetProperty("/api/v1/work/telework", out _));
        Assert.True(paths.TryGetProperty("/api/v1/devices/{deviceId}/lost", out var lost));
        Assert.StartsWith("紛失・盗難の届出", lost.GetProperty("post").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("http", json.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        Assert.True(paths.TryGetProperty("/api/v1/tasks/capacity", out _));
        var reference = await browser.GetAsync("/api-docs");
        // 10 of organisation and staff, 3 of work, 19 of devices (5 to read, 14 to register, import and operate), 2 of tasks.
        Assert.Equal(34, reference.Document.QuerySelectorAll("[data-testid=api-endpoints] tbody tr").Length);
    }
}
