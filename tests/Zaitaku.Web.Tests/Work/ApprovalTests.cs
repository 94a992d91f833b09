using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Work;
using Zaitaku.Work;

namespace Zaitaku.Web.Tests.Work;

public sealed class ApprovalTests
{
    /// <summary>Asks for the days as a staff member would, through the service, and returns the requests' ids.</summary>
    internal static async Task<List<Guid>> AskAsync(ConsoleServer server, TenantSeed seed, SeededLogin login, params DateOnly[] days)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var requests = scoped.Services.GetRequiredService<TeleworkRequests>();
        var made = await requests.RequestAsync(new WorkActor(login.UserId, login.StaffId, login.LoginId, false), new DaySelection(days), "資料作成");
        Assert.True(made.IsOk, made.Error?.Message.Ja);
        return await scoped.Db.TeleworkRequests.Where(r => r.BatchId == made.Value.BatchId).OrderBy(r => r.Date).Select(r => r.Id).ToListAsync();
    }

    private static List<KeyValuePair<string, string>> Decide(string action, string? comment, IEnumerable<Guid> ids) =>
        [new("Decide.Action", action), new("Decide.Comment", comment ?? ""), .. ids.Select(id => new KeyValuePair<string, string>("Decide.Ids", id.ToString()))];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Approve_RequestOfAnotherSection_RefusedAndUnchanged(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        // 鈴木 一郎 (IT) belongs to 市民課 (310); the seeded head heads 課税課 (330).
        var other = await AskAsync(server, seed, seed.Logins[Role.ItAdmin], new DateOnly(2026, 11, 27));
        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);

        var approvals = await head.GetAsync("/work/approvals");
        Assert.NotNull(approvals.Document.QuerySelector("[data-testid=nothing-pending]"));
        // A forged post with the other section's request id.
        var page = await head.SubmitAsync(await head.GetAsync("/work/approvals"), "telework", Decide("approve", null, other));

        Assert.Equal("この職員の申請を承認する権限がありません（所属長または代理承認者のみ）", page.Document.QuerySelector("[data-testid=decision-error]")?.TextContent.Trim());
        using var scoped = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(RequestStatus.Pending, (await scoped.Db.TeleworkRequests.SingleAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Approve_RequestOfAnotherTenant_NotFoundAndUnchanged(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var a = await TenantSeed.CreateAsync(server, "131001", "アルファ市", "A");
        var b = await TenantSeed.CreateAsync(server, "131002", "ベータ町", "B");
        var theirs = await AskAsync(server, b, b.StaffLogin, new DateOnly(2026, 11, 27));
        using var head = server.CreateClient();
        await a.SignInAsync(head, Role.SectionHead, server);

        var page = await head.SubmitAsync(await head.GetAsync("/work/approvals"), "telework", Decide("approve", null, theirs));

        Assert.Equal("申請が見つかりません。", page.Document.QuerySelector("[data-testid=decision-error]")?.TextContent.Trim());
        Assert.DoesNotContain("ベータ町", page.Html);
        using var scoped = server.OpenDb(b.Tenant.Id);
        Assert.Equal(RequestStatus.Pending, (await scoped.Db.TeleworkRequests.SingleAsync()).Status);
    }

    [Fact]
    public async Task Approve_RulesTightenedSinceTheRequest_DayBreakingThemStaysPendingNamed()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var ids = await AskAsync(server, seed, seed.StaffLogin, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2));
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var admin = scoped.Services.GetRequiredService<WorkAdmin>();
            Assert.True((await admin.SaveRulesAsync(WorkRules.Default with { MaxTeleworkDaysPerWeek = 2 })).IsOk);
        }
        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);

        var approvals = await head.GetAsync("/work/approvals");
        Assert.Contains("週の在宅勤務の上限", approvals.Document.QuerySelector($"[data-request='{ids[2]}']")!.TextContent);
        var page = await head.SubmitAsync(approvals, "telework", Decide("approve", null, ids));

        Assert.Equal("処理 2件、処理できなかった申請 1件", page.Document.QuerySelector("[data-testid=decision-summary]")?.TextContent.Trim());
        Assert.Contains("2026年12月2日(水): 週2日までの上限を超えます（この週3日目）（週の在宅勤務の上限）", page.Document.QuerySelector("[data-testid=decision-refused]")?.TextContent);
        using var check = server.OpenDb(seed.Tenant.Id);
        var statuses = await check.Db.TeleworkRequests.OrderBy(r => r.Date).Select(r => r.Status).ToListAsync();
        Assert.Equal([RequestStatus.Approved, RequestStatus.Approved, RequestStatus.Pending], statuses);
    }

    [Fact]
    public async Task Reject_WithoutComment_Refused_WithComment_StaffToldWhy()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var ids = await AskAsync(server, seed, seed.StaffLogin, new DateOnly(2026, 11, 27));
        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);

        var bare = await head.SubmitAsync("/work/approvals", "telework", Decide("reject", null, ids));
        Assert.Equal("差し戻す（却下する）ときは理由をコメントに書いてください", bare.Document.QuerySelector("[data-testid=decision-error]")?.TextContent.Trim());
        await head.SubmitAsync("/work/approvals", "telework", Decide("reject", "窓口応援のため出勤してください", ids));

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var request = await scoped.Db.TeleworkRequests.SingleAsync();
        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal("窓口応援のため出勤してください", request.DecisionComment);
        var note = await scoped.Db.Notifications.SingleAsync(n => n.RecipientUserId == seed.StaffLogin.UserId);
        Assert.Equal("在宅勤務は承認されませんでした: 2026年11月27日(金)（窓口応援のため出勤してください）", note.TextJa);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ActingApprover_DuringThePeriod_Decides_MarkedActing_AfterIt_CannotAnyMore(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);
        var acting = seed.Logins[Role.ItAdmin]; // 鈴木 一郎 of 市民課 stands in for 課税課's head
        var named = await head.SubmitAsync("/work/approvals/acting", "name", new Dictionary<string, string>
        {
            ["Input.SectionId"] = seed.Units["330"].Id.ToString(), ["Input.UserId"] = acting.UserId.ToString(),
            ["Input.From"] = "2026-11-26", ["Input.To"] = "2026-11-27", ["Input.Reason"] = "出張",
        });
        Assert.Contains("鈴木 一郎", named.Document.QuerySelector("[data-testid=acting-approvers]")?.TextContent);
        var ids = await AskAsync(server, seed, seed.StaffLogin, new DateOnly(2026, 11, 30));

        using var stand = server.CreateClient();
        await seed.SignInAsync(stand, Role.ItAdmin, server);
        var approvals = await stand.GetAsync("/work/approvals");
        Assert.Contains("代理承認者として承認できる所属があります。", approvals.Text);
        await stand.SubmitAsync(approvals, "telework", Decide("approve", null, ids));
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var request = await scoped.Db.TeleworkRequests.SingleAsync();
            Assert.Equal(RequestStatus.Approved, request.Status);
            Assert.True(request.DecidedAsActing);
            Assert.Equal(acting.UserId, request.DecidedBy);
        }

        var later = await AskAsync(server, seed, seed.StaffLogin, new DateOnly(2026, 12, 1));
        server.Time.SetUtcNow(WorkTesting.Tokyo(2026, 11, 30, 9, 0)); // the period has ended
        using var nextWeek = server.CreateClient();
        await seed.SignInAsync(nextWeek, Role.ItAdmin, server);
        var after = await nextWeek.GetAsync("/work/approvals");
        Assert.Contains("承認できる所属がありません", after.Text);
        using var check = server.OpenDb(seed.Tenant.Id);
        var scope = await ApproverScope.LoadAsync(check.Db, new WorkActor(acting.UserId, acting.StaffId, "鈴木 一郎", false));
        var refused = await check.Services.GetRequiredService<Approvals>().DecideTeleworkAsync(scope, later, approve: true, null);
        Assert.Equal("approval_not_allowed", refused.Error?.Code);
        Assert.Equal(RequestStatus.Pending, (await check.Db.TeleworkRequests.SingleAsync(r => r.Id == later[0])).Status);
    }

    [Fact]
    public async Task ActingApprover_NamedByPlainStaff_Refused()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var service = scoped.Services.GetRequiredService<ActingApprovers>();
        var staff = seed.StaffLogin;

        var result = await service.NameAsync(new WorkActor(staff.UserId, staff.StaffId, "伊藤 恵子", false), seed.Units["330"].Id, staff.UserId,
            new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27), null);

        Assert.Equal("approval_not_allowed", result.Error?.Code);
        Assert.False(await scoped.Db.ActingApprovers.AnyAsync());
    }

    [Fact]
    public async Task Approve_OwnRequest_RefusedEvenForTheHead()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            // The head's own employment type (会計年度任用) is made eligible so that the head can ask at all.
            Assert.True((await scoped.Services.GetRequiredService<WorkAdmin>().SaveRulesAsync(WorkRules.Default with { FiscalYearAppointedEligible = true })).IsOk);
        }
        var own = await AskAsync(server, seed, seed.Logins[Role.SectionHead], new DateOnly(2026, 11, 27));
        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);

        var page = await head.SubmitAsync("/work/approvals", "telework", Decide("approve", null, own));

        Assert.Contains("自分の申請は承認できません", page.Document.QuerySelector("[data-testid=decision-refused]")?.TextContent);
    }

    [Fact]
    public async Task ApprovalsPage_SelectAllBox_CoversEveryPendingRow()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await AskAsync(server, seed, seed.StaffLogin, new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 30));
        using var head = server.CreateClient();
        await seed.SignInAsync(head, Role.SectionHead, server);

        var page = await head.GetAsync("/work/approvals");

        Assert.Equal("requests", page.Document.QuerySelector("[data-testid=select-all]")?.GetAttribute("data-select-all"));
        Assert.Equal(2, page.Document.QuerySelectorAll("input[data-select-group=requests][name='Decide.Ids']").Length);
        Assert.Equal("requests", page.Document.QuerySelector("[data-testid=approve-telework]")?.GetAttribute("data-requires-selection"));
        Assert.Equal("2", page.Document.QuerySelector("[data-testid=nav-pending]")?.TextContent.Trim());
    }
}
