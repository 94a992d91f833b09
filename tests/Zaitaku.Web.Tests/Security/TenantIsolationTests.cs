using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Security;
using Zaitaku.Web.Staff;

namespace Zaitaku.Web.Tests.Security;

/// <summary>
/// Walks every endpoint the console maps — pages, downloads and /api/v1 — and calls each with tenant
/// A's most powerful caller (every role; an API token with every scope) and tenant B's ids. Nothing of
/// B may show in any answer, and B's data must be exactly as before. An endpoint added later is
/// covered without anyone remembering; a route parameter this test does not know how to fill fails it.
/// </summary>
public sealed class TenantIsolationTests
{
    private const string BName = "ベータ町";
    private static readonly string[] BMarkers = [BName, "B1001", "B1002", "B1003", "131002.example"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryEndpoint_CallerFromTenantA_NeitherReadsNorChangesTenantB(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var a = await TenantSeed.CreateAsync(server, "131001", "アルファ市", "A");
        var b = await TenantSeed.CreateAsync(server, "131002", BName, "B");
        var ids = await CreateMoreOfTenantAsync(server, b);
        var aIds = await CreateMoreOfTenantAsync(server, a);
        var aToken = await IssueTokenAsync(server, a);
        await GiveEveryRoleAsync(server, a);

        using var browser = server.CreateClient();
        var home = await a.SignInAsync(browser, Role.TenantAdmin, server);
        Assert.Equal("/", home.Address.AbsolutePath);
        using var api = server.CreateApiClient(aToken);

        var before = await FingerprintAsync(server, b.Tenant.Id);
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedRoutes = 0;
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText is null) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var bPath = Fill(pattern, ids, b);
            var aPath = Fill(pattern, aIds, a);
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var isApi = pattern.RawText.StartsWith("/api/", StringComparison.Ordinal);
            foreach (var method in methods.Distinct())
            {
                checkedRoutes++;
                if (isApi) await CallApiAsync(api, method, bPath, pattern.RawText);
                else if (isPage && method == "POST") await PostPageFormsAsync(browser, aPath, bPath);
                else if (method == "GET") AssertNoTenantB(await ReadAsync(await browser.Http.GetAsync(bPath + Query(pattern.RawText))), $"GET {bPath}");
                else if (method == "POST") AssertNoTenantB(await ReadAsync(await browser.Http.PostAsync(bPath, new FormUrlEncodedContent([]))), $"POST {bPath}");
            }
        }

