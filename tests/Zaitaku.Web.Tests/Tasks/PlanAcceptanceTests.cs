using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Work;

namespace Zaitaku.Web.Tests.Tasks;

/// <summary>
/// Plans made from the tenant's own records (work calendar, rules, telework requests, device register)
/// and accepted into telework requests, on 企画政策課 of <see cref="TaskSeed"/> (12 staff: 4 home,
/// 5 rotation, 3 office). The clock is 2026-11-26; the plans cover December 2026.
/// </summary>
public sealed class PlanAcceptanceTests
{
    private static readonly DateOnly ClosureDay = new(2026, 12, 4);

    private sealed record SavedPlan(Guid Id, List<DateOnly> Days, JsonElement Instance, Dictionary<string, List<string>> Assignments, int HomeDays)
    {
        /// <summary>The plan's home days of each staff member, less their days pinned at home.</summary>
        public Dictionary<string, List<DateOnly>> NewHomeDays()
        {
            var pinned = Instance.GetProperty("staff").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!,
                s => s.TryGetProperty("fixedHome", out var f) ? f.EnumerateArray().Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet() : []);
            return Assignments.ToDictionary(a => a.Key, a => a.Value.Select((place, i) => (place, day: Days[i]))
                .Where(x => x.place == "home" && !pinned[a.Key].Contains(x.day)).Select(x => x.day).ToList());
        }

        public List<DateOnly> DaysOf(JsonElement staff, string property) =>
            staff.TryGetProperty(property, out var list) ? list.EnumerateArray().Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList() : [];

        public JsonElement Staff(string number) => Instance.GetProperty("staff").EnumerateArray().Single(s => s.GetProperty("id").GetString() == number);

