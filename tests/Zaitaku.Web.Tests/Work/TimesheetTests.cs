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

/// <summary>A November of work written straight into the records, then corrections, the month's close, approval, locking and the payroll export.</summary>
public sealed class TimesheetTests
{
    private static readonly DateTimeOffset December1 = WorkTesting.Tokyo(2026, 12, 1, 9, 0);

    /// <summary>
    /// 伊藤 恵子 (the staff login) works November 2026: 11 approved days at home and the other 8
    /// working days in the office, 8:30–17:15; 17 November, a day at home, is left open (no end recorded).
    /// </summary>
    private static async Task SeedNovemberAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var calendar = await scoped.Services.GetRequiredService<WorkSettings>().CalendarAsync();
        var staffId = seed.StaffLogin.StaffId!.Value;
        var days = calendar.WorkingDays(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Equal(19, days.Count);
        var home = days.Where((_, i) => i % 5 != 4).Take(11).ToHashSet();
        foreach (var day in days)
        {
            var atHome = home.Contains(day);
            if (atHome)
            {
                scoped.Db.TeleworkRequests.Add(new TeleworkRequest
                {
                    Id = Guid.NewGuid(), StaffId = staffId, SectionId = seed.Units["330"].Id, Date = day, Status = RequestStatus.Approved, BatchId = Guid.NewGuid(),
                    RequestedAt = JapanTime.At(day.AddDays(-3), new TimeOnly(9, 0)), DecidedAt = JapanTime.At(day.AddDays(-2), new TimeOnly(9, 0)),
                });
            }
            scoped.Db.Workdays.Add(new Workday
            {
                Id = Guid.NewGuid(), StaffId = staffId, Date = day, Place = atHome ? WorkPlace.Home : WorkPlace.Office,
                StartedAt = JapanTime.At(day, new TimeOnly(8, 30)), EndedAt = day.Day == 17 ? null : JapanTime.At(day, new TimeOnly(17, 15)),
            });
        }
        await scoped.Db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Month_CorrectedClosedApprovedLocked_ThenCorrectionRefused_AndPayrollExported(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, December1);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await SeedNovemberAsync(server, seed);
        using var staff = server.CreateClient();
        using var head = server.CreateClient();
        using var hr = server.CreateClient();
        await seed.SignInAsync(staff, Role.Staff, server);
        await seed.SignInAsync(head, Role.SectionHead, server);
        await seed.SignInAsync(hr, Role.HrAdmin, server);

        // The open day shows on the staff member's timesheet; they ask for a correction.
        var sheet = await staff.GetAsync("/work/timesheet?month=2026-11");
        Assert.Contains("未終業（日付を越えています）", sheet.Document.QuerySelector("[data-date='2026-11-17']")!.TextContent);
        Assert.Equal("10", sheet.Document.QuerySelector("[data-testid=telework-days]")?.TextContent.Trim());
        await staff.SubmitAsync("/work/today", "correction", new Dictionary<string, string>
        {
            ["CorrectionInput.Date"] = "2026-11-17", ["CorrectionInput.Start"] = "08:30", ["CorrectionInput.End"] = "17:45",
            ["CorrectionInput.Reason"] = "終業の打刻を忘れました",
        });

        // HR closes the month before the correction is decided: the head cannot approve the timesheet yet.
        var closed = await hr.SubmitAsync("/work/timesheets?month=2026-11", "close", new Dictionary<string, string>());
        Assert.Contains("2026年11月を締めました", closed.Document.QuerySelector("[data-testid=timesheets-message]")?.TextContent);
        var list = await head.GetAsync("/work/timesheets?month=2026-11");
        var sheetId = list.Document.QuerySelector("input[name='Approve.Ids'][aria-label='伊藤 恵子']")!.GetAttribute("value")!;
        var early = await head.SubmitAsync(list, "approve", new Dictionary<string, string> { ["Approve.Ids"] = sheetId });
        Assert.Contains("未処理の修正申請が1件あります", early.Document.QuerySelector("[data-testid=timesheets-refused]")?.TextContent);

        // The head approves the correction, then the timesheet, which locks the month.
        var approvals = await head.GetAsync("/work/approvals?tab=corrections");
        var correctionId = approvals.Document.QuerySelector("input[name='Decide.Ids']")!.GetAttribute("value")!;
        await head.SubmitAsync(approvals, "corrections", new Dictionary<string, string> { ["Decide.Ids"] = correctionId, ["Decide.Action"] = "approve" });
        var approved = await head.SubmitAsync("/work/timesheets?month=2026-11", "approve", new Dictionary<string, string> { ["Approve.Ids"] = sheetId });
        Assert.Equal("1人の勤務表を承認し、確定しました。", approved.Document.QuerySelector("[data-testid=timesheets-message]")?.TextContent.Trim());

        var locked = await staff.GetAsync("/work/timesheet?month=2026-11");
        Assert.StartsWith("承認済み・確定", locked.Document.QuerySelector("[data-testid=timesheet-status]")?.TextContent.Trim());
        Assert.Equal("11", locked.Document.QuerySelector("[data-testid=telework-days]")?.TextContent.Trim());
        Assert.Equal("8", locked.Document.QuerySelector("[data-testid=office-days]")?.TextContent.Trim());
        Assert.Equal("3,000", locked.Document.QuerySelector("[data-testid=allowance]")?.TextContent.Trim());
        Assert.Equal("147:45", locked.Document.QuerySelector("[data-testid=worked]")?.TextContent.Trim()); // 19 × 7:45 + 30 minutes
        Assert.Equal("0:30", locked.Document.QuerySelector("[data-testid=overtime]")?.TextContent.Trim());

        // A correction of the locked month is refused, and nothing changes.
        var refused = await staff.SubmitAsync("/work/today", "correction", new Dictionary<string, string>
        {
            ["CorrectionInput.Date"] = "2026-11-20", ["CorrectionInput.Start"] = "08:00", ["CorrectionInput.End"] = "17:15", ["CorrectionInput.Reason"] = "始業時刻の誤り",
        });
        Assert.Equal("2026年11月の勤務表は承認済みで確定しているため、修正できません", refused.Document.QuerySelector("[data-testid=today-error]")?.TextContent.Trim());
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            Assert.Equal(1, await scoped.Db.WorkdayCorrections.CountAsync());
            var corrected = await scoped.Db.Workdays.SingleAsync(w => w.Date == new DateOnly(2026, 11, 17));
            Assert.Equal(JapanTime.At(new DateOnly(2026, 11, 17), new TimeOnly(17, 45)), corrected.EndedAt);
            Assert.True(corrected.Corrected);
            var actions = await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id).Select(a => a.Action).ToListAsync();
            Assert.Contains("correction.created", actions);
            Assert.Contains("timesheets.closed", actions);
            Assert.Contains("timesheet.updated", actions);
        }

        // HR exports the month for payroll: UTF-8 CSV, Shift_JIS CSV and .xlsx carry the same row.
        var csv = await hr.Http.GetByteArrayAsync("/work/payroll/export?month=2026-11&format=csv");
        var line = Encoding.UTF8.GetString(csv).Split('\n').Single(l => l.StartsWith(seed.StaffLogin.LoginId, StringComparison.Ordinal));
        Assert.Equal($"{seed.StaffLogin.LoginId},伊藤 恵子,330,テスト市課税課,再任用,19,11,8,147:45,0:30,3000,承認済み", line.TrimEnd('\r'));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = Encoding.GetEncoding(932).GetString(await hr.Http.GetByteArrayAsync("/work/payroll/export?month=2026-11&format=csv-sjis"));
        Assert.Contains("在宅勤務等手当（円）", sjis);
        Assert.Contains("伊藤 恵子,330,テスト市課税課,再任用,19,11,8", sjis);
        using var xlsx = new MemoryStream(await hr.Http.GetByteArrayAsync("/work/payroll/export?month=2026-11&format=xlsx"));
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => (string?)r["職員番号"] == seed.StaffLogin.LoginId);
        Assert.Equal("11", row["在宅勤務日数"]?.ToString());
        Assert.Equal("8", row["出勤日数（通勤日数）"]?.ToString());
        Assert.Equal("3000", row["在宅勤務等手当（円）"]?.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PayrollApi_WithPayrollScope_ReturnsTheMonth_WithoutIt_Forbidden(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, December1);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await SeedNovemberAsync(server, seed);
        string payroll, staffOnly;
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            await scoped.Services.GetRequiredService<TimesheetService>().CloseMonthAsync(new Zaitaku.Budget.YearMonth(2026, 11));
            var (text, token) = ApiTokenAuthentication.Create(seed.Tenant.Id, "給与システム", [ApiScopes.PayrollRead], seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
            var (other, token2) = ApiTokenAuthentication.Create(seed.Tenant.Id, "人事システム", [ApiScopes.StaffRead], seed.Logins[Role.TenantAdmin].UserId, server.Time.GetUtcNow(), null);
            scoped.Db.ApiTokens.AddRange(token, token2);
            await scoped.Db.SaveChangesAsync();
            payroll = text;
            staffOnly = other;
        }
        using var api = server.CreateApiClient(payroll);

        var rows = await api.GetFromJsonAsync<List<PayrollRow>>("/api/v1/work/payroll?month=2026-11");
        var mine = Assert.Single(rows!, r => r.StaffNumber == seed.StaffLogin.LoginId);
        Assert.Equal(10, mine.TeleworkDays); // the open day does not count
        Assert.Equal(8, mine.OfficeDays);
        Assert.Equal(0, mine.AllowanceYen); // 10 days is not more than 10
        Assert.False(mine.Approved);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/work/payroll?month=2026-13")).StatusCode);
        using var wrongScope = server.CreateApiClient(staffOnly);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrongScope.GetAsync("/api/v1/work/payroll?month=2026-11")).StatusCode);
    }

    [Fact]
    public async Task CloseMonth_TwiceWithALockedSheet_KeepsTheLockedOneAndRecomputesTheRest()
    {
        await using var server = await ConsoleServer.StartAsync(now: December1);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await SeedNovemberAsync(server, seed);
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var timesheets = scoped.Services.GetRequiredService<TimesheetService>();
        var november = new Zaitaku.Budget.YearMonth(2026, 11);

        var first = await timesheets.CloseMonthAsync(november);
        Assert.Equal(8, first.Closed); // every employed staff member of the seed
        var other = await scoped.Db.Timesheets.FirstAsync(t => t.StaffId != seed.StaffLogin.StaffId);
        other.Status = TimesheetStatus.Approved;
        await scoped.Db.SaveChangesAsync();
        var second = await timesheets.CloseMonthAsync(november);

        Assert.Equal(new MonthClosed(november, 7, 7, 1), second);
        Assert.Equal(8, await scoped.Db.Timesheets.CountAsync());
        Assert.Equal(TimesheetStatus.Approved, (await scoped.Db.Timesheets.SingleAsync(t => t.Id == other.Id)).Status);
    }

    [Fact]
    public async Task TimesheetOfAnotherSectionsStaff_HiddenFromAHead()
    {
        await using var server = await ConsoleServer.StartAsync(now: December1);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);

        var theirs = await head.GetAsync($"/work/timesheet/{seed.Logins[Role.ItAdmin].StaffId}?month=2026-11");
        var mine = await head.GetAsync($"/work/timesheet/{seed.StaffLogin.StaffId}?month=2026-11");

        Assert.Contains("勤務表を表示できる職員ではありません。", theirs.Text);
        Assert.DoesNotContain("鈴木", theirs.Text);
        Assert.Contains("伊藤 恵子", mine.Text);
    }
}
