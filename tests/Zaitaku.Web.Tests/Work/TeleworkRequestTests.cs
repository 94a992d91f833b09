using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Work;

public sealed class TeleworkRequestTests
{
    /// <summary>The ask form with the calendar's checkboxes ticked: one field a day, all named Input.Days.</summary>
    private static List<KeyValuePair<string, string>> Days(params string[] days) =>
        [new("Input.Action", "ask"), .. days.Select(d => new KeyValuePair<string, string>("Input.Days", d))];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Request_Tomorrow_HeadIsNotifiedAndApproves_StaffIsNotified(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        using var head = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await seed.SignInAsync(head, Role.SectionHead, server);

        var asked = await staff.SubmitAsync("/work/requests", "ask", Days("2026-11-27"));
        Assert.Equal("1日の在宅勤務を申請しました。所属長の承認をお待ちください。", asked.Document.QuerySelector("[data-testid=request-made]")?.TextContent.Trim());

        var approvals = await head.GetAsync("/work/approvals");
        Assert.Equal("1", approvals.Document.QuerySelector("[data-testid=header-unread]")?.TextContent.Trim());
        var row = Assert.Single(approvals.Document.QuerySelectorAll("[data-testid=pending-telework] tbody tr"));
        Assert.Contains("伊藤 恵子", row.TextContent);
        Assert.Contains("適合", row.TextContent);
        var id = row.GetAttribute("data-request")!;

        var decided = await head.SubmitAsync(approvals, "telework", new Dictionary<string, string>
        {
            ["Decide.Ids"] = id, ["Decide.Action"] = "approve", ["Decide.Comment"] = "了解しました",
        });
        Assert.Equal("処理 1件、処理できなかった申請 0件", decided.Document.QuerySelector("[data-testid=decision-summary]")?.TextContent.Trim());

        var mine = await staff.GetAsync("/work/requests");
        Assert.Contains("承認", mine.Document.QuerySelector("[data-testid=upcoming]")!.TextContent);
        Assert.Equal("1", mine.Document.QuerySelector("[data-testid=header-unread]")?.TextContent.Trim());
        var notes = await staff.GetAsync("/notifications");
        Assert.Contains("在宅勤務が承認されました: 2026年11月27日(金)（了解しました）", notes.Text);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var request = await scoped.Db.TeleworkRequests.SingleAsync();
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal(seed.Logins[Role.SectionHead].UserId, request.DecidedBy);
        Assert.False(request.DecidedAsActing);
        var actions = await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains("telework.created", actions);
        Assert.Contains("telework.updated", actions);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Request_HolidayAmongGoodDays_RefusedNamingTheDayAndRule_NothingStored(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);

        var page = await staff.SubmitAsync("/work/requests", "ask", Days("2026-11-27", "2027-01-11"));

        var problems = page.Document.QuerySelector("[data-testid=request-problems]")!.TextContent;
        Assert.Contains("2027年1月11日(月): 成人の日のため勤務日ではありません（勤務日）", problems);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.False(await scoped.Db.TeleworkRequests.AnyAsync());
    }

    [Fact]
    public async Task Check_WeekdayPatternOverAMonth_ShowsEachDayOverTheCapBeforeAsking()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);

        var fields = new Dictionary<string, string>
        {
            ["Input.Action"] = "check", ["Input.PatternFrom"] = "2026-11-30", ["Input.PatternTo"] = "2026-12-11",
            ["Input.Month"] = "2026-12",
        };
        var weekdays = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }.Select(d => new KeyValuePair<string, string>("Input.Weekdays", d));
        var page = await staff.SubmitAsync(await staff.GetAsync("/work/requests"), "ask", fields.Concat(weekdays));

        Assert.Equal("10日のうち2日が規程に合いません。", page.Document.QuerySelector("[data-testid=preview-summary]")?.TextContent.Trim());
        Assert.Contains("2026年12月4日(金): 週4日までの上限を超えます（この週5日目）", page.Text);
        Assert.Contains("2026年12月11日(金): 週4日までの上限を超えます（この週5日目）", page.Text);
        Assert.Equal("週の在宅勤務の上限", page.Document.QuerySelector("[data-date='2026-12-04'] .calendar__note")?.TextContent.Trim());
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.False(await scoped.Db.TeleworkRequests.AnyAsync());
    }

    [Fact]
    public async Task Request_ProbationaryStaff_RefusedAsIneligible()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var auditor = server.CreateClient(); // 高橋 美咲, 条件付採用
        await seed.SignInAsync(auditor, Role.Auditor, server);

        var page = await auditor.SubmitAsync("/work/requests", "ask", Days("2026-11-27"));

        Assert.Contains("条件付採用はテレワークの対象外です（対象職員）", page.Document.QuerySelector("[data-testid=request-problems]")?.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Request_SameDayTwice_SecondRefusedAsOverlap(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);

        await staff.SubmitAsync("/work/requests", "ask", Days("2026-12-01"));
        var again = await staff.SubmitAsync(await staff.GetAsync("/work/requests?month=2026-12"), "ask", Days("2026-12-01"));

        Assert.Contains("既に申請済みまたは承認済みの日です（申請の重複）", again.Text);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(1, await scoped.Db.TeleworkRequests.CountAsync());
    }

    [Fact]
    public async Task Cancel_BeforeTheDay_Cancelled_OnTheDay_Refused()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await staff.SubmitAsync("/work/requests", "ask", Days("2026-11-27", "2026-11-30"));
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var first = await scoped.Db.TeleworkRequests.SingleAsync(r => r.Date == new DateOnly(2026, 11, 30));
            var page = await staff.SubmitAsync("/work/requests", $"cancel-{first.Id}", new Dictionary<string, string>());
            Assert.Contains("2026年11月30日(月)の申請を取り消しました。", page.Text);
        }

        await WorkTesting.PassTimeAsync(server, WorkTesting.Tokyo(2026, 11, 27, 8, 0), staff);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var day = await scoped.Db.TeleworkRequests.SingleAsync(r => r.Date == new DateOnly(2026, 11, 27));
            // The cancel button is gone on the day; a forged post is refused by the service all the same.
            var page = await staff.GetAsync("/work/requests");
            Assert.Null(page.Document.Forms.FirstOrDefault(f => f.QuerySelector($"input[value='cancel-{day.Id}']") is not null));
            var result = await scoped.Services.GetRequiredService<Zaitaku.Web.Work.TeleworkRequests>()
                .CancelAsync(new Zaitaku.Web.Work.WorkActor(seed.StaffLogin.UserId, seed.StaffLogin.StaffId, "伊藤 恵子", false), day.Id);
            Assert.Equal("telework_cancel_too_late", result.Error?.Code);
        }
        using var check = server.OpenDb(seed.Tenant.Id);
        var statuses = await check.Db.TeleworkRequests.OrderBy(r => r.Date).Select(r => r.Status).ToListAsync();
        Assert.Equal([RequestStatus.Pending, RequestStatus.Cancelled], statuses);
    }
}
