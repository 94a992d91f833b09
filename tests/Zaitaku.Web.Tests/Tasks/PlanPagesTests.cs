using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Tasks;
using Zaitaku.Organization;
using Zaitaku.Tasks;
using Zaitaku.Testing;
using Zaitaku.Web.Tasks.Planning;

namespace Zaitaku.Web.Tests.Tasks;

public sealed class PlanPagesTests
{
    /// <summary>Follows the plan's status as the plan page does, until the planner has answered.</summary>
    internal static async Task<Page> WaitForPlanAsync(ConsoleClient client, Page planPage)
    {
        var path = planPage.Address.AbsolutePath;
        for (var i = 0; i < 600; i++)
        {
            var status = await client.Http.GetFromJsonAsync<PlanStatusDto>($"{path}/status");
            if (status!.State != "solving") return await client.GetAsync(path);
            await Task.Delay(200);
        }
        throw new TimeoutException($"{path} is still solving");
    }

    private static string Text(Page page, string testId) => page.Document.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? $"(no {testId})";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Plan_SectionForAMonth_IsSolvedExplainedAndSaysWhyEachPersonIsInTheOffice(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var systems = await TaskData.AddSystemsAsync(server, seed);
        var section = seed.Units["330"].Id;
        var (tanaka, ito, watanabe) = (seed.Staff[4], seed.Staff[5], seed.Staff[6]);
        var assess = TaskData.Task("KZ-01", section, "課税資料の集計", systems: systems.Docs.Id);
        var counter = TaskData.Task("KZ-02", section, "市民税の窓口相談", counter: true);
        await TaskData.AddAsync(server, seed, [assess, counter],
            [TaskData.Share(assess, ito.Id, 100), TaskData.Share(assess, watanabe.Id, 100), TaskData.Share(counter, tanaka.Id, 50)]);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);

        var started = await client.SubmitAsync("/tasks/plans", "plan", new Dictionary<string, string>
        {
            ["Input.Scope"] = $"section:{section}", ["Input.From"] = "2026-12-01", ["Input.To"] = "2026-12-31",
            ["Input.DevicePool"] = "1", ["Input.TargetPercent"] = "", ["Input.TimeLimit"] = "20",
        });
        Assert.StartsWith("/tasks/plans/", started.Address.AbsolutePath, StringComparison.Ordinal);
        var page = await WaitForPlanAsync(client, started);

