using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Decisions;

/// <summary>IT and auditors search the gateway's decision log, open one request and export what they found.</summary>
public sealed class DecisionLogTests
{
    private const string BName = "ベータ町";

    /// <summary>テスト市's requests, and ベータ町's, which share a PC serial, an address, a reason and a staff number with them.</summary>
    private sealed record Log(ConsoleServer Server, TenantSeed Seed, TenantSeed Other, string BRequest)
    {
        public string Staff0 => Seed.Staff[0].StaffNumber;
        public string Staff2 => Seed.Staff[2].StaffNumber;
    }

    private static DateTimeOffset Tokyo(int day, int hour, int minute = 0, int second = 0) => new(2026, 11, day, hour, minute, second, TimeSpan.FromHours(9));

    private static DecisionRecord Entry(TenantSeed seed, string requestId, DecisionEntryKind kind, string? staffNumber, string serial, string address, string route,
        string system, string path, bool allow, string reasons, string node = "gw1") => new()
    {
        ChainId = DecisionRecord.ChainFor(seed.Tenant.Id, node), TenantId = seed.Tenant.Id, Node = node, Kind = kind, RequestId = requestId,
        StaffNumber = staffNumber, DeviceSerial = serial, SourceAddress = address, Route = route, System = system, Method = "GET", Path = path,
        Allow = allow, Reasons = reasons, Status = allow ? null : 403, PreviousHash = "", Hash = "",
    };

    private static async Task AppendAsync(ConsoleServer server, DateTimeOffset at, params DecisionRecord[] records)
    {
        using var scoped = server.OpenDb(records[0].TenantId);
        await DecisionLogStore.AppendAsync(scoped.Db, records, at);
    }

    private static async Task<Log> SeedAsync(DatabaseProvider provider)
    {
        var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var other = await TenantSeed.CreateAsync(server, "131002", BName, "B");
        var s0 = seed.Staff[0].StaffNumber;
        var s2 = seed.Staff[2].StaffNumber;
        var s4 = seed.Staff[4].StaffNumber;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.Systems.Add(new Zaitaku.Systems.RegisteredSystem { Id = Guid.NewGuid(), Slug = "docs", Name = "文書管理", UpstreamUrl = "http://127.0.0.1:9/", Remote = true });
            await scoped.Db.SaveChangesAsync();
        }

        // r1: allowed, then its result; r4: allowed, then its download blocked.
        await AppendAsync(server, Tokyo(20, 9), Entry(seed, "a0000000000000r1", DecisionEntryKind.Decision, s0, "PC-0001", "10.20.0.5", "vpn", "docs", "/list", true, ""));
        var result = Entry(seed, "a0000000000000r1", DecisionEntryKind.Result, s0, "PC-0001", "10.20.0.5", "vpn", "docs", "/list", true, "");
        result.Status = 200;
        result.Bytes = 5120;
        result.DurationMs = 12.5;
        await AppendAsync(server, Tokyo(20, 9, 0, 1), result);
        await AppendAsync(server, Tokyo(20, 10), Entry(seed, "a0000000000000r2", DecisionEntryKind.Decision, s2, "PC-0002", "100.64.1.1", "lte", "docs", "/list", false, "route_not_closed"));
        await AppendAsync(server, Tokyo(21, 10), Entry(seed, "a0000000000000r3", DecisionEntryKind.Decision, s2, "PC-0002", "10.20.0.6", "vpn", "tax", "/tax/x", false, "route_unknown,data_class_restricted"));
        await AppendAsync(server, Tokyo(21, 11), Entry(seed, "a0000000000000r4", DecisionEntryKind.Decision, s0, "PC-0001", "10.20.0.5", "vpn", "docs", "/files/a.pdf", true, "", node: "gw2"));
        var blocked = Entry(seed, "a0000000000000r4", DecisionEntryKind.Result, s0, "PC-0001", "10.20.0.5", "vpn", "docs", "/files/a.pdf", false, "download_blocked", node: "gw2");
        blocked.Bytes = 900;
        await AppendAsync(server, Tokyo(21, 11, 0, 1), blocked);
        await AppendAsync(server, Tokyo(22, 8), Entry(seed, "a0000000000000r5", DecisionEntryKind.Decision, s4, "PC-0003", "10.20.0.7", "vpn", "juki", "/", false, "segment_mynumber,route_not_closed"));

