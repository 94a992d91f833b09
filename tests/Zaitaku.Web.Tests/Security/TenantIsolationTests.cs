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
    private static readonly string[] BMarkers = [BName, "B1001", "B1002", "B1003", "131002.example", "B-PC-", "B-LEASE"];

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
        var signIns = 0;
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
                if (isApi) await CallApiAsync(api, method, bPath, pattern.RawText, a);
                else if (isPage && method == "POST") await PostPageFormsAsync(browser, aPath, bPath);
                else if (method == "GET") AssertNoTenantB(await ReadAsync(await browser.Http.GetAsync(bPath + Query(pattern.RawText))), $"GET {bPath}");
                else if (method == "POST") AssertNoTenantB(await ReadAsync(await browser.Http.PostAsync(bPath, new FormUrlEncodedContent([]))), $"POST {bPath}");
                // A form may end the session (sign out everywhere): sign in again, so the next page is read as A, not as nobody.
                using var probe = await browser.Http.GetAsync("/");
                if (probe.StatusCode != HttpStatusCode.OK)
                {
                    server.Time.Advance(TimeSpan.FromSeconds(30)); // a one-time code is accepted once
                    var again = await a.SignInAsync(browser, Role.TenantAdmin, server);
                    Assert.True(again.Address.AbsolutePath == "/", $"after {method} {pattern.RawText} the session ended and signing in again failed: {again.Text}");
                    signIns++;
                }
            }
        }
        Assert.True(signIns < 5, $"the session ended {signIns} times: the walk reads pages signed out");

        Assert.True(checkedRoutes > 30, $"only {checkedRoutes} routes were found");
        var after = await FingerprintAsync(server, b.Tenant.Id);
        Assert.Equal(before, after);
    }

    private static async Task CallApiAsync(HttpClient api, string method, string path, string route, TenantSeed a)
    {
        HttpResponseMessage response;
        if (method == "GET") response = await api.GetAsync(path + Query(route));
        else if (route.EndsWith("/import", StringComparison.Ordinal))
        {
            // A's own list: the walking administrator stays employed (the rest of A's staff are deactivated, which is A's business).
            var admin = a.Staff[0];
            var csv = $"職員番号,姓,名,姓（かな）,名（かな）,雇用区分,所属コード\n{admin.StaffNumber},{admin.FamilyName},{admin.GivenName},{admin.FamilyNameKana},{admin.GivenNameKana},正規,110\n";
            using var body = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "x.csv" } };
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
        // The header's sign-out form is on every page; posting it would only end the walk's own session.
        foreach (var form in aPage.Document.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase) && f.GetAttribute("action") != "/logout"))
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
        {
            var at = body.IndexOf(marker, StringComparison.Ordinal);
            Assert.False(at >= 0, $"{call} showed tenant B's \"{marker}\": …{body[Math.Max(0, at - 120)..Math.Min(body.Length, at + 120)]}…");
        }
    }

    private static string Query(string route) =>
        route.Contains("export", StringComparison.Ordinal) ? "?format=csv" : "";

    private sealed record TenantIds(Guid Unit, Guid Staff, Guid User, Guid Batch, Guid Token, Guid System, Guid Route, Guid Scenario, Guid Survey,
        Guid Device, Guid Document, string Handout, Guid Task, Guid Plan);

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
        "sectionid" => ids.Unit.ToString(),
        "staffid" => ids.Staff.ToString(),
        "userid" => ids.User.ToString(),
        "batchid" => ids.Batch.ToString(),
        "tokenid" => ids.Token.ToString(),
        "deviceid" => ids.Device.ToString(),
        "documentid" => ids.Document.ToString(),
        "handouttoken" => ids.Handout,
        "itemcode" => "os_image",
        "documentname" => "v1",
        "code" => "404",
        "systemid" => ids.System.ToString(),
        "routeid" => ids.Route.ToString(),
        "scenarioid" => ids.Scenario.ToString(),
        "surveyid" => ids.Survey.ToString(),
        "taskid" => ids.Task.ToString(),
        "planid" => ids.Plan.ToString(),
        "requestid" => ids.System.ToString("N"), // the decision below is logged under its system's id
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
        var scenario = new Zaitaku.Data.Budget.BudgetScenarioEntry
        {
            Id = Guid.NewGuid(), FiscalYear = 2026, Name = $"{seed.Tenant.Name}専用PC案", LeasedPcMonthlyFeeYen = 10_833,
            Phases = [new("2026-09", Zaitaku.Budget.PcProvision.LeasedPc, 20)], CreatedAt = server.Time.GetUtcNow(), UpdatedAt = server.Time.GetUtcNow(),
        };
        scoped.Db.BudgetScenarios.Add(scenario);
        await scoped.Db.SaveChangesAsync();
        var budgets = scoped.Services.GetRequiredService<Zaitaku.Web.Budget.BudgetService>();
        Assert.True((await budgets.AdoptAsync(scenario.Id, $"{seed.Tenant.Name}情報政策課")).IsOk);
        var readiness = scoped.Services.GetRequiredService<Zaitaku.Web.Readiness.ReadinessService>();
        var survey = (await readiness.OpenAsync($"{seed.Tenant.Name}意向調査", null)).Value;
        Assert.True((await readiness.AnswerAsync(survey.Id, seed.Logins[Role.Staff].StaffId,
            new(Zaitaku.Readiness.HomeConnection.Fixed, Zaitaku.Readiness.HomePc.None, Zaitaku.Readiness.HomeWorkspace.Private, Zaitaku.Readiness.CareDuties.None, Zaitaku.Readiness.TeleworkWish.Often))).IsOk);
        // A denial in the gateway's decision log, for the dashboard and its drill-down.
        await Zaitaku.Data.Audit.DecisionLogStore.AppendAsync(scoped.Db, [new Zaitaku.Audit.DecisionRecord
        {
            ChainId = Zaitaku.Audit.DecisionRecord.ChainFor(seed.Tenant.Id, "gw1"), TenantId = seed.Tenant.Id, Node = "gw1", RequestId = system.Id.ToString("N"),
            StaffNumber = seed.Staff[0].StaffNumber, System = "docs", Path = $"/s/docs/{seed.Tenant.Name}", Reasons = "route_not_closed", PreviousHash = "", Hash = "",
        }], server.Time.GetUtcNow());
        var task = new Zaitaku.Data.Tasks.InventoryTask { Id = Guid.NewGuid(), Code = "KZ-01", Name = $"{seed.Tenant.Name}の課税業務", SectionId = seed.Units["330"].Id, SystemIds = [system.Id] };
        scoped.Db.Tasks.Add(task);
        scoped.Db.TaskAssignments.Add(new Zaitaku.Data.Tasks.TaskAssignmentEntry { Id = Guid.NewGuid(), TaskId = task.Id, StaffId = seed.Staff[6].Id, Percent = 50 });
        await scoped.Db.SaveChangesAsync();
        var hr = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(ZaitakuClaims.Role, nameof(Role.HrAdmin)), new(ZaitakuClaims.UserId, seed.Logins[Role.HrAdmin].UserId.ToString())], "test"));
        var plan = await scoped.Services.GetRequiredService<Zaitaku.Web.Tasks.Planning.PlanService>().CreateAsync(hr, new Zaitaku.Web.Tasks.Planning.PlanRequest(
            Zaitaku.Data.Tasks.PlanMode.Normal, Zaitaku.Data.Tasks.PlanScope.Section, seed.Units["330"].Id, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 11), null, 25, 2));
        var (device, document, handout) = await CreateDevicesAsync(server, seed, staffPrefix: seed.Staff[0].StaffNumber[..1]);
        return new TenantIds(seed.Units["330"].Id, seed.Staff[2].Id, seed.Logins[Role.Staff].UserId, preview.BatchId!.Value, token.Id, system.Id, route.Id, scenario.Id, survey.Id,
            device, document, handout, task.Id, plan.Value.Id);
    }

    /// <summary>PCs in several states, with a lease, a posture report, a loss notice, a kept erasure document and an open hand-out link.</summary>
    private static async Task<(Guid Device, Guid Document, string Handout)> CreateDevicesAsync(ConsoleServer server, TenantSeed seed, string staffPrefix)
    {
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        var tag = $"{staffPrefix}-PC-";
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var leases = scoped.Services.GetRequiredService<Web.Devices.LeaseService>();
            await leases.CreateAsync(new Web.Devices.LeaseContractInput($"{staffPrefix}-LEASE-1", "リース会社", 10_800, 30_000, new DateOnly(2026, 4, 1), new DateOnly(2030, 3, 31)), new Web.Devices.DeviceCaller(null, true));
        }
        var lent = await devices.CreateAsync(tag + "0001", Zaitaku.Devices.DeviceState.Lent, seed.Logins[Role.TenantAdmin].StaffId, contract: $"{staffPrefix}-LEASE-1");
        await devices.CreateAsync(tag + "0002", Zaitaku.Devices.DeviceState.Lost);
        var disposed = await devices.CreateAsync(tag + "0003", Zaitaku.Devices.DeviceState.Disposed);
        var kitting = await devices.CreateAsync(tag + "0004", Zaitaku.Devices.DeviceState.Kitting);
        using var db = server.OpenDb(seed.Tenant.Id);
        db.Db.TenantScope.SetActor(seed.Logins[Role.TenantAdmin].UserId, "admin");
        var report = new Zaitaku.Devices.Posture.PostureReport
        {
            OsBuild = "10.0.22631", AntivirusDefinitionsDate = new DateOnly(2026, 11, 25), DiskEncrypted = true, UserDataStoredLocally = false,
            ScreenCaptureBlocked = true, AgentVersion = "1.0.0", ReportedAt = server.Time.GetUtcNow(),
        };
        db.Db.PostureReports.Add(Data.Devices.PostureCheckIn.From(seed.Tenant.Id, lent.Id, lent.Certificate!.SerialNumber, report,
            Zaitaku.Devices.Posture.ComplianceRules.Default.Evaluate(report, server.Time.GetUtcNow()), server.Time.GetUtcNow()));
        await db.Db.SaveChangesAsync();
        var handout = await db.Services.GetRequiredService<Web.Devices.DeviceService>().MarkReadyAsync(kitting.Id, new Web.Devices.DeviceCaller(null, true), keepForDownload: true);
        var document = await db.Db.DeviceDocuments.Where(d => d.DeviceId == disposed.Id).Select(d => d.Id).SingleAsync();
        return (disposed.Id, document, handout.Value.Links!.Pkcs12Link["/devices/handouts/".Length..]);
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
