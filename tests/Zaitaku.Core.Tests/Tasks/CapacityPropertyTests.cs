using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Zaitaku.Tasks;

namespace Zaitaku.Core.Tests.Tasks;

public class CapacityPropertyTests
{
    private static readonly SystemRef Allowed = new("a", "文書管理", SystemSegment.Lgwan, true);
    private static readonly SystemRef Closed = new("c", "財務会計", SystemSegment.Lgwan, false);

    /// <summary>Random municipalities: 1–4 departments, 1–12 sections, 1–80 staff doing 0–4 random tasks of their section each.</summary>
    private static Arbitrary<TaskInventory> Inventories()
    {
        var taskGen = from counter in Gen.Elements(false, false, false, true)
                      from confidential in Gen.Elements(false, false, false, true)
                      from closed in Gen.Elements(false, false, true)
                      from paper in Gen.Elements(Frequency.Never, Frequency.Never, Frequency.Sometimes, Frequency.Daily)
                      from room in Gen.Elements(Frequency.Never, Frequency.Never, Frequency.Sometimes, Frequency.Daily)
                      select (counter, confidential, closed, paper, room);
        var gen = from sectionCount in Gen.Choose(1, 12)
                  from departmentOf in Gen.ArrayOf(Gen.Choose(0, 3), sectionCount)
                  from taskShapes in Gen.ArrayOf(taskGen, sectionCount * 4)
                  from staffCount in Gen.Choose(1, 80)
                  from staffSection in Gen.ArrayOf(Gen.Choose(0, sectionCount - 1), staffCount)
                  from picks in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 3), 4), staffCount)
                  from taskCounts in Gen.ArrayOf(Gen.Choose(0, 4), staffCount)
                  select Build(departmentOf, taskShapes, staffSection, picks, taskCounts);
        return gen.ToArbitrary();
    }

    private static TaskInventory Build(int[] departmentOf, (bool Counter, bool Confidential, bool Closed, Frequency Paper, Frequency Room)[] shapes, int[] staffSection, int[][] picks, int[] taskCounts)
    {
        var sections = departmentOf.Select((d, i) => new SectionRef($"s{i}", $"課{i}", $"d{d}", $"部{d}")).ToArray();
        var tasks = shapes.Select((t, i) => new WorkTask($"t{i}", $"s{i / 4}", $"業務{i}", t.Counter, t.Confidential, t.Closed ? [Closed] : [Allowed], t.Paper, t.Room)).ToArray();
        var staff = staffSection.Select((s, i) => new StaffRef($"e{i}", $"s{s}")).ToArray();
        var assignments = new List<TaskAssignment>();
        for (var i = 0; i < staff.Length; i++)
        {
            var chosen = picks[i].Take(taskCounts[i]).Distinct().ToArray();
            foreach (var pick in chosen) assignments.Add(new TaskAssignment($"e{i}", $"t{staffSection[i] * 4 + pick}", 100 / chosen.Length));
        }

        return TaskInventory.Create(sections, staff, tasks, assignments).Value;
    }

    [Property(MaxTest = 200)]
    public Property Capacity_AnyInventory_LevelsAddUp() => Prop.ForAll(Inventories(), inventory =>
    {
        var report = inventory.Capacity().Value;
        var all = report.Municipality;

        return all.Staff == report.Staff.Count
            && all.Staff == all.Home + all.Rotation + all.Office
            && all.AtHomeOnTypicalDay == report.Sections.Sum(s => s.AtHomeOnTypicalDay)
            && all.AtHomeOnTypicalDay == report.Departments.Sum(d => d.AtHomeOnTypicalDay)
            && all.Home == report.Staff.Count(s => s.Eligibility == TeleworkClass.Home)
            && report.Sections.All(s => s.AtHomeOnTypicalDay == s.Home + s.Rotation / 2);
    });

    [Property(MaxTest = 200)]
    public Property Capacity_AnyInventory_StaffEligibilityFollowsTheirTasks() => Prop.ForAll(Inventories(), inventory =>
    {
        var report = inventory.Capacity().Value;

        // Recomputed from the public classification of each task, not from the inventory's arrays.
        return report.Staff.All(member =>
        {
            var listed = member.HomePercent + member.RotationPercent + member.OfficePercent;
            var blockedAtAll = member.RotationPercent + member.OfficePercent > 0;
            return member.Eligibility == report.Rule.Classify(member.HomePercent, member.RotationPercent, member.OfficePercent)
                && (listed > 0 || member.Reasons.Contains(TaskReasonKind.NoTasksListed))
                && (blockedAtAll == (listed > 0 && !member.Reasons.IsEmpty));
        });
    });

    [Property(MaxTest = 200)]
    public Property Capacity_AnyInventory_BlockingTimeNeverAboveStaff() => Prop.ForAll(Inventories(), inventory =>
    {
        var report = inventory.Capacity().Value;

        return report.Municipality.Blocking.All(b => b.TaskTimeFte <= report.Municipality.Staff + 1e-9)
            && report.Municipality.Blocking.All(b => b.Staff <= report.Municipality.Rotation + report.Municipality.Office);
    });
}