        public string Place(string number, DateOnly day) => Assignments[number][Days.IndexOf(day)];
    }

    private static async Task<(Page Page, SavedPlan Plan)> PlanDecemberAsync(ConsoleClient client, TaskSeed tasks, string devicePool = "")
    {
        var started = await client.SubmitAsync("/tasks/plans", "plan", new Dictionary<string, string>
        {
            ["Input.Scope"] = $"section:{tasks.Section.Id}", ["Input.From"] = "2026-12-01", ["Input.To"] = "2026-12-31",
            ["Input.DevicePool"] = devicePool, ["Input.TargetPercent"] = "", ["Input.TimeLimit"] = "30",
        });
        Assert.StartsWith("/tasks/plans/", started.Address.AbsolutePath, StringComparison.Ordinal);
        var page = await PlanPagesTests.WaitForPlanAsync(client, started);
        var path = started.Address.AbsolutePath;
        using var instance = JsonDocument.Parse(await client.Http.GetStringAsync($"{path}/instance.json"));
        using var plan = JsonDocument.Parse(await client.Http.GetStringAsync($"{path}/plan.json"));
        Assert.Equal("optimal", plan.RootElement.GetProperty("status").GetString());
        var days = instance.RootElement.GetProperty("days").EnumerateArray().Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var assignments = plan.RootElement.GetProperty("assignments").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToList());
        return (page, new SavedPlan(Guid.Parse(path.Split('/')[^1]), days, instance.RootElement.Clone(), assignments, plan.RootElement.GetProperty("homeDays").GetInt32()));
    }

    private static async Task AddRequestAsync(ConsoleServer server, TenantSeed seed, StaffMember member, DateOnly day, RequestStatus status)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var now = server.Time.GetUtcNow();
        scoped.Db.TeleworkRequests.Add(new TeleworkRequest
        {
            Id = Guid.NewGuid(), StaffId = member.Id, SectionId = member.SectionId, Date = day, BatchId = Guid.NewGuid(), Status = status, RequestedAt = now,
            DecidedAt = status == RequestStatus.Approved ? now : null, DecidedByName = status == RequestStatus.Approved ? "所属長" : null,
        });
        await scoped.Db.SaveChangesAsync();
    }

    private static async Task SetRulesAsync(ConsoleServer server, TenantSeed seed, WorkRules rules)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var row = new WorkRuleSet { Id = Guid.NewGuid(), UpdatedAt = server.Time.GetUtcNow() };
        row.Apply(rules);
        scoped.Db.WorkRules.Add(row);
        await scoped.Db.SaveChangesAsync();
    }

    private static async Task<List<TeleworkRequest>> ActiveRequestsAsync(ConsoleServer server, TenantSeed seed, TaskSeed tasks)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var ids = tasks.Staff.Select(s => s.Id).ToList();
        return await scoped.Db.TeleworkRequests.AsNoTracking()
            .Where(r => ids.Contains(r.StaffId) && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Approved)).ToListAsync();
    }

    /// <summary>
    /// The section head plans December from the fleet (2 PCs in stock and 1 lent; lost, broken, in-kitting
    /// and returned ones do not count), the tenant's closure day, an approved day (pinned at home) and a
    /// pending one (a wish), under rules that need a week's notice; accepting approves every planned day
    /// the rules allow (the pending one included, not asked twice) and lists the days too soon to ask.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_BySectionHead_ApprovesThePlannedDaysAndLeavesOutThoseTheRulesRefuse(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var tasks = await TaskSeed.CreateAsync(server, seed);
        var devices = await new DeviceSeed(server, seed).PrepareAsync();
        await devices.CreateAsync("PC-0001", DeviceState.Ready);
        await devices.CreateAsync("PC-0002", DeviceState.Ready);
        await devices.CreateAsync("PC-0003", DeviceState.Lent);
        await devices.CreateAsync("PC-0004", DeviceState.Lost);
        await devices.CreateAsync("PC-0005", DeviceState.Failed);
        await devices.CreateAsync("PC-0006", DeviceState.Kitting);
        await devices.CreateAsync("PC-0007", DeviceState.Returned);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.ClosureDays.Add(new ClosureDay { Id = Guid.NewGuid(), Date = ClosureDay, Name = "庁舎設備点検日" });
            await scoped.Db.SaveChangesAsync();
        }
        await SetRulesAsync(server, seed, WorkRules.Default with { MinDaysAhead = 7 });
        var (ishii, ueda) = (tasks.Staff[1], tasks.Staff[2]);
        await AddRequestAsync(server, seed, ishii, new DateOnly(2026, 12, 2), RequestStatus.Approved);
        await AddRequestAsync(server, seed, ueda, new DateOnly(2026, 12, 9), RequestStatus.Pending);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.SectionHead, server);

        var form = await client.GetAsync($"/tasks/plans?section={tasks.Section.Id}");
        Assert.Contains("空欄：端末台帳の使用可能な 3 台", form.Text, StringComparison.Ordinal);
        var (page, plan) = await PlanDecemberAsync(client, tasks);

        // The calendar: the closure day and the year-end closure are no working days, so never at home.
        Assert.Equal(19, plan.Days.Count);
        Assert.DoesNotContain(ClosureDay, plan.Days);
        Assert.DoesNotContain(new DateOnly(2026, 12, 29), plan.Days);
        Assert.Null(page.Document.QuerySelector("[data-testid=plan-grid] td[data-day='2026-12-04']"));
        Assert.Equal(3, plan.Instance.GetProperty("devicePool").GetInt32());
        // The approved day is pinned at home; the pending one is a wish.
        Assert.Equal([new DateOnly(2026, 12, 2)], plan.DaysOf(plan.Staff(ishii.StaffNumber), "fixedHome"));
        Assert.Equal("home", plan.Place(ishii.StaffNumber, new DateOnly(2026, 12, 2)));
        Assert.Equal([new DateOnly(2026, 12, 9)], plan.DaysOf(plan.Staff(ueda.StaffNumber), "prefersHome"));

        var accepted = await client.SubmitAsync(page, "accept", new Dictionary<string, string>());

        // Days before 3 December are less than a week ahead: left out with the rule; every later planned day is approved.
        var planned = plan.NewHomeDays();
        var tooSoon = planned.SelectMany(p => p.Value.Where(d => d < new DateOnly(2026, 12, 3)).Select(d => (Staff: p.Key, Day: d))).ToHashSet();
        var askable = planned.SelectMany(p => p.Value.Where(d => d >= new DateOnly(2026, 12, 3)).Select(d => (Staff: p.Key, Day: d))).ToHashSet();
        Assert.NotEmpty(tooSoon);
        Assert.Equal(plan.HomeDays, tooSoon.Count + askable.Count + 1);
        Assert.Contains($"承認済み {askable.Count}日、承認待ち 0日、見送り {tooSoon.Count}日", accepted.Document.QuerySelector("[data-testid=plan-accepted]")!.TextContent, StringComparison.Ordinal);
        var skipped = accepted.Document.QuerySelectorAll("[data-testid=plan-skipped] li").ToList();
        Assert.Equal(tooSoon, skipped.Select(li => (li.GetAttribute("data-staff")!, DateOnly.Parse(li.GetAttribute("data-day")!, System.Globalization.CultureInfo.InvariantCulture))).ToHashSet());
        Assert.All(skipped, li => Assert.Equal("telework_too_late", li.GetAttribute("data-rule")));
        Assert.Contains("7日前までに申請してください", skipped[0].TextContent, StringComparison.Ordinal);

        var numbers = tasks.Staff.ToDictionary(s => s.Id, s => s.StaffNumber);
        var active = await ActiveRequestsAsync(server, seed, tasks);
        var ishiiPinned = Assert.Single(active, r => r.StaffId == ishii.Id && r.Date == new DateOnly(2026, 12, 2));
        Assert.Equal("所属長", ishiiPinned.DecidedByName);
        var fromPlan = active.Where(r => r != ishiiPinned).ToList();
        Assert.Equal(askable, fromPlan.Where(r => r.Status == RequestStatus.Approved).Select(r => (numbers[r.StaffId], r.Date)).ToHashSet());
        Assert.Equal(fromPlan.Count, fromPlan.Select(r => (r.StaffId, r.Date)).Distinct().Count());
        var uedaDay = Assert.Single(fromPlan, r => r.StaffId == ueda.Id && r.Date == new DateOnly(2026, 12, 9));
        var honoured = plan.Place(ueda.StaffNumber, new DateOnly(2026, 12, 9)) == "home";
        Assert.Equal(honoured ? RequestStatus.Approved : RequestStatus.Pending, uedaDay.Status);
        Assert.Equal(askable.Count - (honoured ? 1 : 0), fromPlan.Count(r => r.BatchId == plan.Id));
        Assert.All(fromPlan.Where(r => r.BatchId == plan.Id), r =>
        {
            Assert.Equal(RequestStatus.Approved, r.Status);
            Assert.Equal(seed.Logins[Role.SectionHead].UserId, r.DecidedBy);
            Assert.False(r.DecidedAsActing);
            Assert.Contains("交代計画（企画政策課、2026-12-01〜2026-12-28）", r.Note, StringComparison.Ordinal);
        });

        var audit = Assert.Single(await TaskData.AuditAsync(server, seed, "rotationplan.accepted"));
        Assert.Contains($"\"approved\":{askable.Count}", audit.Summary, StringComparison.Ordinal);
        // Each new request is audited, after the two this test made.
        Assert.Equal(2 + askable.Count - (honoured ? 1 : 0), (await TaskData.AuditAsync(server, seed, "telework.created")).Count);
        Assert.DoesNotContain(accepted.Document.Forms, f => f.QuerySelector("input[name=_handler][value=accept]") is not null);
    }

    /// <summary>HR accepts a section's plan: HR approves nothing, so every day waits for the section head, who is told.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_ByHr_LeavesEveryDayForTheSectionHead(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var tasks = await TaskSeed.CreateAsync(server, seed);
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var (page, plan) = await PlanDecemberAsync(client, tasks, devicePool: "2");
        var accepted = await client.SubmitAsync(page, "accept", new Dictionary<string, string>());

        var planned = plan.NewHomeDays().SelectMany(p => p.Value.Select(d => (Staff: p.Key, Day: d))).ToHashSet();
        Assert.Equal(plan.HomeDays, planned.Count);
        Assert.Contains($"承認済み 0日、承認待ち {planned.Count}日、見送り 0日", accepted.Document.QuerySelector("[data-testid=plan-accepted]")!.TextContent, StringComparison.Ordinal);
        var numbers = tasks.Staff.ToDictionary(s => s.Id, s => s.StaffNumber);
        var active = await ActiveRequestsAsync(server, seed, tasks);
        Assert.Equal(planned, active.Select(r => (numbers[r.StaffId], r.Date)).ToHashSet());
        Assert.All(active, r => Assert.Equal((RequestStatus.Pending, plan.Id, (Guid?)null), (r.Status, r.BatchId, r.DecidedBy)));

        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);
        var approvals = await head.GetAsync("/work/approvals");
        Assert.Equal(planned.Count, approvals.Document.QuerySelectorAll("input[name='Decide.Ids']").Length);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var notice = await scoped.Db.Notifications.SingleAsync(n => n.RecipientUserId == seed.Logins[Role.SectionHead].UserId);
        Assert.Equal("telework.requested", notice.Kind);
        Assert.Contains($"{planned.Count}日の在宅勤務の申請が承認待ちです", notice.TextJa, StringComparison.Ordinal);
    }

    /// <summary>A tenant whose rules need no approval: accepting approves every planned day, whoever accepts.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_WhenTheRulesNeedNoApproval_ApprovesEveryDayForHr(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var tasks = await TaskSeed.CreateAsync(server, seed);
        await SetRulesAsync(server, seed, WorkRules.Default with { ApprovalRequired = false, MaxTeleworkDaysPerWeek = 2 });
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var (page, plan) = await PlanDecemberAsync(client, tasks, devicePool: "12");
        Assert.Equal(2, plan.Instance.GetProperty("rules").GetProperty("maxHomeDaysPerWeek").GetInt32());
        await client.SubmitAsync(page, "accept", new Dictionary<string, string>());

        var planned = plan.NewHomeDays().SelectMany(p => p.Value.Select(d => (Staff: p.Key, Day: d))).ToHashSet();
        var numbers = tasks.Staff.ToDictionary(s => s.Id, s => s.StaffNumber);
        var active = await ActiveRequestsAsync(server, seed, tasks);
        Assert.Equal(planned, active.Select(r => (numbers[r.StaffId], r.Date)).ToHashSet());
        Assert.All(active, r => Assert.Equal((RequestStatus.Approved, "承認不要（勤務規程）"), (r.Status, r.DecisionComment)));
        // The weekly cap of the rules holds for every staff member and week.
        Assert.All(active.GroupBy(r => (r.StaffId, TeleworkRules.WeekStart(r.Date))), week => Assert.True(week.Count() <= 2));
    }
}
