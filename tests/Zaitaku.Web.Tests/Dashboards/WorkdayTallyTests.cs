using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Testing;
using Zaitaku.Web.Dashboards;
using Zaitaku.Web.Tests.Work;
using Zaitaku.Work;

namespace Zaitaku.Web.Tests.Dashboards;

/// <summary>The dashboard's daily summary of the workday records: kept by the saves, counted like the records.</summary>
public sealed class WorkdayTallyTests
{
    private static readonly DateOnly Friday = new(2026, 11, 27);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tallies_DaysStartedAddedAndLoadedInBulk_CountTheRecordsBySectionDayAndPlace(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, WorkTesting.Tokyo(2026, 11, 27, 8, 25));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var other = await TenantSeed.CreateAsync(server, "131002", "ベータ町", "B");
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            // 山田 (総務課) is approved to work at home on Friday; the others start in the office.
            scoped.Db.TeleworkRequests.Add(new TeleworkRequest { Id = Guid.NewGuid(), StaffId = seed.Staff[0].Id, SectionId = seed.Staff[0].SectionId, Date = Friday, Status = RequestStatus.Approved, BatchId = Guid.NewGuid() });
            await scoped.Db.SaveChangesAsync();
        }
        foreach (var member in seed.Staff)
        {
            using var scoped = server.OpenDb(seed.Tenant.Id);
            Assert.True((await scoped.Services.GetRequiredService<WorkdayService>().StartAsync(member.Id, WorkdaySource.Console)).IsOk);
        }
        using (var scoped = server.OpenDb(other.Tenant.Id))
            Assert.True((await scoped.Services.GetRequiredService<WorkdayService>().StartAsync(other.Staff[0].Id, WorkdaySource.Console)).IsOk);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            // Thursday: two days added one by one (as a correction adds a missing day), three in bulk (as an import does).
            scoped.Db.Workdays.Add(Day(seed.Staff[2], Friday.AddDays(-1), WorkPlace.Home));
            scoped.Db.Workdays.Add(Day(seed.Staff[3], Friday.AddDays(-1), WorkPlace.Office));
            scoped.Db.AddMany(new[] { Day(seed.Staff[4], Friday.AddDays(-1), WorkPlace.Home), Day(seed.Staff[5], Friday.AddDays(-1), WorkPlace.Home), Day(seed.Staff[6], Friday.AddDays(-1), WorkPlace.Office) });
            await scoped.Db.SaveChangesAsync();
        }

        using var check = server.OpenDb(seed.Tenant.Id);
        var tallies = await Tallies(check.Db);
        Assert.Equal(await Recount(check.Db), tallies);
        Assert.Equal(
            [
                (Friday.AddDays(-1), "310", WorkPlace.Office, 1), (Friday.AddDays(-1), "310", WorkPlace.Home, 1),
                (Friday.AddDays(-1), "330", WorkPlace.Office, 1), (Friday.AddDays(-1), "330", WorkPlace.Home, 2),
                (Friday, "110", WorkPlace.Office, 1), (Friday, "110", WorkPlace.Home, 1),
                (Friday, "120", WorkPlace.Office, 1), (Friday, "310", WorkPlace.Office, 2), (Friday, "330", WorkPlace.Office, 3),
            ],
            tallies.Select(t => (t.Date, Code: seed.Units.Values.Single(u => u.Id == t.SectionId).Code, t.Place, t.Count))
                .OrderBy(t => t.Date).ThenBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => t.Place).ToList());
        // The other municipality's day is in its own tally, not in this one's.
        Assert.Equal(1, await check.Db.WorkdayTallies.IgnoreQueryFilters().Where(t => t.TenantId == other.Tenant.Id).SumAsync(t => t.Count));

        // What the dashboard shows for the two days: 市民部 (市民課 and 課税課) by day, and by section.
        var figures = check.Services.GetRequiredService<TeleworkFigures>();
        var citizens = DashboardFilter.Read(Friday.AddDays(-1).ToString("yyyy-MM-dd"), Friday.ToString("yyyy-MM-dd"), seed.Units["300"].Id, null, Friday);
        var byDay = await figures.ByDayAsync(citizens);
        Assert.Equal([(3, 2), (0, 5)], byDay.Select(d => (d.Home, d.Office)).ToList());
        var bySection = await figures.BySectionAsync(citizens);
        Assert.Equal([("310", 1, 3), ("330", 2, 4)], bySection.Select(s => (s.Code, s.Home, s.Office)).ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tallies_StaffMemberTransferred_EarlierDaysStayWithTheSectionTheyWereWorkedIn(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, WorkTesting.Tokyo(2026, 11, 26, 8, 25));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var suzuki = seed.Staff[2];
        await StartAsync(server, seed, suzuki);
        using (var scoped = server.OpenDb(seed.Tenant.Id))
        {
            var member = await scoped.Db.Staff.SingleAsync(s => s.Id == suzuki.Id);
            member.SectionId = seed.Units["330"].Id; // 市民課 → 課税課
            await scoped.Db.SaveChangesAsync();
        }
        server.Time.SetUtcNow(WorkTesting.Tokyo(2026, 11, 27, 8, 25));
        await StartAsync(server, seed, suzuki);

        using var check = server.OpenDb(seed.Tenant.Id);
        var week = DashboardFilter.Read("2026-11-26", "2026-11-27", null, null, Friday);
        var bySection = await check.Services.GetRequiredService<TeleworkFigures>().BySectionAsync(week);
        Assert.Equal([("310", 1), ("330", 1)], bySection.Select(s => (s.Code, s.Office)).ToList());

        // A recount (as after a bulk load) files every day under the section the staff member is in now.
        await WorkdayTallyStore.RebuildAsync(check.Db, seed.Tenant.Id);
        Assert.Equal([("330", 2)], (await check.Services.GetRequiredService<TeleworkFigures>().BySectionAsync(week)).Select(s => (s.Code, s.Office)).ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tallies_StaffStartingAtOnce_LoseNoCount(DatabaseProvider provider)
    {
        await using var server = await ConsoleServer.StartAsync(provider, WorkTesting.Tokyo(2026, 11, 24, 8, 25));
        var seed = await TenantSeed.CreateAsync(server, "131001", "テスト市");
        var starts = 0;
        for (var day = 0; day < 4; day++)
        {
            server.Time.SetUtcNow(WorkTesting.Tokyo(2026, 11, 24 + day, 8, 25));
            // Every staff member at once: three of them in 課税課, two in 総務課 and in 市民課, each start its own transaction.
            await Task.WhenAll(seed.Staff.Select(member => Task.Run(() => StartAsync(server, seed, member))));
            starts += seed.Staff.Count;
        }

        using var check = server.OpenDb(seed.Tenant.Id);
        Assert.Equal(starts, await check.Db.Workdays.CountAsync());
        Assert.Equal(await Recount(check.Db), await Tallies(check.Db));
    }

    private static async Task StartAsync(ConsoleServer server, TenantSeed seed, StaffMember member)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var started = await scoped.Services.GetRequiredService<WorkdayService>().StartAsync(member.Id, WorkdaySource.Console);
        Assert.True(started.IsOk, started.Error?.Message.Ja);
    }

    private static Workday Day(StaffMember member, DateOnly date, WorkPlace place) => new()
    {
        Id = Guid.NewGuid(), StaffId = member.Id, Date = date, Place = place,
        StartedAt = JapanTime.At(date, new TimeOnly(8, 30)), EndedAt = JapanTime.At(date, new TimeOnly(17, 15)), StartedVia = WorkdaySource.Correction,
    };

    private static async Task<List<(DateOnly Date, Guid SectionId, WorkPlace Place, int Count)>> Tallies(ZaitakuDb db) =>
        (await db.WorkdayTallies.AsNoTracking().ToListAsync()).Select(t => (t.Date, t.SectionId, t.Place, t.Count))
            .OrderBy(t => t.Date).ThenBy(t => t.SectionId).ThenBy(t => t.Place).ToList();

    /// <summary>The records counted one by one, each under its staff member's section.</summary>
    private static async Task<List<(DateOnly Date, Guid SectionId, WorkPlace Place, int Count)>> Recount(ZaitakuDb db) =>
        (await (from w in db.Workdays.AsNoTracking() join s in db.Staff on w.StaffId equals s.Id select new { w.Date, s.SectionId, w.Place }).ToListAsync())
            .GroupBy(x => (x.Date, x.SectionId, x.Place)).Select(g => (g.Key.Date, g.Key.SectionId, g.Key.Place, g.Count()))
            .OrderBy(t => t.Date).ThenBy(t => t.SectionId).ThenBy(t => t.Place).ToList();
}