        Assert.True(checkedRoutes > 30, $"only {checkedRoutes} routes were found");
        var after = await FingerprintAsync(server, b.Tenant.Id);
        Assert.Equal(before, after);
    }

    private static async Task CallApiAsync(HttpClient api, string method, string path, string route)
    {
        HttpResponseMessage response;
        if (method == "GET") response = await api.GetAsync(path + Query(route));
        else if (route.EndsWith("/import", StringComparison.Ordinal))
        {
            using var body = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("職員番号,姓,名,姓（かな）,名（かな）,雇用区分,所属コード\n")), "file", "x.csv" } };
            response = await api.PostAsync(path + "?commit=true", body);
        }
        else
        {
            // A body a real client would send: B's staff or unit changed to look like A's.
            var body = JsonContent.Create(new Dictionary<string, object?>
            {
                ["staffNumber"] = "X9001", ["familyName"] = "改ざん", ["givenName"] = "試行", ["familyNameKana"] = "かいざん", ["givenNameKana"] = "しこう",
                ["employment"] = "regular", ["sectionCode"] = "110", ["activeFrom"] = "2020-04-01", ["code"] = "110", ["name"] = "改ざん課", ["kind"] = "section",
            });
            response = await api.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body });
        }
        var text = await ReadAsync(response);
        AssertNoTenantB(text, $"{method} {path}");
    }

    /// <summary>Posts every form of A's version of the page to B's address, as a forged browser request would.</summary>
    private static async Task PostPageFormsAsync(ConsoleClient browser, string aPath, string bPath)
    {
        var aPage = await browser.GetAsync(aPath);
        foreach (var form in aPage.Document.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
        {
            var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
                .Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is not ("checkbox" or "radio" or "file" or "submit"))
                .GroupBy(i => i.Name!).ToDictionary(g => g.Key, g => g.First().Value);
            foreach (var select in form.Elements.OfType<AngleSharp.Html.Dom.IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)))
                fields[select.Name!] = select.Value ?? "";
            if (form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().FirstOrDefault(i => i.Type == "checkbox" && !string.IsNullOrEmpty(i.Name)) is { } box)
                fields[box.Name!] = box.Value;
            var action = form.GetAttribute("action");
            var target = action is null || action == aPath ? bPath : action;
            var response = await browser.Http.PostAsync(target, new FormUrlEncodedContent(fields));
            AssertNoTenantB(await ReadAsync(response), $"POST {target} ({fields.GetValueOrDefault("_handler")})");
        }
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var text = Encoding.UTF8.GetString(bytes);
            if (response.Content.Headers.ContentType?.MediaType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            {
                using var stream = new MemoryStream(bytes);
                text = string.Join('\n', MiniExcelLibs.MiniExcel.Query(stream).Select(r => string.Join(',', ((IDictionary<string, object?>)r).Values)));
            }
            if (response.Content.Headers.ContentType?.CharSet == "shift_jis")
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                text = Encoding.GetEncoding(932).GetString(bytes);
            }
            return text;
        }
    }

    private static void AssertNoTenantB(string body, string call)
    {
        foreach (var marker in BMarkers)
            Assert.False(body.Contains(marker, StringComparison.Ordinal), $"{call} showed tenant B's \"{marker}\"");
    }

    private static string Query(string route) =>
        route.Contains("export", StringComparison.Ordinal) ? "?format=csv" : "";

    private sealed record TenantIds(Guid Unit, Guid Staff, Guid User, Guid Batch, Guid Token, Guid System, Guid Route, Guid Section, Guid Task, Guid Plan);

    private static string Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, TenantIds ids, TenantSeed seed)
    {
        var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Value(parameter.Name, ids),
            _ => throw new InvalidOperationException($"Unknown route part in {pattern.RawText}"),
        }))));
        return path;
    }

    private static string Value(string parameter, TenantIds ids) => parameter.ToLowerInvariant() switch
    {
        "unitid" => ids.Unit.ToString(),
        "staffid" => ids.Staff.ToString(),
        "userid" => ids.User.ToString(),
        "batchid" => ids.Batch.ToString(),
        "tokenid" => ids.Token.ToString(),
        "documentname" => "v1",
        "code" => "404",
        "systemid" => ids.System.ToString(),
        "routeid" => ids.Route.ToString(),
        "sectionid" => ids.Section.ToString(),
        "taskid" => ids.Task.ToString(),
        "planid" => ids.Plan.ToString(),
        _ => throw new InvalidOperationException($"TenantIsolationTests does not know how to fill the route parameter {{{parameter}}}: add it to Value()."),
    };

    private static async Task<TenantIds> CreateMoreOfTenantAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var import = scoped.Services.GetRequiredService<StaffImport>();
        scoped.Db.TenantScope.SetTenant(seed.Tenant.Id);
        var csv = $"職員番号,姓,名,姓（かな）,名（かな）,雇用区分,所属コード\n{seed.Staff[0].StaffNumber},{seed.Staff[0].FamilyName},{seed.Staff[0].GivenName},{seed.Staff[0].FamilyNameKana},{seed.Staff[0].GivenNameKana},正規,110\n";
        var preview = await import.StageAsync("staff.csv", Encoding.UTF8.GetBytes(csv));
        var (_, token) = ApiTokenAuthentication.Create(seed.Tenant.Id, $"{seed.Tenant.Name} HR", ApiScopes.All, seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
        scoped.Db.ApiTokens.Add(token);
        var system = new Zaitaku.Systems.RegisteredSystem { Id = Guid.NewGuid(), Slug = "docs", Name = $"{seed.Tenant.Name}文書管理", UpstreamUrl = "http://127.0.0.1:9/", Remote = true };
        var route = new Zaitaku.Systems.RegisteredRoute { Id = Guid.NewGuid(), Slug = "vpn", Name = $"{seed.Tenant.Name}閉域VPN", Cidrs = ["10.20.0.0/16"] };
        scoped.Db.Systems.Add(system);
        scoped.Db.Routes.Add(route);
        var task = new Zaitaku.Data.Tasks.InventoryTask { Id = Guid.NewGuid(), Code = "KZ-01", Name = $"{seed.Tenant.Name}の課税業務", SectionId = seed.Units["330"].Id, SystemIds = [system.Id] };
        scoped.Db.Tasks.Add(task);
        scoped.Db.TaskAssignments.Add(new Zaitaku.Data.Tasks.TaskAssignmentEntry { Id = Guid.NewGuid(), TaskId = task.Id, StaffId = seed.Staff[6].Id, Percent = 50 });
        await scoped.Db.SaveChangesAsync();
        var hr = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(ZaitakuClaims.Role, nameof(Role.HrAdmin)), new(ZaitakuClaims.UserId, seed.Logins[Role.HrAdmin].UserId.ToString())], "test"));
        var plan = await scoped.Services.GetRequiredService<Zaitaku.Web.Tasks.Planning.PlanService>().CreateAsync(hr, new Zaitaku.Web.Tasks.Planning.PlanRequest(
            Zaitaku.Data.Tasks.PlanMode.Normal, Zaitaku.Data.Tasks.PlanScope.Section, seed.Units["330"].Id, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 11), null, 25, 2));
        return new TenantIds(seed.Units["330"].Id, seed.Staff[2].Id, seed.Logins[Role.Staff].UserId, preview.BatchId!.Value, token.Id, system.Id, route.Id,
            seed.Units["330"].Id, task.Id, plan.Value.Id);
    }

    private static async Task<string> IssueTokenAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var (text, token) = ApiTokenAuthentication.Create(seed.Tenant.Id, "isolation test", ApiScopes.All, seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
        scoped.Db.ApiTokens.Add(token);
        await scoped.Db.SaveChangesAsync();
        return text;
    }

    private static async Task GiveEveryRoleAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var admin = seed.Logins[Role.TenantAdmin].UserId;
        foreach (var role in new[] { Role.HrAdmin, Role.ItAdmin, Role.Auditor })
            scoped.Db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = admin, Role = role });
        scoped.Db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = admin, Role = Role.SectionHead, SectionId = seed.Units["330"].Id });
        await scoped.Db.SaveChangesAsync();
    }

    /// <summary>Every stored value of tenant B, hashed: its tenant-owned rows, accounts, sessions and audit chain.</summary>
    private static async Task<string> FingerprintAsync(ConsoleServer server, Guid tenantId)
    {
        using var scoped = server.OpenDb();
        var db = scoped.Db;
        var text = new StringBuilder();
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).OrderBy(t => t.Name))
        {
            var rows = await QueryAsync(db, entityType.ClrType, tenantId);
            text.AppendLine(entityType.Name).AppendLine(rows);
        }
        text.AppendLine(JsonSerializer.Serialize(await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).ToListAsync()));
        text.AppendLine(JsonSerializer.Serialize(await db.Users.AsNoTracking().Where(u => u.TenantId == tenantId).OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.UserName, u.PasswordHash, u.SecurityStamp, u.Enabled, u.LockoutEnd, u.AccessFailedCount, u.TotpSecretProtected }).ToListAsync()));
        text.AppendLine(JsonSerializer.Serialize(await db.AuditRecords.AsNoTracking().Where(r => r.ChainId == tenantId).OrderBy(r => r.Sequence).Select(r => r.Hash).ToListAsync()));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static async Task<string> QueryAsync(ZaitakuDb db, Type type, Guid tenantId)
    {
        var method = typeof(TenantIsolationTests).GetMethod(nameof(RowsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type);
        return await (Task<string>)method.Invoke(null, [db, tenantId])!;
    }

    private static async Task<string> RowsOf<T>(ZaitakuDb db, Guid tenantId) where T : class, ITenantOwned
    {
        var rows = await db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(e => e.TenantId == tenantId).ToListAsync();
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties[0].PropertyInfo!;
        return JsonSerializer.Serialize(rows.OrderBy(r => key.GetValue(r)?.ToString()).ToList());
    }
}
