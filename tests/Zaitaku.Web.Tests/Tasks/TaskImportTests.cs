using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Tasks;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Tasks;

public sealed class TaskImportTests
{
    private const string TaskHeader = "所属コード,業務ID,業務名,窓口業務,機微な個人情報,使用システム,紙の原本,対面での作業,所属長判断,判断理由";
    private const string ShareHeader = "職員番号,業務ID,割合（%）";

    static TaskImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] ShiftJis(string header, params string[] rows) => Encoding.GetEncoding(932).GetBytes(string.Join("\r\n", [header, .. rows]) + "\r\n");

    /// <summary>A workbook with the sheets 業務一覧 and 担当割合, written as Excel would.</summary>
    private static byte[] Workbook(string[][] tasks, string[][] shares)
    {
        static List<Dictionary<string, object>> Rows(string header, string[][] rows)
        {
            var columns = header.Split(',');
            return rows.Select(r => columns.Select((c, i) => (c, v: (object)(i < r.Length ? r[i] : ""))).ToDictionary(x => x.c, x => x.v)).ToList();
        }
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["業務一覧"] = Rows(TaskHeader, tasks), ["担当割合"] = Rows(ShareHeader, shares) }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>Uploads one or two files through the import page, as a browser would, and follows the redirect to the preview.</summary>
    private static async Task<Page> UploadAsync(ConsoleClient client, params (string Field, string Name, byte[] Content)[] files)
    {
        var page = await client.GetAsync("/tasks/import");
        var form = page.Document.Forms.Single(f => f.QuerySelector("input[name=_handler][value=upload]") is not null);
        using var body = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()) body.Add(new StringContent(input.Value), input.Name!);
        foreach (var (field, name, content) in files) body.Add(new ByteArrayContent(content), field, name);
        var response = await client.Http.PostAsync("/tasks/import", body);
        if (response.StatusCode == HttpStatusCode.Redirect) return await client.GetAsync(response.Headers.Location!.ToString());
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response.StatusCode, response.RequestMessage!.RequestUri!, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html), html);
    }

    private static List<(string Sheet, string Row, string Column)> Problems(Page page) =>
        page.Document.QuerySelectorAll("[data-testid=import-problems] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2])).ToList();

    private static async Task<int> TaskCountAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        return await scoped.Db.Tasks.CountAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_WorkbookWithBadRows_NamesEverySheetRowAndColumn_AndChangesNothing(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await TaskData.AddSystemsAsync(server, seed);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);
        var file = Workbook(
        [
            ["330", "KZ-01", "市民税の賦課", "", "", "docs", "時々", "", "", ""],              // row 2: good
            ["999", "KZ-02", "存在しない課の業務", "", "", "", "", "", "", ""],                  // row 3: unknown section
            ["330", "KZ-01", "同じIDの業務", "", "", "", "", "", "", ""],                        // row 4: repeated id
            ["330", "KZ-03", "窓口の受付", "たぶん", "", "", "", "", "", ""],                    // row 5: not a yes/no
            ["330", "KZ-04", "台帳の照会", "", "", "juki;nosuch", "", "", "", ""],               // row 6: unknown system
            ["330", "KZ-05", "課税資料の送付", "", "", "", "", "", "在宅可", "短い"],            // row 7: justification too short
            ["330", "KZ-06", "住民税の更正", "", "", "juki", "", "", "在宅可", "別の職員がマイナンバー系を担当する"], // row 8: My Number lifted
        ],
        [
            [seed.Staff[6].StaffNumber, "KZ-01", "60"],   // row 2: good
            ["9999", "KZ-01", "10"],                       // row 3: unknown staff
            [seed.Staff[5].StaffNumber, "KZ-99", "10"],    // row 4: task not in the list
            [seed.Staff[5].StaffNumber, "KZ-01", "120"],   // row 5: out of range
            [seed.Staff[6].StaffNumber, "KZ-01", "20"],    // row 6: the same pair again
        ]);

        var page = await UploadAsync(client, ("file", "inventory.xlsx", file));

        var problems = Problems(page);
        Assert.Contains(("業務一覧", "3", "所属コード"), problems);
        Assert.Contains(("業務一覧", "4", "業務ID"), problems);
        Assert.Contains(("業務一覧", "5", "窓口業務"), problems);
        Assert.Contains(("業務一覧", "6", "使用システム"), problems);
        Assert.Contains(("業務一覧", "7", "判断理由"), problems);
        Assert.Contains(("業務一覧", "8", "所属長判断"), problems);
        Assert.DoesNotContain(problems, p => p.Sheet == "業務一覧" && p.Row == "2");
        Assert.Contains(("担当割合", "3", "職員番号"), problems);
        Assert.Contains(("担当割合", "4", "業務ID"), problems);
        Assert.Contains(("担当割合", "5", "割合（%）"), problems);
        Assert.Contains(("担当割合", "6", "業務ID"), problems);
        Assert.Contains("「nosuch」", page.Text, StringComparison.Ordinal);
        Assert.Contains("マイナンバー利用事務系のシステムを使う業務は在宅にできません", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, await TaskCountAsync(server, seed));
        Assert.Empty(await TaskData.AuditAsync(server, seed, "task.import_committed"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ShiftJisCsvPair_PreviewsCommitsAndReadsBackItsOwnExport(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await TaskData.AddSystemsAsync(server, seed);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);
        var (tanaka, ito, watanabe) = (seed.Staff[4].StaffNumber, seed.Staff[5].StaffNumber, seed.Staff[6].StaffNumber);
        var tasks = ShiftJis(TaskHeader,
            "330,KZ-01,市民税の窓口相談,○,,,,,交代制なら可,予約制の窓口に移行済みで対面は出勤日にまとめる",
            "330,KZ-02,課税台帳の更新,,,juki,,,,",
            "330,KZ-03,課税資料の集計,,,docs;mail,なし,時々,,");
        var shares = ShiftJis(ShareHeader, $"{tanaka},KZ-01,50", $"{tanaka},KZ-03,50", $"{ito},KZ-02,100", $"{watanabe},KZ-03,80%");

        var preview = await UploadAsync(client, ("file", "業務一覧.csv", tasks), ("sharesFile", "担当割合.csv", shares));

        Assert.Equal("確認", preview.Document.QuerySelector(".breadcrumb [aria-current=page]")!.TextContent.Trim());
        Assert.Equal(("3", "0", "0", "4・0・0"), (Figure(preview, "added"), Figure(preview, "changed"), Figure(preview, "removed"), Figure(preview, "shares")));
        var committed = await client.SubmitAsync(preview, "commit", new Dictionary<string, string>());
        Assert.Contains("業務 追加 3件", committed.Text, StringComparison.Ordinal);

        var section = await client.GetAsync($"/tasks/sections/{seed.Units["330"].Id}");
        var classes = section.Document.QuerySelectorAll("[data-testid=tasks-table] tbody tr").ToDictionary(r => r.GetAttribute("data-task")!, r => r.QuerySelector("[data-class]")!.GetAttribute("data-class"));
        Assert.Equal(("rotation", "office", "rotation"), (classes["KZ-01"], classes["KZ-02"], classes["KZ-03"]));
        var eligibility = section.Document.QuerySelectorAll("[data-testid=staff-eligibility] tbody tr").ToDictionary(r => r.GetAttribute("data-staff")!, r => r.QuerySelector("[data-class]")!.GetAttribute("data-class"));
        Assert.Equal(("rotation", "office", "rotation"), (eligibility[tanaka], eligibility[ito], eligibility[watanabe]));
        var decision = Assert.Single(await TaskData.AuditAsync(server, seed, "task.override"));
        Assert.Contains("予約制の窓口に移行済み", decision.Summary, StringComparison.Ordinal);
        Assert.Single(await TaskData.AuditAsync(server, seed, "task.import_committed"));

        // The export is a file the import reads: importing it again changes nothing.
        var export = await client.Http.GetAsync("/tasks/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var again = await UploadAsync(client, ("file", "tasks.xlsx", await export.Content.ReadAsByteArrayAsync()));
        Assert.Equal(("0", "0", "0", "0・0・0"), (Figure(again, "added"), Figure(again, "changed"), Figure(again, "removed"), Figure(again, "shares")));

        // A section's file without a task removes it, with its shares.
        var fewer = ShiftJis(TaskHeader,
            "330,KZ-01,市民税の窓口相談,○,,,,,交代制なら可,予約制の窓口に移行済みで対面は出勤日にまとめる",
            "330,KZ-03,課税資料の集計,,,docs;mail,なし,時々,,");
        var removal = await UploadAsync(client, ("file", "業務一覧.csv", fewer));
        Assert.Equal(("0", "1", "0・0・1"), (Figure(removal, "added"), Figure(removal, "removed"), Figure(removal, "shares")));
        await client.SubmitAsync(removal, "commit", new Dictionary<string, string>());
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(["KZ-01", "KZ-03"], await scoped.Db.Tasks.OrderBy(t => t.Code).Select(t => t.Code).ToListAsync());
        Assert.Equal(3, await scoped.Db.TaskAssignments.CountAsync());
    }

    [Fact]
    public async Task Import_BySectionHead_OfAnotherSection_IsRefusedRowByRow()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);

        var page = await UploadAsync(client, ("file", "業務一覧.csv", ShiftJis(TaskHeader, "330,KZ-01,課税資料の集計,,,,,,,", "110,SM-01,文書の収受,,,,,,,")));

        Assert.Equal([("CSV", "3", "所属コード")], Problems(page).Select(p => (p.Sheet.EndsWith(".csv", StringComparison.Ordinal) ? "CSV" : p.Sheet, p.Row, p.Column)).ToList());
        Assert.Contains("取り込む権限がありません", page.Text, StringComparison.Ordinal);
        Assert.Equal(0, await TaskCountAsync(server, seed));
    }

    private static string Figure(Page page, string id) => page.Document.QuerySelector($"[data-testid={id}]")?.TextContent.Trim() ?? $"(no {id}: {page.Heading} {page.Status})";
}
