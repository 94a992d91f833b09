using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Organization;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Audit;

public sealed class AuditTrailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Change_IsRecordedWithBeforeAndAfter_AndTheChainVerifies(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);
        var staff = seed.Staff[2];
        var edit = await client.GetAsync($"/staff/{staff.Id}/edit");
        var form = edit.Document.Forms.Single(f => f.QuerySelector("input[name=_handler][value=staff]") is not null);
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(i => i.Name?.StartsWith("Input.", StringComparison.Ordinal) == true).ToDictionary(i => i.Name!, i => i.Value);
        fields["Input.Position"] = "主任";
        fields["Input.Employment"] = "Regular";
        fields["Input.SectionId"] = staff.SectionId.ToString();
        var saved = await client.SubmitAsync(edit, "staff", fields);
        Assert.Equal($"/staff/{staff.Id}", saved.Address.AbsolutePath);
        Assert.Contains("主任", saved.Document.QuerySelector(".summary-list")!.TextContent, StringComparison.Ordinal);

        using var scoped = server.OpenDb(seed.Tenant.Id);
        var record = await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id && a.Action == "staff.updated").OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal("{\"Position\":[\"主事\",\"主任\"]}", record.Summary);
        Assert.Equal(staff.Id.ToString(), record.TargetId);
        Assert.StartsWith(seed.Logins[Role.HrAdmin].LoginId, record.ActorName, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", record.IpAddress);

        var report = Assert.Single(await AuditMaintenance.VerifyAsync(scoped.Db, [seed.Tenant.Id]));
        Assert.True(report.Verification.Whole, report.Verification.Problem);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_AfterARecordWasEditedInTheDatabase_ReportsTheFirstBrokenLink(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var victim = await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id).OrderBy(a => a.Sequence).Skip(3).FirstAsync();
        await scoped.Db.AuditRecords.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, "someone else"));

        var report = Assert.Single(await AuditMaintenance.VerifyAsync(scoped.Db, [seed.Tenant.Id]));

        Assert.False(report.Verification.Whole);
        Assert.Equal(victim.Sequence, report.Verification.BrokenAtSequence);
    }

    [Fact]
    public async Task Verify_AfterTheLastRecordWasDeleted_SaysTheChainIsShort()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var last = await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id).MaxAsync(a => a.Sequence);
        await scoped.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id && a.Sequence == last).ExecuteDeleteAsync();

        var report = Assert.Single(await AuditMaintenance.VerifyAsync(scoped.Db, [seed.Tenant.Id]));

        Assert.False(report.Verification.Whole);
        Assert.Contains("removed from the end", report.Verification.Problem);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ConcurrentWriters_KeepOneUnbrokenChain(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        await Parallel.ForEachAsync(Enumerable.Range(0, 24), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var scoped = server.OpenDb(seed.Tenant.Id);
            var staff = await scoped.Db.Staff.SingleAsync(s => s.Id == seed.Staff[i % seed.Staff.Count].Id);
            staff.Position = $"主任{i}";
            await scoped.Db.SaveChangesAsync();
        });

        using var check = server.OpenDb(seed.Tenant.Id);
        var report = Assert.Single(await AuditMaintenance.VerifyAsync(check.Db, [seed.Tenant.Id]));
        Assert.True(report.Verification.Whole, report.Verification.Problem);
        Assert.Equal(24, await check.Db.AuditRecords.CountAsync(a => a.ChainId == seed.Tenant.Id && a.Action == "staff.updated"));
    }

    [Fact]
    public async Task Purge_RemovesOldRecords_LeavesACheckpoint_AndTheRestStillVerifies()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        server.Time.Advance(TimeSpan.FromDays(6 * 365));
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var staff = await scoped.Db.Staff.SingleAsync(s => s.Id == seed.Staff[0].Id);
            staff.Position = "課長";
            await scoped.Db.SaveChangesAsync();
        }
        using var db = server.OpenDb(seed.Tenant.Id);
        var total = await db.Db.AuditRecords.CountAsync(a => a.ChainId == seed.Tenant.Id);

        var deleted = await AuditMaintenance.PurgeAsync(db.Db, seed.Tenant.Id, server.Time.GetUtcNow().AddYears(-5));

        Assert.Equal(total - 1, deleted);
        var remaining = await db.Db.AuditRecords.Where(a => a.ChainId == seed.Tenant.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["staff.updated", "audit.purged"], remaining);
        var report = Assert.Single(await AuditMaintenance.VerifyAsync(db.Db, [seed.Tenant.Id]));
        Assert.True(report.Verification.Whole, report.Verification.Problem);
        Assert.Equal(deleted, report.FromSequence);
    }

    [Fact]
    public async Task AuditPage_FiltersByAction_AndExportsTheSameRecords()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await client.SignInAsync("131001", seed.StaffLogin.LoginId, "wrong-password-1A");
        await seed.SignInAsync(client, Role.Auditor, server);

        var page = await client.GetAsync("/audit?action=auth.signin_failed");
        var rows = page.Document.QuerySelectorAll("[data-testid=audit-table] tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("ログイン失敗", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("bad_password", row.TextContent, StringComparison.Ordinal);

        var csv = await client.Http.GetAsync("/audit/export?format=csv&action=auth.signin_failed");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Trim('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("連番,日時,操作者,操作", lines[0], StringComparison.Ordinal);
        Assert.Contains("auth.signin_failed", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_IsRefusedToPlainStaff()
    {
        await using var server = await ConsoleServer.StartAsync();
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.Staff, server);
        var response = await client.GetRawAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", response.Headers.Location!.AbsolutePath);
        var export = await client.GetRawAsync("/audit/export?format=csv");
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
    }
}
