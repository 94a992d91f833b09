using Zaitaku.Data;
using Zaitaku.Organization;
using Zaitaku.Tasks;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Tasks;

public sealed class CapacityPageTests
{
    /// <summary>DOMAIN.md's worked example: 1,000 staff, 400 home, 550 in rotation (half a day), 50 office → 675 at home, 67.5%.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CapacityPage_WorkedExampleOfTheDomain_Shows675AtHomeAgainstTheTargets(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var (section, staff) = await TaskData.AddSectionAsync(server, seed, "900", "行政改革推進課", 1000, "W");
        var home = TaskData.Task("W-HOME", section.Id, "計画の取りまとめ");
        var rotation = TaskData.Task("W-ROT", section.Id, "紙の申請書の審査", paper: Frequency.Sometimes);
        var office = TaskData.Task("W-OFF", section.Id, "窓口での受付", counter: true);
        var shares = staff.Select((s, i) => TaskData.Share(i < 400 ? home : i < 950 ? rotation : office, s.Id, 100)).ToList();
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            scoped.Db.Tasks.AddRange(home, rotation, office);
            await scoped.Db.SaveChangesAsync();
            scoped.Db.AddMany(shares);
            await scoped.Db.SaveChangesAsync();
        }
        using var client = server.CreateClient();
        await seed.SignInAsync(client, Role.HrAdmin, server);

        var page = await client.GetAsync($"/tasks/capacity/sections/{section.Id}");

        string Figure(string id) => page.Document.QuerySelector($"[data-testid={id}]")!.TextContent.Trim();
        Assert.Equal(("1,000人", "400人", "550人", "50人"), (Figure("capacity-staff"), Figure("capacity-home"), Figure("capacity-rotation"), Figure("capacity-office")));
        Assert.Equal("675人", Figure("capacity-at-home"));
        Assert.Equal("67.5%", Figure("capacity-share"));
        var targets = page.Document.QuerySelectorAll("[data-testid=capacity-targets] tbody tr").ToDictionary(r => r.GetAttribute("data-target")!, r => r.TextContent);
        Assert.Contains("達成", targets["pilot_low"], StringComparison.Ordinal);
        Assert.Contains("達成", targets["pilot_high"], StringComparison.Ordinal);
        Assert.Contains("700", targets["emergency"], StringComparison.Ordinal);
        Assert.Contains("25人不足", targets["emergency"], StringComparison.Ordinal);
        var blocking = page.Document.QuerySelectorAll("[data-testid=capacity-blocking] tbody tr").Select(r => r.GetAttribute("data-reason")).ToList();
        Assert.Equal(["paper_originals_sometimes", "counter_work"], blocking);
        Assert.NotNull(page.Document.QuerySelector("canvas[data-chart=capacity-classes]"));
        Assert.Contains("\"data\":[400,550,50]", page.Document.GetElementById("capacity-classes")!.TextContent, StringComparison.Ordinal);

        // The department adds its sections, each with rotation halved on its own; the municipality adds its departments.
        var department = await client.GetAsync($"/tasks/capacity/departments/{seed.Units["100"].Id}");
        Assert.Equal("1,003人", department.Document.QuerySelector("[data-testid=capacity-staff]")!.TextContent.Trim());
        Assert.Equal("675人", department.Document.QuerySelector("[data-testid=capacity-at-home]")!.TextContent.Trim());
        var municipality = await client.GetAsync("/tasks/capacity");
        Assert.Equal("1,008人", municipality.Document.QuerySelector("[data-testid=capacity-staff]")!.TextContent.Trim());
        Assert.Equal(2, municipality.Document.QuerySelectorAll("[data-testid=capacity-children] tbody tr").Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CapacityPage_Municipality_FollowsADecisionMadeAfterItWasShown(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider);
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var systems = await TaskData.AddSystemsAsync(server, seed);
        var counter = TaskData.Task("KZ-01", seed.Units["330"].Id, "市民税の窓口相談", counter: true, systems: systems.Docs.Id);
        var mail = TaskData.Task("SM-01", seed.Units["110"].Id, "庁内外の連絡調整", systems: systems.Mail.Id);
        await TaskData.AddAsync(server, seed, [counter, mail],
            [TaskData.Share(counter, seed.Staff[5].Id, 100), TaskData.Share(counter, seed.Staff[6].Id, 100), TaskData.Share(mail, seed.Staff[0].Id, 100)]);
        using var hr = server.CreateClient();
        await seed.SignInAsync(hr, Role.HrAdmin, server);

        var before = await hr.GetAsync("/tasks/capacity");
        Assert.Equal(("1人", "0人"), (Figure(before, "capacity-at-home"), Figure(before, "capacity-rotation")));

        await hr.SubmitAsync($"/tasks/{counter.Id}", "override", new Dictionary<string, string>
        {
            ["Decision.Class"] = "Rotation", ["Decision.Justification"] = "予約制の窓口に移行済みで、相談は出勤日にまとめる",
        });
        var after = await hr.GetAsync("/tasks/capacity");

        // 伊藤 and 渡辺 are now in rotation: one of them can be at home on a day, besides 山田.
        Assert.Equal(("2人", "2人"), (Figure(after, "capacity-at-home"), Figure(after, "capacity-rotation")));
        var blocking = after.Document.QuerySelectorAll("[data-testid=capacity-blocking] tbody tr").Select(r => r.GetAttribute("data-reason")).ToList();
        Assert.Contains("section_head_override", blocking);
    }

    private static string Figure(Page page, string id) => page.Document.QuerySelector($"[data-testid={id}]")!.TextContent.Trim();
}
