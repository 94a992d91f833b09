using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Security;
using Zaitaku.Web.Work;
using Zaitaku.Work;

namespace Zaitaku.Web.Tests.Work;

/// <summary>What the gateway (issue 5) will call, the API of telework days, overtime, rules, holidays and closure days.</summary>
public sealed class WorkServiceTests
{
    private static WorkActor Actor(SeededLogin login, string name = "") => new(login.UserId, login.StaffId, name, false);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Gateway_StartsAndEndsADayAtHome_OnlyOnAnApprovedDay_AndReadsItBack(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, WorkTesting.Tokyo(2026, 11, 27, 8, 25));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var staffId = seed.StaffLogin.StaffId!.Value;
        var other = seed.Logins[Role.ItAdmin].StaffId!.Value;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.TeleworkRequests.Add(new TeleworkRequest { Id = Guid.NewGuid(), StaffId = staffId, SectionId = seed.Units["330"].Id, Date = new DateOnly(2026, 11, 27), Status = RequestStatus.Approved, BatchId = Guid.NewGuid() });
            scoped.Db.OvertimeRequests.Add(new OvertimeRequest { Id = Guid.NewGuid(), StaffId = staffId, SectionId = seed.Units["330"].Id, Date = new DateOnly(2026, 11, 27), Until = new TimeOnly(19, 0), Reason = "予算資料", Status = RequestStatus.Approved });
            await scoped.Db.SaveChangesAsync();
        }

        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var workdays = scoped.Services.GetRequiredService<WorkdayService>();
            var lookup = scoped.Services.GetRequiredService<TeleworkLookup>();
            Assert.Equal(new ApprovedTeleworkDay(staffId, new DateOnly(2026, 11, 27), new TimeOnly(19, 0)), await lookup.ApprovedDayAsync(staffId, new DateOnly(2026, 11, 27)));
            Assert.Null(await lookup.ApprovedDayAsync(other, new DateOnly(2026, 11, 27)));

            Assert.Equal("workday_no_approved_telework", (await workdays.StartAsync(other, WorkdaySource.Gateway)).Error?.Code);
            var started = await workdays.StartAsync(staffId, WorkdaySource.Gateway);
            Assert.True(started.IsOk);
            Assert.Equal(WorkPlace.Home, started.Value.Place);
            Assert.Equal("workday_already_started", (await workdays.StartAsync(staffId, WorkdaySource.Console)).Error?.Code);
        }
        server.Time.SetUtcNow(WorkTesting.Tokyo(2026, 11, 27, 18, 40));
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var ended = await scoped.Services.GetRequiredService<WorkdayService>().EndAsync(staffId, "予算資料の作成", WorkdaySource.Gateway);
            Assert.True(ended.IsOk);
            var times = await scoped.Services.GetRequiredService<TeleworkLookup>().WorkdayAsync(staffId, new DateOnly(2026, 11, 27));
            Assert.Equal(new WorkdayTimes(staffId, new DateOnly(2026, 11, 27), WorkPlace.Home, WorkTesting.Tokyo(2026, 11, 27, 8, 25), WorkTesting.Tokyo(2026, 11, 27, 18, 40)), times);
            Assert.Equal(WorkdaySource.Gateway, (await scoped.Db.Workdays.SingleAsync()).EndedVia);
        }
    }

    [Fact]
    public async Task End_DayLeftOpenPastMidnight_WithinADayEnds_AfterADayNeedsACorrection()
    {
        await using var server = await ConsoleServer.StartAsync(now: WorkTesting.Tokyo(2026, 11, 26, 9, 0));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var staffId = seed.StaffLogin.StaffId!.Value;
        using (var scoped = server.OpenDb(seed.Tenant.Id)) Assert.True((await scoped.Services.GetRequiredService<WorkdayService>().StartAsync(staffId, WorkdaySource.Console)).IsOk);

        server.Time.SetUtcNow(WorkTesting.Tokyo(2026, 11, 27, 9, 30));
        using var scoped2 = server.OpenDb(seed.Tenant.Id);
        var workdays = scoped2.Services.GetRequiredService<WorkdayService>();
        var current = await workdays.CurrentAsync(staffId);
        Assert.True(WorkdayRules.IsOpenPastMidnight(current!.Date, current.EndedAt, server.Time.GetUtcNow()));
        var refused = await workdays.EndAsync(staffId, null, WorkdaySource.Console);

        Assert.Equal("workday_too_long", refused.Error?.Code);
        Assert.Null((await scoped2.Db.Workdays.AsNoTracking().SingleAsync()).EndedAt);
    }

    [Fact]
    public async Task TodayPage_DayOpenPastMidnight_WarnsTheStaffMember()
    {
        await using var server = await ConsoleServer.StartAsync(now: WorkTesting.Tokyo(2026, 11, 26, 20, 0));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await staff.SubmitAsync("/work/today", "start", new Dictionary<string, string>());

        await WorkTesting.PassTimeAsync(server, WorkTesting.Tokyo(2026, 11, 27, 0, 30), staff);
        var page = await staff.GetAsync("/work/today");

        Assert.Contains("前日の勤務が終了していません", page.Text);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=end-day]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Overtime_AskedBeforeTheEnd_ApprovedBeforeIt_AfterTheEndRefused(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, WorkTesting.Tokyo(2026, 11, 26, 16, 0));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        using var head = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await seed.SignInAsync(head, Role.SectionHead, server);

        var asked = await staff.SubmitAsync("/work/today", "overtime", new Dictionary<string, string>
        {
            ["OvertimeInput.Date"] = "2026-11-26", ["OvertimeInput.Until"] = "19:00", ["OvertimeInput.Reason"] = "議会答弁の資料作成",
        });
        Assert.Contains("時間外勤務を申請しました。", asked.Text);
        var approvals = await head.GetAsync("/work/approvals?tab=overtime");
        var id = approvals.Document.QuerySelector("input[name='Decide.Ids']")!.GetAttribute("value")!;
        var decided = await head.SubmitAsync(approvals, "overtime", new Dictionary<string, string> { ["Decide.Ids"] = id, ["Decide.Action"] = "approve" });
        Assert.Equal("処理 1件、処理できなかった申請 0件", decided.Document.QuerySelector("[data-testid=decision-summary]")?.TextContent.Trim());

        await WorkTesting.PassTimeAsync(server, WorkTesting.Tokyo(2026, 11, 26, 17, 20), staff, head);
        var late = await staff.SubmitAsync("/work/today", "overtime", new Dictionary<string, string>
        {
            ["OvertimeInput.Date"] = "2026-11-26", ["OvertimeInput.Until"] = "20:00", ["OvertimeInput.Reason"] = "追加の資料",
        });
        Assert.Contains("終業時刻（17:15）より前に申請してください（事前承認）", late.Document.QuerySelector("[data-testid=today-error]")?.TextContent);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var overtime = await scoped.Db.OvertimeRequests.SingleAsync();
        Assert.Equal(RequestStatus.Approved, overtime.Status);
        Assert.Equal(new TimeOnly(19, 0), overtime.Until);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TeleworkApi_WorkReadScope_ListsApprovedDaysWithTheirWorkdays(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, WorkTesting.Tokyo(2026, 11, 27, 9, 0));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var staffId = seed.StaffLogin.StaffId!.Value;
        string token;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.TeleworkRequests.Add(new TeleworkRequest { Id = Guid.NewGuid(), StaffId = staffId, SectionId = seed.Units["330"].Id, Date = new DateOnly(2026, 11, 27), Status = RequestStatus.Approved, BatchId = Guid.NewGuid() });
            scoped.Db.TeleworkRequests.Add(new TeleworkRequest { Id = Guid.NewGuid(), StaffId = seed.Logins[Role.ItAdmin].StaffId!.Value, SectionId = seed.Units["310"].Id, Date = new DateOnly(2026, 11, 27), Status = RequestStatus.Pending, BatchId = Guid.NewGuid() });
            await scoped.Db.SaveChangesAsync();
            await scoped.Services.GetRequiredService<WorkdayService>().StartAsync(staffId, WorkdaySource.Gateway);
            var (text, row) = ApiTokenAuthentication.Create(seed.Tenant.Id, "勤怠システム", [ApiScopes.WorkRead], seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
            scoped.Db.ApiTokens.Add(row);
            await scoped.Db.SaveChangesAsync();
            token = text;
        }
        using var api = server.CreateApiClient(token);

        var days = await api.GetFromJsonAsync<List<TeleworkDayDto>>("/api/v1/work/telework?date=2026-11-27");

        var day = Assert.Single(days!);
        Assert.Equal(seed.StaffLogin.LoginId, day.StaffNumber);
        Assert.Equal("330", day.SectionCode);
        Assert.Equal(WorkTesting.Tokyo(2026, 11, 27, 9, 0), day.Started);
        Assert.Null(day.Ended);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/work/telework?date=27/11/2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/work/payroll?month=2026-11")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RulesPage_HrSavesTheCap_RequestsFollowIt_BadValuesNamed_StaffCannotOpen(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var hr = server.CreateClient();
        using var staff = server.CreateClient();
        await seed.SignInAsync(hr, Role.HrAdmin, server);
        await seed.SignInAsync(staff, Role.Staff, server);

        var page = await hr.GetAsync("/work/rules");
        Assert.Equal("4", page.Document.QuerySelector("#max-week")?.GetAttribute("value"));
        Assert.Equal("3000", page.Document.QuerySelector("#allowance")?.GetAttribute("value"));
        var fields = page.Document.Forms.Single(f => f.QuerySelector("input[name=_handler][value=rules]") is not null)
            .Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && i.Type != "hidden" && (i.Type != "checkbox" || i.IsChecked))
            .ToDictionary(i => i.Name!, i => i.Value);
        var bad = await hr.SubmitAsync(page, "rules", new Dictionary<string, string>(fields) { ["Input.MaxTeleworkDaysPerWeek"] = "9" });
        Assert.Contains("週の在宅勤務の上限日数: 0〜7の範囲で入力してください", bad.Document.QuerySelector("[data-testid=rules-problems]")?.TextContent);
        var saved = await hr.SubmitAsync("/work/rules", "rules", new Dictionary<string, string>(fields) { ["Input.MaxTeleworkDaysPerWeek"] = "2" });
        Assert.NotNull(saved.Document.QuerySelector("[data-testid=rules-saved]"));

        var asked = await staff.SubmitAsync("/work/requests", "ask",
            [new("Input.Action", "ask"), new("Input.Days", "2026-11-30"), new("Input.Days", "2026-12-01"), new("Input.Days", "2026-12-02")]);
        Assert.Contains("2026年12月2日(水): 週2日までの上限を超えます", asked.Text);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/work/rules")).Status);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Contains("workrules.created", await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id).Select(a => a.Action).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HolidayImport_ShiftJisCsv_ReplacesTheYear_MalformedRefusedWithRow(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var hr = server.CreateClient();
        await seed.SignInAsync(hr, Role.HrAdmin, server);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = Encoding.GetEncoding(932);
        // A fictional 2027 list with one more day (a special-law holiday on 2027-01-12), as a new Cabinet Office file would bring.
        var list = "国民の祝日・休日月日,国民の祝日・休日名称\r\n2027/1/1,元日\r\n2027/1/11,成人の日\r\n2027/1/12,休日（祝日扱い）\r\n";

        var bad = await hr.SubmitFileAsync("/work/calendar", "holidays", "holidays", "syukujitsu.csv", sjis.GetBytes(list + "2027/2/30,建国記念の日\r\n"));
        Assert.Contains("5行目", bad.Document.QuerySelector("[data-testid=calendar-error]")?.ParentElement?.TextContent);
        var good = await hr.SubmitFileAsync("/work/calendar", "holidays", "holidays", "syukujitsu.csv", sjis.GetBytes(list));
        Assert.Equal("2027年の祝日（3日）を取り込みました。", good.Document.QuerySelector("[data-testid=calendar-message]")?.TextContent.Trim());

        using var staff = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        var asked = await staff.SubmitAsync("/work/requests", "ask", [new("Input.Action", "ask"), new("Input.Days", "2027-01-12")]);
        Assert.Contains("2027年1月12日(火): 休日（祝日扱い）のため勤務日ではありません（勤務日）", asked.Text);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(3, await scoped.Db.TenantHolidays.CountAsync());
        Assert.Contains("holidays.imported", await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task ClosureDay_AddedByHr_RequestForItRefused()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var hr = server.CreateClient();
        using var staff = server.CreateClient();
        await seed.SignInAsync(hr, Role.HrAdmin, server);
        await seed.SignInAsync(staff, Role.Staff, server);

        var added = await hr.SubmitAsync("/work/calendar", "closure", new Dictionary<string, string> { ["Closure.Date"] = "2026-12-01", ["Closure.Name"] = "市制施行記念日" });
        Assert.Contains("市制施行記念日", added.Document.QuerySelector("[data-testid=closure-days]")?.TextContent);
        var asked = await staff.SubmitAsync("/work/requests", "ask", [new("Input.Action", "ask"), new("Input.Days", "2026-12-01")]);

        Assert.Contains("2026年12月1日(火): 団体が定めた閉庁日のため勤務日ではありません（勤務日）", asked.Text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Correction_EndBeforeStart_Refused_ForgottenDay_CreatedWhenApproved(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, WorkTesting.Tokyo(2026, 11, 26, 9, 0));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var staff = server.CreateClient();
        using var head = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await seed.SignInAsync(head, Role.SectionHead, server);

        var backwards = await staff.SubmitAsync("/work/today", "correction", new Dictionary<string, string>
        {
            ["CorrectionInput.Date"] = "2026-11-25", ["CorrectionInput.Start"] = "17:15", ["CorrectionInput.End"] = "08:30", ["CorrectionInput.Reason"] = "打刻忘れ",
        });
        Assert.Equal("終業（2026/11/25 08:30）が始業（2026/11/25 17:15）より前です", backwards.Document.QuerySelector("[data-testid=today-error]")?.TextContent.Trim());
        var forgotten = await staff.SubmitAsync("/work/today", "correction", new Dictionary<string, string>
        {
            ["CorrectionInput.Date"] = "2026-11-25", ["CorrectionInput.Start"] = "08:30", ["CorrectionInput.End"] = "17:15", ["CorrectionInput.BreakMinutes"] = "60",
            ["CorrectionInput.Reason"] = "始業・終業とも打刻を忘れました",
        });
        Assert.Contains("修正を申請しました。", forgotten.Text);
        var approvals = await head.GetAsync("/work/approvals?tab=corrections");
        var id = Assert.Single(approvals.Document.QuerySelectorAll("input[name='Decide.Ids']")).GetAttribute("value")!;
        await head.SubmitAsync(approvals, "corrections", new Dictionary<string, string> { ["Decide.Ids"] = id, ["Decide.Action"] = "approve" });

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var day = await scoped.Db.Workdays.SingleAsync();
        Assert.Equal(new DateOnly(2026, 11, 25), day.Date);
        Assert.Equal(WorkPlace.Office, day.Place);
        Assert.Equal(WorkdaySource.Correction, day.StartedVia);
        Assert.Equal(60, day.CorrectedBreakMinutes);
        Assert.Equal(WorkTesting.Tokyo(2026, 11, 25, 17, 15), day.EndedAt);
        Assert.Equal(1, await scoped.Db.WorkdayCorrections.CountAsync());
        var audit = await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id && a.Action == "workday.created").SingleAsync();
        Assert.Contains("Correction", audit.Summary);
    }
}
