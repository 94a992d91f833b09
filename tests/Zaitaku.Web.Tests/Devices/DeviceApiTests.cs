using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Devices;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Tests.Devices;

/// <summary>/api/v1/devices on both databases: registration, the life cycle, and every refused transition.</summary>
public sealed class DeviceApiTests
{
    internal static async Task<(ConsoleServer Server, TenantSeed Seed, DeviceSeed Devices, HttpClient Api)> StartAsync(DatabaseProvider provider, string[]? scopes = null)
    {
        var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var (token, record) = ApiTokenAuthentication.Create(seed.Tenant.Id, "資産管理システム", scopes ?? [ApiScopes.DevicesRead, ApiScopes.DevicesWrite],
            seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
        scoped.Db.ApiTokens.Add(record);
        await scoped.Db.SaveChangesAsync();
        return (server, seed, devices, server.CreateApiClient(token));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient api, string path, object? body = null)
    {
        using var response = await api.PostAsync(path, body is null ? null : JsonContent.Create(body));
        return (response.StatusCode, await ReadAsync(response));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Text(JsonElement body, string name) => body.GetProperty(name).GetString()!;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Register_BadOrDuplicateInput_RefusedWithAMessageNamingIt_AndNothingWritten(DatabaseProvider provider)
    {
        var (server, seed, _, api) = await StartAsync(provider);
        await using var _ = server;

        var (created, device) = await PostAsync(api, "/api/v1/devices", new { assetTag = "TS-PC-0001", serialNumber = "5CG1234XYZ", model = DeviceSeed.Model });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("ordered", Text(device, "state"));

        var (sameTag, tagError) = await PostAsync(api, "/api/v1/devices", new { assetTag = "TS-PC-0001", serialNumber = "OTHER123", model = DeviceSeed.Model });
        Assert.Equal(HttpStatusCode.Conflict, sameTag);
        Assert.Equal("資産番号「TS-PC-0001」の端末は既に登録されています。", Text(tagError, "title"));

        var (sameSerial, serialError) = await PostAsync(api, "/api/v1/devices", new { assetTag = "TS-PC-0002", serialNumber = "5CG1234XYZ", model = DeviceSeed.Model });
        Assert.Equal(HttpStatusCode.Conflict, sameSerial);
        Assert.Equal("device_serial_number_taken", Text(serialError, "code"));

        var (unknownModel, modelError) = await PostAsync(api, "/api/v1/devices", new { assetTag = "TS-PC-0003", serialNumber = "AAA111", model = "MacBook Air" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownModel);
        Assert.Contains("機種「MacBook Air」は登録されていません", Text(modelError, "title"), StringComparison.Ordinal);
        Assert.Contains(DeviceSeed.Model, Text(modelError, "title"), StringComparison.Ordinal);

        var (unknownContract, contractError) = await PostAsync(api, "/api/v1/devices", new { assetTag = "TS-PC-0004", serialNumber = "BBB222", model = DeviceSeed.Model, leaseContractNumber = "L-9999" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownContract);
        Assert.Equal("契約番号「L-9999」のリース契約は登録されていません。", Text(contractError, "title"));

        var (badTag, badTagError) = await PostAsync(api, "/api/v1/devices", new { assetTag = "TS PC 5", serialNumber = "CCC333", model = DeviceSeed.Model });
        Assert.Equal(HttpStatusCode.BadRequest, badTag);
        Assert.StartsWith("assetTag: 資産番号「TS PC 5」は使えません", Text(badTagError, "title"), StringComparison.Ordinal);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(["TS-PC-0001"], await scoped.Db.Devices.Select(d => d.AssetTag).ToListAsync());
        Assert.Equal(1, await scoped.Db.AuditRecords.CountAsync(a => a.Action == "device.register"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LifeCycle_ThroughTheApi_IssuesAndRevokesCertificates_AndRecordsEveryEvent(DatabaseProvider provider)
    {
        var (server, seed, _, api) = await StartAsync(provider);
        await using var _ = server;
        var borrower = seed.Staff[5];
        var (_, registered) = await PostAsync(api, "/api/v1/devices", new { assetTag = "TS-PC-0100", serialNumber = "5CG0100", model = DeviceSeed.Model });
        var id = Text(registered, "id");

        var (kitting, kitted) = await PostAsync(api, $"/api/v1/devices/{id}/kitting");
        Assert.Equal(HttpStatusCode.OK, kitting);
        var items = kitted.GetProperty("checklist").EnumerateArray().Select(i => Text(i, "code")).ToList();
        Assert.Equal(KittingChecklist.Default.Items.Select(i => i.Code), items);

        var (early, earlyError) = await PostAsync(api, $"/api/v1/devices/{id}/ready");
        Assert.Equal(HttpStatusCode.Conflict, early);
        Assert.Equal("device_kitting_incomplete", Text(earlyError, "code"));
        Assert.Contains("ディスク暗号化の有効化", Text(earlyError, "title"), StringComparison.Ordinal);

        foreach (var item in items) Assert.Equal(HttpStatusCode.OK, (await PostAsync(api, $"/api/v1/devices/{id}/checklist/{item}")).Status);
        var (again, againError) = await PostAsync(api, $"/api/v1/devices/{id}/checklist/{items[0]}");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("device_checklist_item_already_ticked", Text(againError, "code"));

        var (ready, handout) = await PostAsync(api, $"/api/v1/devices/{id}/ready");
        Assert.Equal(HttpStatusCode.OK, ready);
        var firstSerial = Text(handout, "serialNumber");
        using (var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(Text(handout, "pkcs12Base64")), Text(handout, "password")))
        {
            Assert.True(certificate.HasPrivateKey);
            Assert.Equal("TS-PC-0100", certificate.GetNameInfo(X509NameType.SimpleName, false));
            Assert.Equal(firstSerial, certificate.SerialNumber);
        }
        Assert.Throws<CryptographicException>(() => X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(Text(handout, "pkcs12Base64")), "wrong-password"));
        using (var key = ECDsa.Create())
        {
            key.ImportFromEncryptedPem(Text(handout, "encryptedPrivateKeyPem"), Text(handout, "password"));
            using var pemCertificate = X509Certificate2.CreateFromPem(Text(handout, "certificatePem"));
            Assert.Equal(pemCertificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
        }

        var (lent, offer) = await PostAsync(api, $"/api/v1/devices/{id}/loan", new { staffNumber = borrower.StaffNumber, dueDate = "2027-03-31" });
        Assert.Equal(HttpStatusCode.OK, lent);
        Assert.Equal("ready", Text(offer, "state"));
        Assert.Equal(DeviceSeed.TermsVersion, Text(offer.GetProperty("loan"), "termsVersion"));

        // The borrower accepts on the console (tokens are not staff): the loan counts from then.
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var service = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DeviceService>(scoped.Services);
            var wrongPerson = await service.AcceptTermsAsync(Guid.Parse(id), DeviceSeed.TermsVersion, new DeviceCaller(seed.Staff[4].Id, false));
            Assert.Equal("device_not_yours", wrongPerson.Error!.Code);
            Assert.True((await service.AcceptTermsAsync(Guid.Parse(id), DeviceSeed.TermsVersion, new DeviceCaller(borrower.Id, false))).IsOk);
        }

        var (returned, afterReturn) = await PostAsync(api, $"/api/v1/devices/{id}/return", new { text = "天板に小傷" });
        Assert.Equal(HttpStatusCode.OK, returned);
        Assert.Equal("returned", Text(afterReturn, "state"));
        Assert.Equal("cessationOfOperation", Text(afterReturn.GetProperty("certificate"), "revocationReason"));

        var (_, secondHandout) = await PostAsync(api, $"/api/v1/devices/{id}/ready");
        var secondSerial = Text(secondHandout, "serialNumber");
        Assert.NotEqual(firstSerial, secondSerial);

        var (_, lostDevice) = await PostAsync(api, $"/api/v1/devices/{id}/lost", new { text = "庁舎外で盗難" });
        Assert.Equal("lost", Text(lostDevice, "state"));
        Assert.Equal("keyCompromise", Text(lostDevice.GetProperty("certificate"), "revocationReason"));
        Assert.Equal("庁舎外で盗難", Text(lostDevice.GetProperty("wipeOrder"), "circumstances"));

        using var events = await api.GetAsync($"/api/v1/devices/{id}/events");
        var timeline = (await ReadAsync(events)).EnumerateArray().Select(e => Text(e, "operation")).Reverse().ToList();
        Assert.Equal(["register", "start_kitting", "tick_checklist_item", "tick_checklist_item", "tick_checklist_item", "tick_checklist_item",
            "mark_ready", "lend", "accept_terms", "return", "mark_ready", "report_lost"], timeline);

        using var counts = await api.GetAsync("/api/v1/devices/counts");
        var countsBody = await ReadAsync(counts);
        Assert.Equal(1, countsBody.GetProperty("byState").GetProperty("lost").GetInt32());
        Assert.Equal(1, countsBody.GetProperty("total").GetInt32());

        using var check = server.OpenDb(seed.Tenant.Id);
        var ledger = await check.Db.DeviceCertificates.ToListAsync();
        Assert.Equal(new[] { firstSerial, secondSerial }.Order(), ledger.Select(c => c.SerialNumber).Order());
        Assert.All(ledger, c => Assert.NotNull(c.RevokedAt));
        var audited = await check.Db.AuditRecords.Where(a => a.TargetId == id && a.Action.StartsWith("device.")).Select(a => a.Action).ToListAsync();
        Assert.Equal(timeline.Select(t => "device." + t).Order(), audited.Where(a => a != "device.created" && a != "device.updated").Order());
        Assert.Equal(1, await check.Db.DeviceNotices.CountAsync(n => n.DeviceId == Guid.Parse(id) && n.AcknowledgedAt == null));
    }

    /// <summary>Each API operation and the state it moves to (null: keeps the state, allowed only in some states).</summary>
    private static readonly (string Method, string Path, object? Body, DeviceState? Target, DeviceState[] AllowedIn)[] Operations =
    [
        ("POST", "kitting", null, DeviceState.Kitting, []),
        ("POST", "ready", null, DeviceState.Ready, []),
        ("POST", "loan", new { staffNumber = "1006", dueDate = "2027-03-31" }, DeviceState.Lent, []),
        ("POST", "return", new { text = "" }, DeviceState.Returned, []),
        ("POST", "failure", new { text = "故障" }, DeviceState.Failed, []),
        ("POST", "rekitting", null, DeviceState.Rekitting, []),
        ("POST", "lost", new { text = "" }, DeviceState.Lost, []),
        ("POST", "disposal", null, DeviceState.Disposing, []),
        ("POST", "disposal/complete", new { method = "NIST SP 800-88 Purge", @operator = "業者", erasedOn = "2026-11-20", certificateNumber = "E-1", documentReference = "DMS-1" }, DeviceState.Disposed, []),
        ("POST", "checklist/os_image", null, null, [DeviceState.Kitting, DeviceState.Rekitting]),
        ("POST", "certificate/renew", null, null, [DeviceState.Ready, DeviceState.Lent]),
        ("DELETE", "loan", null, null, [DeviceState.Ready]),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryOperation_InAStateThatDoesNotAllowIt_Refused409NamingTheStateAndTheAllowedNext_AndChangesNothing(DatabaseProvider provider)
    {
        var (server, seed, devices, api) = await StartAsync(provider);
        await using var _ = server;
        var refused = 0;
        foreach (var state in Enum.GetValues<DeviceState>())
        {
            var device = await devices.CreateAsync($"TS-{state}", state);
            var before = await StateOfAsync(server, seed, device.Id);
            foreach (var (method, path, body, target, allowedIn) in Operations)
            {
                var allowed = target is { } to ? DeviceTransitions.IsAllowed(state, to) : allowedIn.Contains(state);
                if (allowed) continue;
                using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/devices/{device.Id}/{path}") { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await api.SendAsync(request);
                var problem = await ReadAsync(response);
                var call = $"{method} {path} on a {state} PC";
                Assert.True(HttpStatusCode.Conflict == response.StatusCode, $"{call}: {response.StatusCode} {problem}");
                var message = Text(problem, "title");
                Assert.Contains($"「{state.Label().Ja}」", message, StringComparison.Ordinal);
                if (target is { } moveTo)
                {
                    Assert.Equal("device_transition_not_allowed", Text(problem, "code"));
                    Assert.Contains($"から「{moveTo.Label().Ja}」には変更できません", message, StringComparison.Ordinal);
                    var allowedNext = DeviceTransitions.AllowedNext(state);
                    Assert.EndsWith(allowedNext.Count == 0 ? "次に可能な状態: なし" : "次に可能な状態: " + string.Concat(allowedNext.Select(s => $"「{s.Label().Ja}」")), message, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal("device_operation_not_allowed", Text(problem, "code"));
                    Assert.EndsWith("の端末でのみ可能です。", message, StringComparison.Ordinal);
                    foreach (var s in allowedIn) Assert.Contains($"「{s.Label().Ja}」", message, StringComparison.Ordinal);
                }
                refused++;
            }
            Assert.Equal(before, await StateOfAsync(server, seed, device.Id));
        }
        // 9 moves: 90 less the 13 issue 3 allows = 77; 3 state-keeping operations: 30 less 5 allowed = 25.
        Assert.Equal(102, refused);
    }

    [Fact]
    public async Task Refusal_LentToKitting_ReadsAsTheIssueWordsIt()
    {
        var (server, _, devices, api) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = server;
        var device = await devices.CreateAsync("TS-PC-0200", DeviceState.Lent);
        var (status, problem) = await PostAsync(api, $"/api/v1/devices/{device.Id}/kitting");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("現在の状態「貸出中」から「キッティング中」には変更できません。次に可能な状態: 「返却済」「故障」「紛失・盗難」", Text(problem, "title"));
    }

    [Fact]
    public async Task Disposal_WithoutErasureCertificate_RefusedNamingEveryMissingField()
    {
        var (server, _, devices, api) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = server;
        var device = await devices.CreateAsync("TS-PC-0300", DeviceState.Disposing);
        var (status, problem) = await PostAsync(api, $"/api/v1/devices/{device.Id}/disposal/complete", new { method = "NIST SP 800-88 Purge" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("データ消去証明書の記載が足りないため廃棄済にできません。不足: 作業者 (operator)、消去日 (erasedOn)、証明書番号 (certificateNumber)、証明書の原本 (documentReference)",
            Text(problem, "title"));
        using var get = await api.GetAsync($"/api/v1/devices/{device.Id}");
        Assert.Equal("disposing", Text(await ReadAsync(get), "state"));
    }

    [Fact]
    public async Task Lend_BeforeAnyTermsArePublished_RefusedSayingWhereToPublish()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var settings = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DeviceSettings>(scoped.Services);
        await settings.AddModelAsync(DeviceSeed.Model, "Dell");
        var service = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DeviceService>(scoped.Services);
        var it = new DeviceCaller(null, true);
        var device = (await service.RegisterAsync(new DeviceRegistrationInput("TS-PC-0400", "SN0400", DeviceSeed.Model, null), it)).Value;
        await service.StartKittingAsync(device.Id, it);
        foreach (var item in KittingChecklist.Default.Items) await service.TickAsync(device.Id, item.Code, it);
        await service.MarkReadyAsync(device.Id, it, false);

        var lend = await service.LendAsync(device.Id, seed.Staff[5].StaffNumber, new DateOnly(2027, 3, 31), it);

        Assert.Equal("device_no_lending_terms", lend.Error!.Code);
        Assert.Equal("誓約書が登録されていないため貸し出せません。「端末の設定」の「誓約書」で公開してください。", lend.Error.Message.Ja);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_FiltersByStateOverdueAndPrefix_AndCountsPerState(DatabaseProvider provider)
    {
        var (server, _, devices, api) = await StartAsync(provider);
        await using var _ = server;
        await devices.CreateAsync("HQ-0001", DeviceState.Lent);
        await devices.CreateAsync("HQ-0002", DeviceState.Lent);
        await devices.CreateAsync("HQ-0003", DeviceState.Ready);
        await devices.CreateAsync("BR-0001", DeviceState.Ordered);
        server.Time.Advance(TimeSpan.FromDays(200)); // past the six-month due dates

        using var lent = await api.GetAsync("/api/v1/devices?state=lent");
        Assert.Equal(["HQ-0001", "HQ-0002"], (await ReadAsync(lent)).GetProperty("items").EnumerateArray().Select(i => Text(i, "assetTag")));
        using var overdue = await api.GetAsync("/api/v1/devices?overdue=true");
        var overdueItems = (await ReadAsync(overdue)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, overdueItems.Count);
        Assert.All(overdueItems, i => Assert.True(i.GetProperty("overdue").GetBoolean()));
        using var prefix = await api.GetAsync("/api/v1/devices?q=HQ");
        Assert.Equal(3, (await ReadAsync(prefix)).GetProperty("total").GetInt32());
        using var scanned = await api.GetAsync("/api/v1/devices?q=" + Uri.EscapeDataString("HQ-0003 SNHQ0003"));
        Assert.Equal(["HQ-0003"], (await ReadAsync(scanned)).GetProperty("items").EnumerateArray().Select(i => Text(i, "assetTag")));
        using var counts = await api.GetAsync("/api/v1/devices/counts");
        var body = await ReadAsync(counts);
        Assert.Equal((4, 2, 1, 1, 2), (body.GetProperty("total").GetInt32(), body.GetProperty("byState").GetProperty("lent").GetInt32(),
            body.GetProperty("byState").GetProperty("ready").GetInt32(), body.GetProperty("byState").GetProperty("ordered").GetInt32(), body.GetProperty("overdue").GetInt32()));
    }

    [Fact]
    public async Task ReadOnlyToken_CannotRegister()
    {
        var (server, _, _, api) = await StartAsync(DatabaseProvider.Sqlite, [ApiScopes.DevicesRead]);
        await using var _ = server;
        using var response = await api.PostAsync("/api/v1/devices", JsonContent.Create(new { assetTag = "TS-1", serialNumber = "S1", model = DeviceSeed.Model }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var list = await api.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private static async Task<string> StateOfAsync(ConsoleServer server, TenantSeed seed, Guid id)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var device = await scoped.Db.Devices.AsNoTracking().SingleAsync(d => d.Id == id);
        var events = await scoped.Db.DeviceEvents.CountAsync(e => e.DeviceId == id);
        return JsonSerializer.Serialize(new { device.State, device.LastChangedAt, device.Certificate, device.Loan, device.ChecklistTicks, events });
    }
}
