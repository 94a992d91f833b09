using Microsoft.EntityFrameworkCore;
using Zaitaku.Access;
using Zaitaku.Data.Tasks;
using Zaitaku.Organization;
using Zaitaku.Systems;
using Zaitaku.Tasks;
using Zaitaku.Testing;

namespace Zaitaku.Web.Tests.Tasks;

/// <summary>Registered systems and inventory rows written straight to a test's database.</summary>
internal static class TaskData
{
    public sealed record Systems(RegisteredSystem Docs, RegisteredSystem Juki, RegisteredSystem Zaimu, RegisteredSystem Mail);

    /// <summary>文書管理 (LGWAN, allowed), 住民記録 (My Number), 財務会計 (LGWAN, not allowed), メール (Internet, allowed).</summary>
    public static async Task<Systems> AddSystemsAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        RegisteredSystem System(string slug, string name, Segment segment, bool remote) =>
            new() { Id = Guid.NewGuid(), Slug = slug, Name = name, Segment = segment, Remote = remote, UpstreamUrl = "http://127.0.0.1:9/" };
        var systems = new Systems(System("docs", "文書管理システム", Segment.Lgwan, true), System("juki", "住民記録システム", Segment.MyNumber, true),
            System("zaimu", "財務会計システム", Segment.Lgwan, false), System("mail", "メール", Segment.Internet, true));
        scoped.Db.Systems.AddRange(systems.Docs, systems.Juki, systems.Zaimu, systems.Mail);
        await scoped.Db.SaveChangesAsync();
        return systems;
    }

    public static InventoryTask Task(string code, Guid sectionId, string name, bool counter = false, bool confidential = false,
        Frequency paper = Frequency.Never, Frequency sameRoom = Frequency.Never, params Guid[] systems) =>
        new() { Id = Guid.NewGuid(), Code = code, SectionId = sectionId, Name = name, CounterWork = counter, ConfidentialPersonalData = confidential,
            PaperOriginals = paper, SameRoom = sameRoom, SystemIds = [.. systems] };

    public static TaskAssignmentEntry Share(InventoryTask task, Guid staffId, int percent) =>
        new() { Id = Guid.NewGuid(), TaskId = task.Id, StaffId = staffId, Percent = percent };

    public static async Task AddAsync(ConsoleServer server, TenantSeed seed, IEnumerable<InventoryTask> tasks, IEnumerable<TaskAssignmentEntry>? shares = null)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        scoped.Db.Tasks.AddRange(tasks);
        if (shares is not null) scoped.Db.TaskAssignments.AddRange(shares);
        await scoped.Db.SaveChangesAsync();
    }

    /// <summary>A section of <paramref name="count"/> staff (numbers <c>{prefix}0001…</c>) under a department of the seed, written in bulk.</summary>
    public static async Task<(OrgUnit Section, List<StaffMember> Staff)> AddSectionAsync(ConsoleServer server, TenantSeed seed, string code, string name, int count, string prefix, string department = "100")
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var section = new OrgUnit { Id = Guid.NewGuid(), Code = code, Name = name, Kind = OrgUnitKind.Section, ParentId = seed.Units[department].Id, SortOrder = 50 };
        scoped.Db.OrgUnits.Add(section);
        await scoped.Db.SaveChangesAsync();
        var staff = Enumerable.Range(1, count).Select(i =>
        {
            var member = new StaffMember
            {
                Id = Guid.NewGuid(), StaffNumber = $"{prefix}{i:D4}", FamilyName = "試験", GivenName = $"{i}号", FamilyNameKana = "しけん", GivenNameKana = "ごう",
                Employment = EmploymentType.Regular, SectionId = section.Id, ActiveFrom = new DateOnly(2020, 4, 1),
            };
            member.RefreshSearchKeys();
            return member;
        }).ToList();
        scoped.Db.AddMany(staff);
        await scoped.Db.SaveChangesAsync();
        return (section, staff);
    }

    public static async Task<List<Zaitaku.Audit.AuditRecord>> AuditAsync(ConsoleServer server, TenantSeed seed, string action)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        return await scoped.Db.AuditRecords.AsNoTracking().Where(a => a.ChainId == seed.Tenant.Id && a.Action == action).OrderBy(a => a.Sequence).ToListAsync();
    }
}
