using Zaitaku.Access;
using Zaitaku.Data.Tasks;
using Zaitaku.Organization;
using Zaitaku.Systems;
using Zaitaku.Tasks;

namespace Zaitaku.Testing;

/// <summary>
/// A section with a task inventory worth planning, for page and browser tests: 企画政策課 (code 410)
/// under 市民部 with twelve staff, registered systems, six tasks of every class and shares that make
/// 4 staff 在宅可, 5 交代制なら可 and 3 不可. The seed's section head heads it too.
/// </summary>
public sealed class TaskSeed
{
    public required OrgUnit Section { get; init; }
    public required List<StaffMember> Staff { get; init; }
    public required List<InventoryTask> Tasks { get; init; }
    public required List<RegisteredSystem> Systems { get; init; }

    private static readonly (string Family, string Given, string FamilyKana, string GivenKana)[] People =
    [
        ("青木", "誠", "あおき", "まこと"), ("石井", "由美", "いしい", "ゆみ"), ("上田", "健一", "うえだ", "けんいち"), ("江口", "さくら", "えぐち", "さくら"),
        ("大野", "亮", "おおの", "りょう"), ("加藤", "真理", "かとう", "まり"), ("木村", "大樹", "きむら", "だいき"), ("工藤", "彩", "くどう", "あや"),
        ("小島", "修", "こじま", "おさむ"), ("斉藤", "理恵", "さいとう", "りえ"), ("清水", "拓也", "しみず", "たくや"), ("杉山", "奈々", "すぎやま", "なな"),
    ];

    public static async Task<TaskSeed> CreateAsync(ConsoleServer server, TenantSeed seed)
    {
        using var scoped = server.OpenDb(seed.Tenant.Id);
        var db = scoped.Db;
        RegisteredSystem System(string slug, string name, Segment segment, bool remote, int order) =>
            new() { Id = Guid.NewGuid(), Slug = slug, Name = name, Segment = segment, Remote = remote, UpstreamUrl = "http://127.0.0.1:9/", SortOrder = order };
        var docs = System("docs", "文書管理システム", Segment.Lgwan, true, 1);
        var zaimu = System("zaimu", "財務会計システム", Segment.Lgwan, false, 2);
        var juki = System("juki", "住民記録システム", Segment.MyNumber, false, 3);
        var mail = System("mail", "メール", Segment.Internet, true, 4);
        db.Systems.AddRange(docs, zaimu, juki, mail);

        var section = new OrgUnit { Id = Guid.NewGuid(), Code = "410", Name = "企画政策課", Kind = OrgUnitKind.Section, ParentId = seed.Units["300"].Id, SortOrder = 10 };
        db.OrgUnits.Add(section);
        var staff = People.Select((p, i) =>
        {
            var member = new StaffMember
            {
                Id = Guid.NewGuid(), StaffNumber = $"41{i + 1:D2}", FamilyName = p.Family, GivenName = p.Given, FamilyNameKana = p.FamilyKana, GivenNameKana = p.GivenKana,
                Employment = EmploymentType.Regular, SectionId = section.Id, Position = i == 0 ? "係長" : "主事", ActiveFrom = new DateOnly(2020, 4, 1),
            };
            member.RefreshSearchKeys();
            return member;
        }).ToList();
        db.Staff.AddRange(staff);

        InventoryTask Task(string code, string name, int order, bool counter = false, Frequency paper = Frequency.Never, Frequency sameRoom = Frequency.Never, params Guid[] systems) =>
            new() { Id = Guid.NewGuid(), Code = code, SectionId = section.Id, Name = name, CounterWork = counter, PaperOriginals = paper, SameRoom = sameRoom, SystemIds = [.. systems], SortOrder = order };
        var plan = Task("KK-01", "総合計画の進行管理", 1, systems: docs.Id);
        var answers = Task("KK-02", "議会答弁資料の作成", 2, paper: Frequency.Sometimes, systems: docs.Id);
        var meetings = Task("KK-03", "庁内会議の運営", 3, sameRoom: Frequency.Sometimes, systems: mail.Id);
        var statistics = Task("KK-04", "統計調査の集計と照会対応", 4, systems: mail.Id);
        var grants = Task("KK-05", "補助金申請の窓口受付", 5, counter: true);
        var budget = Task("KK-06", "予算要求資料の作成", 6, systems: zaimu.Id);
        List<InventoryTask> tasks = [plan, answers, meetings, statistics, grants, budget];
        db.Tasks.AddRange(tasks);

        TaskAssignmentEntry Share(InventoryTask task, int person, int percent) =>
            new() { Id = Guid.NewGuid(), TaskId = task.Id, StaffId = staff[person].Id, Percent = percent };
        db.TaskAssignments.AddRange(
            // 在宅可: mostly home tasks.
            Share(plan, 0, 80), Share(grants, 0, 20),
            Share(plan, 1, 100),
            Share(statistics, 2, 90), Share(meetings, 2, 10),
            Share(statistics, 3, 100),
            // 交代制なら可: rotation tasks, or some office work.
            Share(answers, 4, 100),
            Share(answers, 5, 60), Share(meetings, 5, 40),
            Share(meetings, 6, 70), Share(plan, 6, 30),
            Share(plan, 7, 60), Share(budget, 7, 40),
            Share(answers, 8, 50), Share(grants, 8, 20), Share(plan, 8, 30),
            // 不可: counter work and the finance system.
            Share(grants, 9, 100),
            Share(budget, 10, 70), Share(plan, 10, 30),
            Share(grants, 11, 60), Share(budget, 11, 40));
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), UserId = seed.Logins[Role.SectionHead].UserId, Role = Role.SectionHead, SectionId = section.Id });
        await db.SaveChangesAsync();
        return new TaskSeed { Section = section, Staff = staff, Tasks = tasks, Systems = [docs, zaimu, juki, mail] };
    }
}