        // 20 working days and 1 PC: one of 伊藤 and 渡辺 at home each day, except 28 December, the only working day of its week,
        // which the weekly rule (at least one office day) keeps in the office. 田中 is a fiscal-year appointee: office.
        Assert.Equal(("19", "19"), (Text(page, "plan-home-days"), Text(page, "plan-bound")));
        Assert.Contains("最適", page.Document.QuerySelector("[data-testid=plan-figures]")!.TextContent, StringComparison.Ordinal);
        var days = page.Document.QuerySelectorAll("[data-testid=plan-days] tbody tr").ToList();
        Assert.Equal(20, days.Count);
        Assert.Contains(days[0].QuerySelectorAll("[data-binding]"), b => b.GetAttribute("data-binding") == "DevicePool");
        Assert.Contains("貸出用端末 1 台をすべて使用しています", days[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(days[^1].QuerySelectorAll("[data-binding]"), b => b.GetAttribute("data-binding") == "WeeklyCap");

        var grid = page.Document.QuerySelectorAll("[data-testid=plan-grid] tbody tr").ToDictionary(r => r.GetAttribute("data-staff")!);
        Assert.Equal("0", grid[tanaka.StaffNumber].QuerySelector("td:last-child")!.TextContent.Trim());
        var officeDay = grid[watanabe.StaffNumber].QuerySelector("td[data-day] a")!;
        var why = await client.GetAsync(officeDay.GetAttribute("href")!);
        var reasons = why.Document.QuerySelectorAll("[data-testid=why-in-office] [data-reason]").Select(r => r.GetAttribute("data-reason")).ToList();
        Assert.NotEmpty(reasons);
        Assert.DoesNotContain("NotForced", reasons);

        var tanakaWhy = await client.GetAsync($"{started.Address.AbsolutePath}?staff={tanaka.StaffNumber}&day=2026-12-01");
        Assert.Equal(["OfficeEligibility"], tanakaWhy.Document.QuerySelectorAll("[data-testid=why-in-office] [data-reason]").Select(r => r.GetAttribute("data-reason")).ToList());
        Assert.Contains("勤務規程で在宅勤務の対象外の雇用区分", Text(tanakaWhy, "why-in-office"), StringComparison.Ordinal);
        var watanabeLastDay = await client.GetAsync($"{started.Address.AbsolutePath}?staff={watanabe.StaffNumber}&day=2026-12-28");
        Assert.Contains("WeeklyLimit", watanabeLastDay.Document.QuerySelectorAll("[data-testid=why-in-office] [data-reason]").Select(r => r.GetAttribute("data-reason")));

        var instance = await client.Http.GetStringAsync($"{started.Address.AbsolutePath}/instance.json");
        Assert.Contains("\"devicePool\": 1", instance, StringComparison.Ordinal);
        Assert.Single(await TaskData.AuditAsync(server, seed, "rotationplan.exported"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Emergency_Switch_PlansTheMunicipalityAndReportsEachSectionAgainstTheGoal(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var systems = await TaskData.AddSystemsAsync(server, seed);
        var (somu, jinji, shimin, kazei) = (seed.Units["110"].Id, seed.Units["120"].Id, seed.Units["310"].Id, seed.Units["330"].Id);
        var mail = TaskData.Task("SM-01", somu, "庁内外の連絡調整", systems: systems.Mail.Id);
        var docs = TaskData.Task("JJ-01", jinji, "人事異動の資料作成", systems: systems.Docs.Id);
        var counter = TaskData.Task("SH-01", shimin, "住民票の窓口交付", counter: true);
        var paper = TaskData.Task("KZ-01", kazei, "申告書の審査", paper: Frequency.Sometimes, systems: systems.Docs.Id);
        await TaskData.AddAsync(server, seed, [mail, docs, counter, paper],
        [
            TaskData.Share(mail, seed.Staff[0].Id, 100), TaskData.Share(mail, seed.Staff[7].Id, 100), TaskData.Share(docs, seed.Staff[1].Id, 100),
            TaskData.Share(counter, seed.Staff[2].Id, 100), TaskData.Share(counter, seed.Staff[3].Id, 100),
            TaskData.Share(paper, seed.Staff[5].Id, 100), TaskData.Share(paper, seed.Staff[6].Id, 100), TaskData.Share(paper, seed.Staff[4].Id, 100),
        ]);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            // 総務課 keeps its phones staffed from home in an emergency: nobody has to be in the office.
            scoped.Db.SectionStaffing.Add(new SectionStaffing { Id = Guid.NewGuid(), SectionId = somu, EmergencyMinOffice = 0 });
            await scoped.Db.SaveChangesAsync();
        }
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var started = await client.SubmitAsync("/tasks/emergency", "emergency", new Dictionary<string, string>
        {
            ["Input.From"] = "2026-12-01", ["Input.To"] = "2026-12-14", ["Input.DevicePool"] = "0", ["Input.TimeLimit"] = "20",
        });
        var page = await WaitForPlanAsync(client, started);

        var rows = page.Document.QuerySelectorAll("[data-testid=emergency-sections] tbody tr").ToDictionary(r => r.GetAttribute("data-section")!, r => r);
        string Cell(string section, int column) => rows[section].QuerySelectorAll("td")[column].TextContent.Trim();
        // 総務課: mail only, no PC needed, no minimum: everyone at home every day.
        Assert.Equal(("100.0%", "達成"), (Cell("110", 1), Cell("110", 2)));
        Assert.Contains("庁内外の連絡調整", Cell("110", 10), StringComparison.Ordinal);
        // 人事課: its one member needs a PC and there is none (and one must be in the office).
        Assert.Equal("0.0%", Cell("120", 1));
        // 市民課: counter work, and a probationary member.
        Assert.Equal(("0.0%", "在宅不可の業務"), (Cell("310", 1), Cell("310", 8)));
        // 課税課: rotation work on the document system, no PC: telework PCs limit it.
        Assert.Equal(("0.0%", "テレワーク端末の不足"), (Cell("330", 1), Cell("330", 8)));
        // 8 staff × 10 days = 80 present staff-days; 20 of them at home (総務課's two, every day).
        Assert.Equal("20", Text(page, "plan-home-days"));
        Assert.Equal("25.0%", Text(page, "emergency-reduction"));
        Assert.Equal("2", Text(page, "emergency-phone-mail"));
        Assert.Contains("data-chart=\"emergency-reduction-chart\"", page.Html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Approved telework (pinned at home) that the rules cannot keep: two days pinned at home on one PC.
    /// The planner answers infeasible with the broken rule; the page lists it and offers no acceptance.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Plan_WithPinnedDaysTheRulesCannotKeep_IsExplainedNotCrashed(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var section = seed.Units["330"];
        var (ito, watanabe) = (seed.Staff[5], seed.Staff[6]);
        var day = new DateOnly(2026, 12, 1);
        var instance = new Zaitaku.Planning.RotationInstance
        {
            Days = [day, day.AddDays(1)],
            Rules = new Zaitaku.Planning.RotationRules { MaxHomeDaysPerWeek = 4, MinOfficeDaysPerWeek = 1 },
            DevicePool = 1,
            Sections = [new Zaitaku.Planning.RotationSection { Id = "330", MinOffice = 0, MinOfficeShare = 0 }],
            Staff =
            [
                new Zaitaku.Planning.RotationStaff { Id = ito.StaffNumber, Section = "330", Eligibility = Zaitaku.Planning.Eligibility.Home, FixedHome = [day] },
                new Zaitaku.Planning.RotationStaff { Id = watanabe.StaffNumber, Section = "330", Eligibility = Zaitaku.Planning.Eligibility.Home, FixedHome = [day] },
            ],
        };
        var input = new PlanInput(instance,
            [new PlanStaff(ito.StaffNumber, ito.Id, ito.FullName, "330", Zaitaku.Planning.Eligibility.Home, [], null, false),
             new PlanStaff(watanabe.StaffNumber, watanabe.Id, watanabe.FullName, "330", Zaitaku.Planning.Eligibility.Home, [], null, false)],
            [new PlanSection("330", section.Id, section.Name, "", [])]);
        var record = new RotationPlanRecord
        {
            Id = Guid.NewGuid(), Mode = PlanMode.Normal, Scope = PlanScope.Section, UnitId = section.Id, From = day, To = day.AddDays(1),
            State = PlanState.Solving, StaffCount = 2, DayCount = 2, DevicePool = 1, InstanceData = PlanDocuments.WriteInput(input),
            TimeLimitSeconds = 10, CreatedAt = server.Time.GetUtcNow(), CreatedByName = "test",
        };
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.RotationPlans.Add(record);
            await scoped.Db.SaveChangesAsync();
            scoped.Services.GetRequiredService<PlanRunner>().Enqueue(record, null, "test");
        }
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);

        var page = await WaitForPlanAsync(client, await client.GetAsync($"/tasks/plans/{record.Id}"));

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("規則をすべて守れる計画はありません", page.Text, StringComparison.Ordinal);
        var conflict = Assert.Single(page.Document.QuerySelectorAll("[data-testid=plan-conflicts] li"));
        Assert.Equal("5", conflict.GetAttribute("data-rule"));
        Assert.Contains("2026-12-01", conflict.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Document.Forms, f => f.QuerySelector("input[name=_handler][value=accept]") is not null);
        Assert.Null(page.Document.QuerySelector("[data-testid=plan-grid]"));
        Assert.Equal("規則を守れる計画なし", page.Document.QuerySelector("[data-state]")!.TextContent.Trim());
    }
}
