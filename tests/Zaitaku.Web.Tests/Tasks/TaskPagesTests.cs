using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Organization;
using Zaitaku.Tasks;
using Zaitaku.Testing;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tasks;

namespace Zaitaku.Web.Tests.Tasks;

public sealed class TaskPagesTests
{
    private static Dictionary<string, string> NewTask(string code, string name, Guid? system = null, bool counter = false, string paper = "Never") => new()
    {
        ["Input.Code"] = code,
        ["Input.Name"] = name,
        ["Input.PaperOriginals"] = paper,
        ["Input.SameRoom"] = "Never",
        ["TaskCounterWork"] = counter ? "true" : "",
        ["TaskSystems"] = system?.ToString() ?? "",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddTask_BySectionHead_PageShowsEachClassWithItsReasons(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var systems = await TaskData.AddSystemsAsync(server, seed);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);
        var section = seed.Units["330"].Id;

        async Task<Page> AddAsync(Dictionary<string, string> fields) => await client.SubmitAsync($"/tasks/new?section={section}", "task", fields);

        var counter = await AddAsync(NewTask("KZ-01", "市民税の窓口相談", counter: true));
        var myNumber = await AddAsync(NewTask("KZ-02", "課税台帳の更新", systems.Juki.Id));
        var notAllowed = await AddAsync(NewTask("KZ-03", "支出命令の起票", systems.Zaimu.Id));
        var paper = await AddAsync(NewTask("KZ-04", "申告書の審査", systems.Docs.Id, paper: "Sometimes"));
        var free = await AddAsync(NewTask("KZ-05", "課税資料の集計", systems.Docs.Id));

        static (string? Class, string Reasons, string Text) Read(Page page) => (
            page.Document.QuerySelector("[data-testid=classification] [data-class]")?.GetAttribute("data-class"),
            string.Join(",", page.Document.QuerySelectorAll("[data-testid=classification] [data-reason]").Select(r => r.GetAttribute("data-reason"))),
            page.Document.QuerySelector("[data-testid=classification]")?.TextContent ?? "");
        Assert.Equal(("office", "counter_work"), (Read(counter).Class, Read(counter).Reasons));
        Assert.Contains("窓口業務", Read(counter).Text, StringComparison.Ordinal);
        Assert.Equal(("office", "system_mynumber"), (Read(myNumber).Class, Read(myNumber).Reasons));
        Assert.Contains("「住民記録システム」はマイナンバー利用事務系", Read(myNumber).Text, StringComparison.Ordinal);
        Assert.Equal(("office", "system_not_allowed"), (Read(notAllowed).Class, Read(notAllowed).Reasons));
        Assert.Contains("「財務会計システム」はテレワークで使えるシステムとして許可されていません", Read(notAllowed).Text, StringComparison.Ordinal);
        Assert.Equal(("rotation", "paper_originals_sometimes"), (Read(paper).Class, Read(paper).Reasons));
        Assert.Equal(("home", "no_restriction"), (Read(free).Class, Read(free).Reasons));
        Assert.Contains("在宅勤務を妨げる要素はありません", Read(free).Text, StringComparison.Ordinal);

        var list = await client.GetAsync($"/tasks/sections/{section}");
        var rows = list.Document.QuerySelectorAll("[data-testid=tasks-table] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-task")!, r => (r.QuerySelector("[data-class]")!.GetAttribute("data-class"), r.QuerySelectorAll("[data-reason]").Length));
        Assert.Equal(("office", 1), rows["KZ-01"]);
        Assert.Equal(("office", 1), rows["KZ-02"]);
        Assert.Equal(("office", 1), rows["KZ-03"]);
        Assert.Equal(("rotation", 1), rows["KZ-04"]);
        Assert.Equal(("home", 1), rows["KZ-05"]);
        Assert.Equal(5, (await TaskData.AuditAsync(server, seed, "task.created")).Count);
    }

    [Fact]
    public async Task AddTask_ForASectionTheHeadDoesNotHead_IsNotFound()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);

        var page = await client.GetAsync($"/tasks/new?section={seed.Units["110"].Id}");
        var other = await client.GetAsync($"/tasks/sections/{seed.Units["110"].Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain(page.Document.Forms, f => f.QuerySelector("input[name=_handler][value=task]") is not null);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Override_WithJustification_ChangesTheClassKeepsTheReasonsAndIsAudited(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var task = TaskData.Task("KZ-01", seed.Units["330"].Id, "市民税の窓口相談", counter: true);
        await TaskData.AddAsync(server, seed, [task]);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);

        var tooShort = await client.SubmitAsync($"/tasks/{task.Id}", "override", new Dictionary<string, string> { ["Decision.Class"] = "Rotation", ["Decision.Justification"] = "予約制" });
        Assert.Contains("10文字以上", tooShort.Text, StringComparison.Ordinal);
        Assert.Empty(await TaskData.AuditAsync(server, seed, "task.override"));

        const string why = "予約制の窓口に移行済みで、対面の相談は出勤日にまとめられる";
        var page = await client.SubmitAsync($"/tasks/{task.Id}", "override", new Dictionary<string, string> { ["Decision.Class"] = "Rotation", ["Decision.Justification"] = why });

        Assert.Equal($"/tasks/{task.Id}", page.Address.AbsolutePath);
        Assert.Equal("rotation", page.Document.QuerySelector("[data-testid=classification] [data-class]")!.GetAttribute("data-class"));
        var reasons = page.Document.QuerySelectorAll("[data-testid=classification] [data-reason]").Select(r => r.GetAttribute("data-reason")).ToList();
        Assert.Equal(["counter_work", "section_head_override"], reasons);
        Assert.Contains(why, page.Document.QuerySelector("[data-testid=override]")!.TextContent, StringComparison.Ordinal);
        var audit = Assert.Single(await TaskData.AuditAsync(server, seed, "task.override"));
        Assert.Contains(why, audit.Summary, StringComparison.Ordinal);
        Assert.Contains("\"computed\":\"office\"", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("\"decided\":\"rotation\"", audit.Summary, StringComparison.Ordinal);
        Assert.StartsWith(seed.Logins[Role.SectionHead].LoginId, audit.ActorName, StringComparison.Ordinal);
        Assert.Single(await TaskData.AuditAsync(server, seed, "task.updated"));
    }

    [Fact]
    public async Task Override_OfAMyNumberTaskToHome_IsRefusedAndNothingIsRecorded()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var systems = await TaskData.AddSystemsAsync(server, seed);
        var task = TaskData.Task("KZ-02", seed.Units["330"].Id, "課税台帳の更新", systems: systems.Juki.Id);
        await TaskData.AddAsync(server, seed, [task]);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var page = await client.SubmitAsync($"/tasks/{task.Id}", "override", new Dictionary<string, string>
        {
            ["Decision.Class"] = "Home", ["Decision.Justification"] = "マイナンバー系は別の職員が担当するため",
        });

        Assert.Contains("マイナンバー利用事務系のシステムを使う業務は在宅にできません", page.Text, StringComparison.Ordinal);
        Assert.Equal("office", page.Document.QuerySelector("[data-testid=classification] [data-class]")!.GetAttribute("data-class"));
        Assert.Empty(await TaskData.AuditAsync(server, seed, "task.override"));
    }

    [Fact]
    public async Task Override_ByTheTenantAdministrator_IsRefused()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var task = TaskData.Task("KZ-01", seed.Units["330"].Id, "市民税の窓口相談", counter: true);
        await TaskData.AddAsync(server, seed, [task]);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.TenantAdmin, server);

        var page = await client.GetAsync($"/tasks/{task.Id}");
        Assert.DoesNotContain(page.Document.Forms, f => f.QuerySelector("input[name=_handler][value=override]") is not null);
        // A forged post of the decision form, with the page's own antiforgery token.
        var forged = await client.SubmitAsync(page, "shares", new Dictionary<string, string>
        {
            ["_handler"] = "override", ["Decision.Class"] = "Home", ["Decision.Justification"] = "窓口は廃止したので在宅でできる",
        });

        Assert.DoesNotContain("所属長の判断を記録しました", forged.Text, StringComparison.Ordinal);
        Assert.Empty(await TaskData.AuditAsync(server, seed, "task.override"));
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Null((await scoped.Db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id)).OverrideClass);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Shares_OverAHundredPercent_AreRefusedNamingTheStaffMember(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var section = seed.Units["330"].Id;
        var a = TaskData.Task("KZ-01", section, "市民税の賦課");
        var b = TaskData.Task("KZ-02", section, "固定資産税の賦課");
        var member = seed.Staff[6];
        await TaskData.AddAsync(server, seed, [a, b], [TaskData.Share(a, member.Id, 70)]);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);

        var refused = await client.SubmitAsync($"/tasks/{b.Id}", "shares", new Dictionary<string, string> { [$"share.{member.Id}"] = "40" });
        Assert.Contains($"{member.FullName}さんの業務割合の合計が 110% になり", refused.Text, StringComparison.Ordinal);

        var saved = await client.SubmitAsync($"/tasks/{b.Id}", "shares", new Dictionary<string, string> { [$"share.{member.Id}"] = "30" });
        Assert.Equal($"/tasks/{b.Id}", saved.Address.AbsolutePath);
        var sectionPage = await client.GetAsync($"/tasks/sections/{section}");
        var row = sectionPage.Document.QuerySelector($"[data-testid=staff-eligibility] tr[data-staff='{member.StaffNumber}']")!;
        Assert.Contains("100%", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("home", row.QuerySelector("[data-class]")!.GetAttribute("data-class"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_Tasks_ListsClassReasonsAndShares(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var systems = await TaskData.AddSystemsAsync(server, seed);
        var section = seed.Units["330"].Id;
        var counter = TaskData.Task("KZ-01", section, "市民税の窓口相談", counter: true);
        var paper = TaskData.Task("KZ-04", section, "申告書の審査", paper: Frequency.Sometimes, systems: systems.Docs.Id);
        await TaskData.AddAsync(server, seed, [counter, paper], [TaskData.Share(paper, seed.Staff[6].Id, 60)]);
        string token;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var (text, record) = ApiTokenAuthentication.Create(seed.Tenant.Id, "reports", [ApiScopes.TasksRead], seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
            scoped.Db.ApiTokens.Add(record);
            await scoped.Db.SaveChangesAsync();
            token = text;
        }
        using var api = server.CreateApiClient(token);

        var tasks = (await api.GetFromJsonAsync<List<TaskDto>>("/api/v1/tasks?section=330"))!;
        var capacity = await api.GetFromJsonAsync<CapacityDto>("/api/v1/tasks/capacity");

        Assert.Equal(["KZ-01", "KZ-04"], tasks.Select(t => t.Id).Order().ToList());
        var dto = tasks.Single(t => t.Id == "KZ-04");
        Assert.Equal(("rotation", "sometimes", "docs"), (dto.Class, dto.PaperOriginals, string.Join(";", dto.Systems)));
        Assert.Equal(["paper_originals_sometimes"], dto.Reasons.Select(r => r.Code));
        Assert.Equal(new TaskShareDto(seed.Staff[6].StaffNumber, 60), Assert.Single(dto.Shares));
        Assert.Equal("office", tasks.Single(t => t.Id == "KZ-01").Class);
        var sectionFigures = capacity!.Sections.Single(s => s.Id == "330");
        Assert.Equal((3, 1, 2), (sectionFigures.Staff, sectionFigures.Rotation, sectionFigures.Office));
    }
}