        // ベータ町: the same PC serial, address, reason and even テスト市's staff[2]'s number, in the same days.
        await AppendAsync(server, Tokyo(20, 10, 30), Entry(other, "b00000000000000b", DecisionEntryKind.Decision, s2, "PC-0001", "10.20.0.5", "vpn", "docs", $"/{BName}", false, "route_not_closed"));
        await AppendAsync(server, Tokyo(21, 10, 30), Entry(other, "b00000000000000c", DecisionEntryKind.Decision, s0, "PC-0001", "10.20.0.5", "vpn", "tax", $"/{BName}", true, ""));
        return new Log(server, seed, other, "b00000000000000b");
    }

    private static List<string> RequestIds(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=decision-table] [data-testid=request-id]").Select(a => a.TextContent.Trim()).ToList();

    private static string[] Ids(params int[] numbers) => numbers.Select(n => $"a0000000000000r{n}").ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_EachFilter_ShowsExactlyTheMatchingRequestsOfTheCallersMunicipality(DatabaseProvider provider)
    {
        var log = await SeedAsync(provider);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, Role.ItAdmin, log.Server);

        (string Query, string[] Expected)[] cases =
        [
            ("", Ids(5, 4, 3, 2, 1)),
            ($"staff={log.Staff2}", Ids(3, 2)),
            ("device=PC-0001", Ids(4, 1)),
            ("system=tax", Ids(3)),
            ("outcome=allow", Ids(1)),
            ("outcome=deny", Ids(5, 4, 3, 2)),
            ("reason=route_not_closed", Ids(5, 2)),
            ("reason=download_blocked", Ids(4)),
            ("reason=route_unknown&outcome=deny", Ids(3)),
            ("request=a0000000000000r2", Ids(2)),
            ("request=A0000000000000R2", Ids(2)),
            ("address=10.20.0.5", Ids(4, 1)),
            ("from=2026-11-21T00:00&to=2026-11-21T10:30", Ids(3)),
            ("from=2026-11-20&to=2026-11-20", Ids(2, 1)),
            ("from=2026-11-21T11:00", Ids(5, 4)),
            ("to=2026-11-20T09:00", Ids(1)),
            ($"staff={log.Staff0}&outcome=deny", Ids(4)),
            ($"request={log.BRequest}", []),
        ];
        foreach (var (query, expected) in cases)
        {
            var page = await client.GetAsync("/decisions?" + query);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(expected.SequenceEqual(RequestIds(page)), $"/decisions?{query}: expected [{string.Join(", ", expected)}], shown [{string.Join(", ", RequestIds(page))}]");
            Assert.DoesNotContain(BName, page.Html, StringComparison.Ordinal);
            if (expected.Length == 0) Assert.NotNull(page.Document.QuerySelector("[data-testid=no-decisions]"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_Row_ShowsTheResultOfTheSameRequestAndTheReasonsInWords(DatabaseProvider provider)
    {
        var log = await SeedAsync(provider);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, Role.Auditor, log.Server);

        var page = await client.GetAsync("/decisions");
        var rows = page.Document.QuerySelectorAll("[data-testid=decision-table] tbody tr").ToDictionary(r => r.QuerySelector("[data-testid=request-id]")!.TextContent.Trim());

        var allowed = rows["a0000000000000r1"];
        Assert.StartsWith("2026/11/20 09:00:00", allowed.Children[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("/decisions/a0000000000000r1", allowed.QuerySelector("[data-testid=request-id]")!.GetAttribute("href"));
        Assert.Contains("山田 太郎", allowed.Children[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("文書管理", allowed.Children[3].TextContent, StringComparison.Ordinal);
        Assert.Equal("許可", allowed.Children[4].TextContent.Trim());
        Assert.Equal("200", allowed.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Equal("5,120 B", allowed.QuerySelector("[data-testid=bytes]")!.TextContent.Trim());
        Assert.Equal("12.5 ms", allowed.QuerySelector("[data-testid=duration]")!.TextContent.Trim());

        var denied = rows["a0000000000000r5"];
        Assert.Equal("拒否", denied.Children[4].TextContent.Trim());
        Assert.Contains("segment_mynumber", denied.Children[5].TextContent, StringComparison.Ordinal);
        Assert.Contains("マイナンバー利用事務系のシステムには", denied.Children[5].TextContent, StringComparison.Ordinal);
        Assert.Contains("閉域網（閉域VPN・閉域SIM）以外の経路からは", denied.Children[5].TextContent, StringComparison.Ordinal);
        Assert.Equal("403", denied.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Null(denied.QuerySelector("[data-testid=bytes]"));

        var blocked = rows["a0000000000000r4"];
        Assert.Equal("遮断", blocked.Children[4].TextContent.Trim());
        Assert.Contains("ファイルのダウンロードを遮断しました", blocked.Children[5].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_ManyRequestsInOneGroupCommit_PagesWithoutGapsOrRepeats(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        // One group commit gives every record the same instant: only the id orders them.
        var ids = Enumerable.Range(0, 120).Select(i => $"req{i:000}").ToList();
        await AppendAsync(server, Tokyo(25, 9), ids.Take(70).Select(id => Entry(seed, id, DecisionEntryKind.Decision, "1001", "PC-0001", "10.20.0.5", "vpn", "docs", "/", false, "route_unknown")).ToArray());
        await AppendAsync(server, Tokyo(25, 10), ids.Skip(70).Select(id => Entry(seed, id, DecisionEntryKind.Decision, "1001", "PC-0001", "10.20.0.5", "vpn", "docs", "/", false, "route_unknown")).ToArray());
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.ItAdmin, server);

        var seen = new List<string>();
        var pages = new List<Page>();
        string? next = "/decisions?reason=route_unknown";
        while (next is not null)
        {
            var page = await client.GetAsync(next);
            pages.Add(page);
            seen.AddRange(RequestIds(page));
            next = page.Document.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(3, pages.Count);
        Assert.Equal(Enumerable.Reverse(ids).ToList(), seen);
        // Back from the last page: the newer link shows the second page again.
        var back = await client.GetAsync(pages[2].Document.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(RequestIds(pages[1]), RequestIds(back));
        Assert.Null(pages[0].Document.QuerySelector("a[rel=prev]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Detail_RequestId_ShowsBothEntriesWithTheirChainFields_AndNeverAnotherMunicipalitysRequest(DatabaseProvider provider)
    {
        var log = await SeedAsync(provider);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, Role.Auditor, log.Server);

        var page = await client.GetAsync("/decisions/A0000000000000R1");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("a0000000000000r1", page.Heading, StringComparison.Ordinal);
        using var scoped = log.Server.OpenDb(log.Seed.Tenant.Id);
        var stored = await scoped.Db.DecisionRecords.AsNoTracking().Where(r => r.RequestId == "a0000000000000r1").OrderBy(r => r.Sequence).ToListAsync();
        var entries = page.Document.QuerySelectorAll("[data-testid=decision-entries] tbody tr").ToList();
        Assert.Equal(2, entries.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(i == 0 ? "判定" : "結果", entries[i].Children[0].TextContent.Trim());
            Assert.Equal(stored[i].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), entries[i].Children[3].TextContent.Trim());
            Assert.Equal(stored[i].PreviousHash, entries[i].Children[6].TextContent.Trim());
            Assert.Equal(stored[i].Hash, entries[i].Children[7].TextContent.Trim());
        }
        Assert.Equal(stored[0].Hash, stored[1].PreviousHash);
        Assert.Contains("2026/11/20（令和8年） 09:00:00", page.Document.QuerySelector("[data-testid=decision-request]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("5,120", page.Document.QuerySelector("[data-testid=decision-outcome]")!.TextContent, StringComparison.Ordinal);

        var theirs = await client.GetAsync($"/decisions/{log.BRequest}");
        Assert.NotNull(theirs.Document.QuerySelector("[data-testid=not-found]"));
        Assert.DoesNotContain(BName, theirs.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("route_not_closed", theirs.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_FilteredCsv_HoldsTheSameRequestsAndIsAudited(DatabaseProvider provider)
    {
        var log = await SeedAsync(provider);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, Role.Auditor, log.Server);

        var response = await client.Http.GetAsync("/decisions/export?format=csv&reason=route_not_closed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("日時,要求ID,職員番号,氏名,端末,送信元アドレス,経路,システム,メソッド,パス,判定,理由コード,理由", lines[0], StringComparison.Ordinal);
        // Oldest first, as a spreadsheet is read.
        Assert.StartsWith($"2026/11/20 10:00:00,a0000000000000r2,{log.Staff2},鈴木 一郎,PC-0002,100.64.1.1,lte,docs,GET,/list,拒否,route_not_closed,", lines[1], StringComparison.Ordinal);
        Assert.Contains("閉域網（閉域VPN・閉域SIM）以外の経路からは", lines[1], StringComparison.Ordinal);
        Assert.Contains("a0000000000000r5", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"segment_mynumber,route_not_closed\"", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(BName, string.Join('\n', lines), StringComparison.Ordinal);

        using var scoped = log.Server.OpenDb(log.Seed.Tenant.Id);
        var audit = await scoped.Db.AuditRecords.AsNoTracking().SingleAsync(a => a.ChainId == log.Seed.Tenant.Id && a.Action == "decisions.exported");
        Assert.StartsWith(log.Seed.Logins[Role.Auditor].LoginId, audit.ActorName, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(audit.Summary);
        Assert.Equal(2, summary.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("route_not_closed", summary.RootElement.GetProperty("reason").GetString());

        var trail = await client.GetAsync("/audit?action=decisions.exported");
        Assert.Contains("アクセス判定の記録の出力", Assert.Single(trail.Document.QuerySelectorAll("[data-testid=audit-table] tbody tr")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_XlsxAndShiftJis_HoldTheFilteredRequests()
    {
        var log = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, Role.ItAdmin, log.Server);

        var xlsx = await client.Http.GetAsync("/decisions/export?format=xlsx&device=PC-0001");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["a0000000000000r1", "a0000000000000r4"], rows.Select(r => r["要求ID"]?.ToString()));
        Assert.Equal("200", rows[0]["ステータス"]?.ToString());
        Assert.Equal("12.5", rows[0]["所要時間（ミリ秒）"]?.ToString());
        Assert.Equal("遮断", rows[1]["判定"]?.ToString());
        Assert.Equal("gw2", rows[1]["ゲートウェイ"]?.ToString());

        var sjis = await client.Http.GetAsync("/decisions/export?format=csv-sjis&system=tax");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Encoding.GetEncoding(932).GetString(await sjis.Content.ReadAsByteArrayAsync());
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("a0000000000000r3", lines[1], StringComparison.Ordinal);
        Assert.Contains("この情報（税情報など）はテレワークでの閲覧が制限されています。", lines[1], StringComparison.Ordinal);

        using var scoped = log.Server.OpenDb(log.Seed.Tenant.Id);
        Assert.Equal(2, await scoped.Db.AuditRecords.CountAsync(a => a.ChainId == log.Seed.Tenant.Id && a.Action == "decisions.exported"));
    }

    [Theory]
    [InlineData(Role.Staff)]
    [InlineData(Role.HrAdmin)]
    [InlineData(Role.SectionHead)]
    public async Task Page_OtherRoles_AreRefusedAndExportNothing(Role role)
    {
        var log = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, role, log.Server);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/decisions")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/decisions/a0000000000000r1")).Status);
        using var export = await client.GetRawAsync("/decisions/export?format=csv");
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain("a0000000000000r1", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var home = await client.GetAsync("/");
        Assert.Null(home.Document.QuerySelector("nav a[href='/decisions']"));

        using var scoped = log.Server.OpenDb(log.Seed.Tenant.Id);
        Assert.Equal(0, await scoped.Db.AuditRecords.CountAsync(a => a.ChainId == log.Seed.Tenant.Id && a.Action == "decisions.exported"));
    }

    [Fact]
    public async Task Menu_ItAndAuditor_SeeTheDecisionLog_AndTheDenialsDrillDownLinksToIt()
    {
        var log = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, Role.ItAdmin, log.Server);

        var home = await client.GetAsync("/");
        Assert.Equal("アクセス判定の記録", home.Document.QuerySelector("nav a[href='/decisions']")?.TextContent.Trim());

        var denials = await client.GetAsync("/dashboard/denials?from=2026-11-01&to=2026-11-26&reason=route_not_closed");
        var link = denials.Document.QuerySelector("[data-testid=decision-log-link]")!.GetAttribute("href")!;
        var searched = await client.GetAsync(link);
        Assert.Equal(Ids(5, 2), RequestIds(searched));
        Assert.NotNull(denials.Document.QuerySelector("a[href='/decisions/a0000000000000r2']"));
    }

    [Fact]
    public async Task Search_TimeThatCannotBeRead_SaysSoAndShowsNothing()
    {
        var log = await SeedAsync(DatabaseProvider.Sqlite);
        await using var _ = log.Server;
        using var client = log.Server.CreateClient();
        await log.Seed.SignInAsync(client, Role.ItAdmin, log.Server);

        var page = await client.GetAsync("/decisions?from=yesterday");

        Assert.Contains("日時を読み取れません", page.Document.QuerySelector(".field--error")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(RequestIds(page));
        using var export = await client.Http.GetAsync("/decisions/export?format=csv&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
    }
}
