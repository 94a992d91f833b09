using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Readiness;
using Zaitaku.Testing;
using Zaitaku.Web.Readiness;

namespace Zaitaku.Web.Tests.Readiness;

/// <summary>The readiness survey: staff answer once per round, may correct while it is open, HR sees counts by section.</summary>
public sealed class SurveyTests
{
    private static Dictionary<string, string> Answer(string pc = "None", string wish = "Often") => new()
    {
        ["Input.HomeConnection"] = "Fixed",
        ["Input.HomePc"] = pc,
        ["Input.Workspace"] = "Private",
        ["Input.ChildCare"] = "true",
        ["Input.Wish"] = wish,
        ["Input.Comment"] = "回線が遅いのが心配です",
    };

    private static async Task<Guid> OpenRoundThroughThePageAsync(ConsoleServer server, TenantSeed seed, string title = "令和8年度 テレワークに関する意向調査")
    {
        using var hr = server.CreateClient();
        await seed.SignInAsync(hr, Role.HrAdmin, server);
        var opened = await hr.SubmitAsync("/surveys", "open", new Dictionary<string, string> { ["Title"] = title, ["Deadline"] = "" });
        Assert.StartsWith("/surveys/", opened.Address.AbsolutePath, StringComparison.Ordinal);
        // A one-time code is accepted once: the next sign-in of HR in this test needs the next one.
        server.Time.Advance(TimeSpan.FromSeconds(30));
        return Guid.Parse(opened.Address.AbsolutePath["/surveys/".Length..]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Answer_Twice_SecondIsRefusedWithAClearMessageAndTheFirstStays(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var surveyId = await OpenRoundThroughThePageAsync(server, seed);
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        var form = await staff.GetAsync("/survey");
        Assert.Contains("令和8年度 テレワークに関する意向調査", form.Text, StringComparison.Ordinal);

        var first = await staff.SubmitAsync(form, "answer", Answer(pc: "None"));
        Assert.Equal("/survey", first.Address.AbsolutePath);
        Assert.Contains("回答を受け付けました", first.Text, StringComparison.Ordinal);
        Assert.Contains("ない", first.Document.QuerySelector("[data-testid=my-answer]")!.TextContent, StringComparison.Ordinal);

        // The same form sent again (a second tab, the back button): refused, nothing changed.
        var second = await staff.SubmitAsync(form, "answer", Answer(pc: "Own", wish: "NotWanted"));
        Assert.Contains("この意向調査には既に回答しています", second.Document.QuerySelector("[data-testid=survey-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("回答は1人1回です", second.Text, StringComparison.Ordinal);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var stored = await scoped.Db.ReadinessResponses.SingleAsync();
        Assert.Equal(HomePc.None, stored.HomePc);
        Assert.Equal(TeleworkWish.Often, stored.Wish);
        Assert.Equal(CareDuties.ChildCare, stored.CareDuties);
        Assert.Equal(seed.Logins[Role.Staff].StaffId, stored.StaffId);
        Assert.Equal(surveyId, stored.SurveyId);
        var actions = await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id && a.Action.StartsWith("survey.")).Select(a => new { a.Action, a.Summary }).ToListAsync();
        var answered = Assert.Single(actions, a => a.Action == "survey.answered");
        Assert.DoesNotContain("None", answered.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Service_TwoAnswersAtOnce_OnlyOneIsStored(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var surveyId = await OpenRoundThroughThePageAsync(server, seed);
        var staffId = seed.Staff[3].Id;
        var answers = new ReadinessAnswerSet(HomeConnection.Fixed, HomePc.Own, HomeWorkspace.Shared, CareDuties.None, TeleworkWish.Weekly);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var scoped = server.OpenDb(seed.Tenant.Id);
            return await scoped.Services.GetRequiredService<ReadinessService>().AnswerAsync(surveyId, staffId, answers);
        }));

        Assert.Single(results, r => r.IsOk);
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal("survey_already_answered", r.Error!.Code));
        using var check = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(1, await check.Db.ReadinessResponses.CountAsync(r => r.StaffId == staffId));
    }

    [Fact]
    public async Task Correct_WhileOpen_ReplacesTheAnswer_AfterClosing_IsRefused()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var surveyId = await OpenRoundThroughThePageAsync(server, seed);
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await staff.SubmitAsync("/survey", "answer", Answer(pc: "None"));

        var corrected = await staff.SubmitAsync("/survey?edit=1", "correct", Answer(pc: "Shared"));
        Assert.Contains("家族と共用のパソコンがある", corrected.Document.QuerySelector("[data-testid=my-answer]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("に修正", corrected.Document.QuerySelector("[data-testid=my-answer]")!.TextContent, StringComparison.Ordinal);

        var editForm = await staff.GetAsync("/survey?edit=1");
        using (var hr = server.CreateClient())
        {
            await seed.SignInAsync(hr, Role.HrAdmin, server);
            var closed = await hr.SubmitAsync($"/surveys/{surveyId}", "close", new Dictionary<string, string>());
            Assert.Contains("締切済み", closed.Text, StringComparison.Ordinal);
        }

        var late = await staff.SubmitAsync(editForm, "correct", Answer(pc: "Own"));
        Assert.Contains("回答の受付は終了しています", late.Document.QuerySelector("[data-testid=survey-error]")!.TextContent, StringComparison.Ordinal);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(HomePc.Shared, (await scoped.Db.ReadinessResponses.SingleAsync()).HomePc);
        var refused = await scoped.Services.GetRequiredService<ReadinessService>()
            .CorrectAsync(surveyId, seed.Logins[Role.Staff].StaffId, new ReadinessAnswerSet(HomeConnection.Fixed, HomePc.Own, HomeWorkspace.Private, CareDuties.None, TeleworkWish.Often));
        Assert.Equal("survey_not_open", refused.Error!.Code);
    }

    [Fact]
    public async Task Answer_NoneTogetherWithChildCare_NamesTheQuestionAndStoresNothing()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await OpenRoundThroughThePageAsync(server, seed);
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        var fields = Answer();
        fields["Input.NoCareDuties"] = "true";

        var page = await staff.SubmitAsync("/survey", "answer", fields);

        Assert.Contains("育児・介護: 「特にない」と、育児・介護を同時に選ぶことはできません。", page.Document.QuerySelector("[data-testid=survey-error]")!.TextContent, StringComparison.Ordinal);
        fields.Remove("Input.Wish");
        fields.Remove("Input.NoCareDuties");
        var unanswered = await staff.SubmitAsync("/survey", "answer", fields);
        Assert.Contains("在宅勤務の希望: 選択肢から1つ選んでください。", unanswered.Document.QuerySelector("[data-testid=survey-error]")!.TextContent, StringComparison.Ordinal);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(0, await scoped.Db.ReadinessResponses.CountAsync());
    }

    [Fact]
    public async Task Open_WhileAnotherRoundIsOpen_IsRefused()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await OpenRoundThroughThePageAsync(server, seed, "第1回");
        using var hr = server.CreateClient();
        await seed.SignInAsync(hr, Role.HrAdmin, server);

        var page = await hr.SubmitAsync("/surveys", "open", new Dictionary<string, string> { ["Title"] = "第2回", ["Deadline"] = "" });

        Assert.Contains("「第1回」が回答受付中です", page.Document.QuerySelector("[data-testid=survey-error]")!.TextContent, StringComparison.Ordinal);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(1, await scoped.Db.ReadinessSurveys.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Results_BySection_AddUpToTheAnswersStored(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var surveyId = await OpenRoundThroughThePageAsync(server, seed);
        var pcs = new[] { HomePc.None, HomePc.Own, HomePc.None, HomePc.Shared, HomePc.None, HomePc.Own, HomePc.Own };
        var wishes = new[] { TeleworkWish.Often, TeleworkWish.Weekly, TeleworkWish.NotWanted, TeleworkWish.Often, TeleworkWish.WhenNeeded, TeleworkWish.Unsure, TeleworkWish.Often };
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var readiness = scoped.Services.GetRequiredService<ReadinessService>();
            for (var i = 0; i < pcs.Length; i++)
            {
                var duties = i % 3 == 0 ? CareDuties.ChildCare | CareDuties.FamilyCare : CareDuties.None;
                Assert.True((await readiness.AnswerAsync(surveyId, seed.Staff[i].Id, new(HomeConnection.Fixed, pcs[i], HomeWorkspace.Private, duties, wishes[i]))).IsOk);
            }
        }

        using var hr = server.CreateClient();
        await seed.SignInAsync(hr, Role.HrAdmin, server);
        var page = await hr.GetAsync($"/surveys/{surveyId}");

        // From the stored rows: staff[0..6] sit in sections 110, 120, 310, 310, 330, 330, 330 (the seed's people).
        using var db = server.OpenDb(seed.Tenant.Id);
        var stored = await db.Db.ReadinessResponses.ToListAsync();
        var rows = page.Document.QuerySelectorAll("[data-testid=survey-sections] tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        foreach (var section in seed.Units.Values.Where(u => u.Kind == OrgUnitKind.Section))
        {
            var row = rows.Single(r => r[1] == section.Name);
            var mine = stored.Where(r => r.SectionId == section.Id).ToList();
            Assert.Equal(mine.Count.ToString(), row[3]);
            Assert.Equal(mine.Count(r => r.HomePc == HomePc.None).ToString(), row[7]);
            Assert.Equal(mine.Count(r => r.Wish is TeleworkWish.Often or TeleworkWish.Weekly).ToString(), row[5]);
            Assert.Equal(mine.Count(r => r.CareDuties != CareDuties.None).ToString(), row[9]);
        }

        var total = rows.Single(r => r[1] == "合計");
        Assert.Equal(["8", "7"], total[2..4]);
        Assert.Equal("3", total[7]);
        Assert.Equal("3", page.Document.QuerySelector("[data-testid=without-home-pc]")!.TextContent.Trim()[..1]);
        Assert.Contains("survey-wish", page.Html, StringComparison.Ordinal);

        var section330 = await hr.GetAsync($"/surveys/{surveyId}?section={seed.Units["330"].Id}");
        var wish = section330.Document.QuerySelector("[data-testid=q-wish]")!.TextContent;
        Assert.Contains("33.3%", wish, StringComparison.Ordinal);

        var csv = await hr.Http.GetAsync($"/surveys/{surveyId}/export?format=csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        var totalLine = text.Split("\r\n").Single(l => l.Contains(",合計,", StringComparison.Ordinal));
        Assert.StartsWith(",,合計,8,7,7,0,0,3,1,3,", totalLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_Staff_CannotOpen()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var surveyId = await OpenRoundThroughThePageAsync(server, seed);
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/surveys/{surveyId}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/surveys/{surveyId}/export?format=csv")).Status);
    }
}
