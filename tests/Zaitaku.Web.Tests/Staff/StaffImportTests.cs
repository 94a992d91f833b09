using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Security;
using Zaitaku.Web.Staff;

namespace Zaitaku.Web.Tests.Staff;

public sealed class StaffImportTests
{
    private static async Task<(ConsoleServer Server, TenantSeed Seed, HttpClient Api)> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var (token, record) = ApiTokenAuthentication.Create(seed.Tenant.Id, "HR", ApiScopes.All, seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
        scoped.Db.ApiTokens.Add(record);
        await scoped.Db.SaveChangesAsync();
        return (server, seed, server.CreateApiClient(token));
    }

    private static async Task<(HttpStatusCode Status, ImportResultDto Result)> ImportAsync(HttpClient api, byte[] file, string name = "staff.csv", bool commit = true)
    {
        using var body = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        var response = await api.PostAsync($"/api/v1/staff/import?commit={(commit ? "true" : "false")}", body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<ImportResultDto>())!);
    }

    private static async Task<List<StaffMember>> StaffAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        return await scoped.Db.Staff.AsNoTracking().OrderBy(s => s.StaffNumber).ToListAsync();
    }

    private static string[] SeedRows(TenantSeed seed) => seed.Staff.Select(s => ImportFiles.Row(s.StaffNumber, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana,
        StaffRules.EmploymentCode(s.Employment), seed.Units.Values.Single(u => u.Id == s.SectionId).Code, s.Position ?? "", "2020-04-01", email: s.Email)).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ShiftJisCsv_AddsChangesAndDeactivatesByStaffNumber(DatabaseProvider provider)
    {
        var (server, seed, api) = await StartAsync(provider);
        await using var _ = server;
        int Count(string action)
        {
            using var scoped = server.OpenDb(seed.Tenant.Id);
            return scoped.Db.AuditRecords.Count(a => a.TenantId == seed.Tenant.Id && a.Action == action);
        }
        var (created, updated) = (Count("staff.created"), Count("staff.updated"));
        var rows = SeedRows(seed).ToList();
        rows.RemoveAt(7);                                                        // 中村 陽子 leaves
        rows[0] = rows[0].Replace("山田,太郎,やまだ,たろう", "山田,太一,やまだ,たいち", StringComparison.Ordinal); // a correction
        rows.Add(ImportFiles.Row("2001", "髙橋", "𠮷男", "たかはし", "よしお", "会計年度任用", "330", "会計年度任用職員")); // new, with characters outside JIS X 0208 in UTF-8 only
        rows[^1] = ImportFiles.Row("2001", "高橋", "吉男", "たかはし", "よしお", "会計年度任用", "330", "会計年度任用職員");

        var (status, result) = await ImportAsync(api, ImportFiles.Csv(ImportFiles.ShiftJis, [.. rows]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(result.Committed);
        Assert.Equal((1, 1, 1, 6), (result.Added, result.Changed, result.Deactivated, result.Unchanged));
        var staff = await StaffAsync(server, seed);
        Assert.Equal("太一", staff.Single(s => s.StaffNumber == seed.Staff[0].StaffNumber).GivenName);
        Assert.Equal(EmploymentType.FiscalYearAppointed, staff.Single(s => s.StaffNumber == "2001").Employment);
        Assert.Equal(new DateOnly(2026, 11, 25), staff.Single(s => s.StaffNumber == seed.Staff[7].StaffNumber).ActiveTo);

        Assert.Equal(1, Count("staff.import_committed"));
        Assert.Equal(created + 1, Count("staff.created"));
        Assert.Equal(updated + 2, Count("staff.updated"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ManyRows_AreWrittenInBulkWithAnAuditRecordEach_AndTheChainVerifies(DatabaseProvider provider)
    {
        var (server, seed, api) = await StartAsync(provider);
        await using var _ = server;
        var rows = SeedRows(seed).Concat(Enumerable.Range(0, 600).Select(i =>
            ImportFiles.Row($"{50000 + i}", "木村", "拓也", "きむら", "たくや", i % 2 == 0 ? "再任用" : "正規", i % 3 == 0 ? "310" : "330", from: "2025-10-01"))).ToArray();

        var (status, result) = await ImportAsync(api, ImportFiles.Csv(ImportFiles.ShiftJis, rows));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(600, result.Added);
        var staff = await StaffAsync(server, seed);
        var one = staff.Single(s => s.StaffNumber == "50004");
        Assert.Equal((EmploymentType.Reemployed, new DateOnly(2025, 10, 1), seed.Units["330"].Id, "きむらたくや"), (one.Employment, one.ActiveFrom, one.SectionId, one.KanaKey));
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var created = await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id && a.Action == "staff.created" && a.TargetId == one.Id.ToString()).SingleAsync();
        Assert.Contains("\"StaffNumber\":\"50004\"", created.Summary, StringComparison.Ordinal);
        Assert.Equal(server.Time.GetUtcNow(), created.At);
        var report = Assert.Single(await Data.Audit.AuditMaintenance.VerifyAsync(scoped.Db, [seed.Tenant.Id]));
        Assert.True(report.Verification.Whole, report.Verification.Problem);
        var page = await (await api.GetAsync("/api/v1/staff?q=きむら&pageSize=5")).Content.ReadFromJsonAsync<StaffPageDto>();
        Assert.Equal(600, page!.Total);
    }

    [Fact]
    public async Task Import_DeactivatedStaffWithAccount_CannotSignInAnyMore()
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.Staff, server);
        var staffNumber = seed.StaffLogin.LoginId;
        var rows = SeedRows(seed).Where(r => !r.StartsWith(staffNumber + ",", StringComparison.Ordinal)).ToArray();

        var (_, result) = await ImportAsync(api, ImportFiles.Utf8Bom(rows));

        Assert.Equal(1, result.Deactivated);
        var response = await client.GetRawAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var other = server.CreateClient();
        var page = await other.SignInAsync(seed.StaffLogin.TenantCode, staffNumber, seed.StaffLogin.Password);
        Assert.Equal("/login", page.Address.AbsolutePath);
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf8bom")]
    [InlineData("sjis")]
    [InlineData("xlsx")]
    public async Task Import_EachFormat_IsRead(string format)
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        string[] rows = [.. SeedRows(seed), ImportFiles.Row("3001", "斎藤", "凛", "さいとう", "りん")];
        var file = format switch
        {
            "utf8" => ImportFiles.Csv(new UTF8Encoding(false), rows),
            "utf8bom" => ImportFiles.Utf8Bom(rows),
            "sjis" => ImportFiles.Csv(ImportFiles.ShiftJis, rows),
            _ => Xlsx(rows),
        };

        var (status, result) = await ImportAsync(api, file, format == "xlsx" ? "staff.xlsx" : "staff.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 0, 0, 8), (result.Added, result.Changed, result.Deactivated, result.Unchanged));
        Assert.Contains(await StaffAsync(server, seed), s => s.StaffNumber == "3001" && s.GivenNameKana == "りん");
    }

    private static byte[] Xlsx(string[] rows)
    {
        var header = ImportFiles.Header.Split(',');
        var table = rows.Select(r => header.Zip(r.Split(',')).ToDictionary(p => p.First, p => (object?)p.Second)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(table);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_BadRows_NameRowColumnAndProblem_AndChangeNothing(DatabaseProvider provider)
    {
        var (server, seed, api) = await StartAsync(provider);
        await using var _ = server;
        var before = await StaffAsync(server, seed);
        int StaffAudits(ConsoleServer s)
        {
            using var scoped = s.OpenDb(seed.Tenant.Id);
            return scoped.Db.AuditRecords.Count(a => a.TenantId == seed.Tenant.Id && a.Action.StartsWith("staff."));
        }
        var auditsBefore = StaffAudits(server);
        string[] rows =
        [
            ImportFiles.Row("4001", "青木", "翔", "あおき", "しょう"),
            ImportFiles.Row("4002", "石井", "葵", "いしい", "あおい", section: "999"),
            ImportFiles.Row("4003", "上田", "蓮", "上田", "れん"),
            ImportFiles.Row("4001", "小川", "陽", "おがわ", "はる"),
            ImportFiles.Row("4005", "大野", "湊", "おおの", "みなと", employment: "パート"),
            ImportFiles.Row("4006", "", "結衣", "かとう", "ゆい", from: "2026/13/01"),
        ];

        var (status, result) = await ImportAsync(api, ImportFiles.Csv(ImportFiles.ShiftJis, rows));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(result.Committed);
        var messages = result.Problems.Select(p => (p.Row, p.Column, p.Message)).ToList();
        Assert.Contains((3, "所属コード", "3行目「所属コード」: 所属コード「999」の課・係は登録されていません"), messages);
        Assert.Contains((4, "姓（かな）", "4行目「姓（かな）」: ひらがなまたはカタカナで入力してください"), messages);
        Assert.Contains((5, "職員番号", "5行目「職員番号」: 職員番号「4001」が2行目と重複しています"), messages);
        Assert.Contains(messages, m => m.Row == 6 && m.Column == "雇用区分" && m.Message.Contains("「パート」は雇用区分として使えません", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Row == 7 && m.Column == "姓" && m.Message.Contains("入力されていません", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Row == 7 && m.Column == "任用開始日" && m.Message.Contains("「2026/13/01」は日付として読めません", StringComparison.Ordinal));
        Assert.Equal(before.Count, (await StaffAsync(server, seed)).Count);
        Assert.Equal(auditsBefore, StaffAudits(server));
    }

    [Fact]
    public async Task Import_MissingRequiredColumns_NamesEachColumn()
    {
        var (server, _, api) = await StartAsync();
        await using var _ = server;
        var file = Encoding.UTF8.GetBytes("職員番号,姓,名\n5001,森,蒼\n");
        var (status, result) = await ImportAsync(api, file);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["姓（かな）", "名（かな）", "雇用区分", "所属コード"], result.Problems.Select(p => p.Column));
        Assert.All(result.Problems, p => Assert.Contains("必須の列", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_TruncatedCsv_SaysTheQuotesDoNotMatch()
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        var file = Encoding.UTF8.GetBytes(ImportFiles.Header + "\n6001,\"森,蒼,もり,あお,,正規,110,主事,2024-04-01,\n");
        var (status, result) = await ImportAsync(api, file);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("引用符", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(8, (await StaffAsync(server, seed)).Count);
    }

    [Fact]
    public async Task Import_TruncatedXlsx_SaysTheFileIsDamaged()
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        var xlsx = Xlsx(SeedRows(seed));
        var (status, result) = await ImportAsync(api, xlsx[..(xlsx.Length / 2)], "staff.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Excelファイル（.xlsx）を読み取れません", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WrongEncoding_SaysItCannotTell()
    {
        var (server, _, api) = await StartAsync();
        await using var _ = server;
        var utf16 = Encoding.Unicode.GetBytes(ImportFiles.Header + "\n");
        var (status, result) = await ImportAsync(api, [0x81, 0x20, 0xFF, .. utf16]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("文字コードを判別できません", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Over20Megabytes_IsRefusedBeforeReading()
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        var file = new byte[21 * 1024 * 1024];
        Encoding.UTF8.GetBytes(ImportFiles.Header + "\n").CopyTo(file, 0);
        Array.Fill(file, (byte)'a', 200, file.Length - 200);
        using var body = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "big.csv" } };
        var response = await api.PostAsync("/api/v1/staff/import?commit=true", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("20MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(8, (await StaffAsync(server, seed)).Count);
    }

    [Fact]
    public async Task Commit_WhenTheOrganisationChangedSincePreview_RefusesAndChangesNothing()
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        var (_, preview) = await ImportAsync(api, ImportFiles.Utf8Bom([.. SeedRows(seed), ImportFiles.Row("7001", "西村", "悠真", "にしむら", "ゆうま", section: "120")]), commit: false);
        Assert.Empty(preview.Problems);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var unit = await scoped.Db.OrgUnits.SingleAsync(u => u.Code == "120");
            unit.Active = false;
            await scoped.Db.SaveChangesAsync();
        }
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var result = await scoped.Services.GetRequiredService<StaffImport>().CommitAsync(preview.BatchId!.Value);
            var refused = Assert.IsType<ImportRefused>(result.Error);
            Assert.Contains(refused.Problems, p => p.Column == "所属コード" && p.Value == "120");
        }
        Assert.DoesNotContain(await StaffAsync(server, seed), s => s.StaffNumber == "7001");
    }

    [Fact]
    public async Task Export_ThenImport_ChangesNothing_AndFormulasAreNeutralised()
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var s = await scoped.Db.Staff.SingleAsync(x => x.Id == seed.Staff[1].Id);
            s.Position = "=cmd|' /C calc'!A0";
            await scoped.Db.SaveChangesAsync();
        }
        foreach (var format in new[] { "csv", "csv-sjis", "xlsx" })
        {
            var response = await api.GetAsync($"/api/v1/staff/export?format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var text = format == "xlsx" ? string.Join("\n", new MemoryStream(bytes).Query().Select(r => string.Join(",", ((IDictionary<string, object?>)r).Values)))
                : format == "csv" ? Encoding.UTF8.GetString(bytes) : ImportFiles.ShiftJis.GetString(bytes);
            Assert.Contains("'=cmd|", text, StringComparison.Ordinal);
            Assert.DoesNotContain(",=cmd|", text, StringComparison.Ordinal);
            if (format == "csv") Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        }
        var export = await (await api.GetAsync("/api/v1/staff/export?format=csv")).Content.ReadAsByteArrayAsync();
        var (_, result) = await ImportAsync(api, export);
        Assert.Equal(7, result.Unchanged);
        Assert.Equal(1, result.Changed);
    }

    [Fact]
    public async Task StaffPage_ScriptInAName_IsShownAsText()
    {
        var (server, seed, api) = await StartAsync();
        await using var _ = server;
        var create = await api.PostAsJsonAsync("/api/v1/staff", new StaffRequest("8001", "<script>alert(1)</script>", "花子", "すくりぷと", "はなこ",
            null, "regular", "110", null, new DateOnly(2025, 4, 1), null));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var page = await client.GetAsync("/staff?q=すくりぷと");

        Assert.DoesNotContain("<script>alert(1)</script>", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> 花子", page.Text, StringComparison.Ordinal);
    }
}
