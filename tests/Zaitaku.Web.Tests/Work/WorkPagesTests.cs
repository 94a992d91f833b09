using System.Net;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Work;

public sealed class WorkPagesTests
{
    private static readonly string[] Pages =
    [
        "/work/today", "/work/requests", "/work/requests?month=2027-01", "/work/approvals", "/work/approvals?tab=overtime", "/work/approvals?tab=corrections",
        "/work/approvals/acting", "/work/timesheet", "/work/timesheets", "/work/payroll", "/work/rules", "/work/calendar", "/notifications", "/presence",
    ];

    [Theory]
    [InlineData("ja", "在席状況")]
    [InlineData("en", "Presence")]
    public async Task EveryWorkPage_ForAnAccountWithEveryRole_OpensInBothLanguages(string language, string menuItem)
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var admin = seed.Logins[Role.TenantAdmin].UserId;
            scoped.Db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = admin, Role = Role.HrAdmin });
            scoped.Db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = admin, Role = Role.SectionHead, SectionId = seed.Units["110"].Id });
            await scoped.Db.SaveChangesAsync();
        }
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.TenantAdmin, server);
        await client.GetAsync($"/culture?lang={language}&return=/");

        foreach (var path in Pages)
        {
            var page = await client.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.OK, $"{path} answered {page.Status}");
            Assert.NotNull(page.Heading);
            Assert.Contains(menuItem, page.Document.QuerySelector("nav.app-nav")?.TextContent);
        }
    }

    [Fact]
    public async Task HrPages_PlainStaff_Forbidden_WorkPages_Open()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.Staff, server);

        foreach (var path in new[] { "/work/rules", "/work/calendar", "/work/payroll" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/work/payroll/export?month=2026-11&format=csv")).Status);
        var approvals = await client.GetAsync("/work/approvals");
        Assert.Contains("承認できる所属がありません", approvals.Text);
        var home = await client.GetAsync("/");
        Assert.NotNull(home.Document.QuerySelector("a[href='/work/today']"));
    }
}
