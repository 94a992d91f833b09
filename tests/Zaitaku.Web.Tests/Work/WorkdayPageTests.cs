using System.Net;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Work;

namespace Zaitaku.Web.Tests.Work;

public sealed class WorkdayPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TodayPage_StartBreakAndEndWithReport_RecordsTheDayInUtcOnItsTokyoDate(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, new DateTimeOffset(2026, 11, 26, 8, 31, 0, TimeSpan.FromHours(9)));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.Staff, server);

        var started = await client.SubmitAsync("/work/today", "start", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Contains("始業を記録しました。", started.Text);
        Assert.Equal("2026/11/26 08:31", started.Document.QuerySelector("[data-testid=started]")!.TextContent.Trim());

        var again = await client.GetAsync("/work/today");
        Assert.Null(again.Document.QuerySelector("[data-testid=start-day]"));

        await WorkTesting.PassTimeAsync(server, WorkTesting.Tokyo(2026, 11, 26, 12), client);
        await client.SubmitAsync("/work/today", "break-start", new Dictionary<string, string>());
        await WorkTesting.PassTimeAsync(server, WorkTesting.Tokyo(2026, 11, 26, 12, 50), client);
        await client.SubmitAsync("/work/today", "break-end", new Dictionary<string, string>());
        await WorkTesting.PassTimeAsync(server, WorkTesting.Tokyo(2026, 11, 26, 17, 16), client);
        var ended = await client.SubmitAsync("/work/today", "end", new Dictionary<string, string> { ["EndInput.Report"] = "窓口統計の集計、議会資料の校正" });

        Assert.Contains("終業を記録しました。", ended.Text);
        Assert.Equal("窓口統計の集計、議会資料の校正", ended.Document.QuerySelector("[data-testid=report]")!.TextContent.Trim());
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var day = await scoped.Db.Workdays.Include(w => w.Breaks).SingleAsync(w => w.StaffId == seed.StaffLogin.StaffId);
        Assert.Equal(new DateOnly(2026, 11, 26), day.Date);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 23, 31, 0, TimeSpan.Zero), day.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 16, 0, TimeSpan.Zero), day.EndedAt);
        Assert.Equal(WorkPlace.Office, day.Place);
        Assert.Equal(50, (int)(day.Breaks.Single().EndedAt!.Value - day.Breaks.Single().StartedAt).TotalMinutes);
        var actions = await scoped.Db.AuditRecords.Where(a => a.TenantId == seed.Tenant.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains("workday.created", actions);
        Assert.Contains("workday.updated", actions);
        Assert.Contains("workbreak.created", actions);
    }
}
