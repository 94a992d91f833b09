using Zaitaku.Tasks;

namespace Zaitaku.Core.Tests.Tasks;

public class CapacityTests
{
    private static readonly SystemRef Groupware = new("gw", "グループウェア", SystemSegment.Lgwan, true);
    private static readonly SystemRef Residents = new("jk", "住民記録システム", SystemSegment.MyNumber, false);

    private static WorkTask Task(string id, string section, bool counter = false, Frequency paper = Frequency.Never, SystemRef? system = null) =>
        new(id, section, $"業務 {id}", counter, false, system is null ? [Groupware] : [system], paper, Frequency.Never);

    /// <summary>DOMAIN.md's worked example in one section: 400 staff on home work, 550 on rotation work, 50 at the counter.</summary>
    private static TaskInventory WorkedExample(int sections = 1)
    {
        var sectionRefs = Enumerable.Range(0, sections).Select(i => new SectionRef($"s{i}", $"第{i}課", "d0", "総務部")).ToArray();
        var tasks = sectionRefs.SelectMany(s => new[] { Task($"{s.Id}-home", s.Id), Task($"{s.Id}-paper", s.Id, paper: Frequency.Sometimes), Task($"{s.Id}-counter", s.Id, counter: true) }).ToArray();
        var staff = new List<StaffRef>();
        var assignments = new List<TaskAssignment>();
        for (var i = 0; i < 1_000; i++)
        {
            var section = $"s{i % sections}";
            var task = i < 400 ? "home" : i < 950 ? "paper" : "counter";
            staff.Add(new StaffRef($"e{i:D4}", section));
            assignments.Add(new TaskAssignment($"e{i:D4}", $"{section}-{task}", 100));
        }

        return TaskInventory.Create(sectionRefs, staff, tasks, assignments).Value;
    }

    [Fact]
    public void Capacity_WorkedExample_675StaffAt67Point5Percent()
    {
        var report = WorkedExample().Capacity().Value;
        var all = report.Municipality;

        Assert.Equal((1_000, 400, 550, 50), (all.Staff, all.Home, all.Rotation, all.Office));
        Assert.Equal(675, all.AtHomeOnTypicalDay);
        Assert.Equal(0.675m, all.HomeShare);
    }

    [Fact]
    public void Capacity_WorkedExample_TargetsShownAgainstIt()
    {
        var gaps = WorkedExample().Capacity().Value.Municipality.Targets;

        Assert.Equal(["pilot_low", "pilot_high", "emergency"], gaps.Select(g => g.Target.Code));
        Assert.Equal([200, 250, 700], gaps.Select(g => g.RequiredStaff));
        Assert.Equal([475, 425, -25], gaps.Select(g => g.GapStaff));
        Assert.Equal([true, true, false], gaps.Select(g => g.Met));
    }

    [Fact]
    public void Capacity_WorkedExample_BlockingReasonsInStaffAndTime()
    {
        var blocking = WorkedExample().Capacity().Value.Municipality.Blocking;

        Assert.Equal(["paper_originals_sometimes", "counter_work"], blocking.Select(b => b.Code));
        Assert.Equal([550, 50], blocking.Select(b => b.Staff));
        Assert.Equal([550.0, 50.0], blocking.Select(b => b.TaskTimeFte));
        Assert.Equal([1, 1], blocking.Select(b => b.Tasks));
    }

    [Fact]
    public void Capacity_RotationHalvedPerSection_AsThePlannerDoes()
    {
        // Ten sections: 55 rotation staff each, ⌊55 / 2⌋ = 27 at home a day, not 27.5.
        var report = WorkedExample(sections: 10).Capacity().Value;

        Assert.All(report.Sections, s => Assert.Equal(40 + 27, s.AtHomeOnTypicalDay));
        Assert.Equal(670, report.Municipality.AtHomeOnTypicalDay);
        Assert.Equal(670, report.Departments.Single().AtHomeOnTypicalDay);
    }

    [Fact]
    public void Capacity_SectionsAndDepartments_SumToMunicipality()
    {
        var sections = new[] { new SectionRef("jinji", "人事課", "somu", "総務部"), new SectionRef("joho", "情報政策課", "somu", "総務部"), new SectionRef("shimin", "市民課", "shiminbu", "市民部") };
        var tasks = new[]
        {
            Task("kyuyo", "jinji"), Task("saiyo", "jinji", paper: Frequency.Sometimes),
            Task("kaihatsu", "joho"),
            Task("madoguchi", "shimin", counter: true), Task("juki", "shimin", system: Residents), Task("tokei", "shimin"),
        };
        var staff = new[] { new StaffRef("a", "jinji"), new StaffRef("b", "jinji"), new StaffRef("c", "joho"), new StaffRef("d", "shimin"), new StaffRef("e", "shimin"), new StaffRef("f", "shimin") };
        var assignments = new[]
        {
            new TaskAssignment("a", "kyuyo", 100),
            new TaskAssignment("b", "kyuyo", 30), new TaskAssignment("b", "saiyo", 70),
            new TaskAssignment("c", "kaihatsu", 100),
            new TaskAssignment("d", "madoguchi", 60), new TaskAssignment("d", "tokei", 40),
            new TaskAssignment("e", "juki", 50), new TaskAssignment("e", "madoguchi", 50),
            new TaskAssignment("f", "tokei", 85), new TaskAssignment("f", "madoguchi", 15),
        };

        var report = TaskInventory.Create(sections, staff, tasks, assignments).Value.Capacity().Value;

        Assert.Equal(["home", "rotation", "home", "office", "office", "home"], report.Staff.Select(s => s.Eligibility.ToCode()));
        var jinji = report.Sections[0];
        Assert.Equal((2, 1, 1, 0, 1), (jinji.Staff, jinji.Home, jinji.Rotation, jinji.Office, jinji.AtHomeOnTypicalDay));
        var somu = report.Departments.Single(d => d.Id == "somu");
        Assert.Equal((3, 2, 1, 0, 2), (somu.Staff, somu.Home, somu.Rotation, somu.Office, somu.AtHomeOnTypicalDay));
        var shiminbu = report.Departments.Single(d => d.Id == "shiminbu");
        Assert.Equal((3, 1, 0, 2, 1), (shiminbu.Staff, shiminbu.Home, shiminbu.Rotation, shiminbu.Office, shiminbu.AtHomeOnTypicalDay));
        Assert.Equal(3, report.Municipality.AtHomeOnTypicalDay);
        Assert.Equal(0.5m, report.Municipality.HomeShare);

        // Counter work keeps d and e in the office (f is home-eligible, so not counted in staff) and takes 0.6 + 0.5 + 0.15 of their time.
        var counter = shiminbu.Blocking.Single(b => b.Kind == TaskReasonKind.CounterWork);
        Assert.Equal(2, counter.Staff);
        Assert.Equal(1.25, counter.TaskTimeFte, precision: 9);
        Assert.Equal(shiminbu.Blocking[0], counter);
        Assert.Equal(1, shiminbu.Blocking.Single(b => b.Kind == TaskReasonKind.MyNumberSystem).Staff);
    }

    [Fact]
    public void Capacity_StaffWithoutTasks_OfficeWithReason()
    {
        var inventory = TaskInventory.Create([new SectionRef("s", "課", "d", "部")], [new StaffRef("x", "s")], [Task("t", "s")], []).Value;

        var report = inventory.Capacity().Value;

        var member = report.Staff.Single();
        Assert.Equal(TeleworkClass.Office, member.Eligibility);
        Assert.Equal([TaskReasonKind.NoTasksListed], member.Reasons);
        Assert.Equal(1, report.Municipality.Blocking.Single().Staff);
    }

    [Fact]
    public void Capacity_OverrideToHome_CountsAsHome()
    {
        var decision = new TaskOverride(TeleworkClass.Home, "原本は電子化済みで紙の取扱いはなくなったため", "head", DateTimeOffset.UnixEpoch);
        var tasks = new[] { Task("t", "s", paper: Frequency.Daily) with { Override = decision } };

        var report = TaskInventory.Create([new SectionRef("s", "課", "d", "部")], [new StaffRef("x", "s")], tasks, [new TaskAssignment("x", "t", 100)]).Value.Capacity().Value;

        Assert.Equal(TeleworkClass.Home, report.Staff.Single().Eligibility);
        Assert.Empty(report.Municipality.Blocking);
    }

    [Fact]
    public void Capacity_OverrideToOffice_SectionHeadIsTheBlockingReason()
    {
        var decision = new TaskOverride(TeleworkClass.Office, "年度末は課内での読み合わせが必須のため", "head", DateTimeOffset.UnixEpoch);
        var tasks = new[] { Task("t", "s") with { Override = decision } };

        var report = TaskInventory.Create([new SectionRef("s", "課", "d", "部")], [new StaffRef("x", "s")], tasks, [new TaskAssignment("x", "t", 100)]).Value.Capacity().Value;

        Assert.Equal(TeleworkClass.Office, report.Staff.Single().Eligibility);
        Assert.Equal(TaskReasonKind.SectionHeadOverride, report.Municipality.Blocking.Single().Kind);
    }

    [Fact]
    public void Classify_ById_ReasonsOfTheTask()
    {
        var inventory = WorkedExample();

        Assert.Equal(TeleworkClass.Rotation, inventory.Classify("s0-paper")!.Effective);
        Assert.Null(inventory.Classify("nope"));
    }

    [Fact]
    public void Capacity_CustomTarget_GapAgainstIt()
    {
        var target = new CapacityTarget("half", new("半数", "half"), 0.5m);

        var gap = WorkedExample().Capacity(targets: [target]).Value.Municipality.Targets.Single();

        Assert.Equal((500, 175), (gap.RequiredStaff, gap.GapStaff));
    }

    [Fact]
    public void Capacity_TargetAboveOne_Error()
    {
        var error = Assert.IsType<TaskInputError>(WorkedExample().Capacity(targets: [new CapacityTarget("x", new("x", "x"), 1.5m)]).Error);

        Assert.Equal("targets[0].homeShare", error.Field);
    }

    public static TheoryData<string, string> BadInventories => new()
    {
        { "staff[1].id", TaskErrorCodes.DuplicateId },
        { "staff[0].sectionId", TaskErrorCodes.UnknownReference },
        { "tasks[1].id", TaskErrorCodes.DuplicateId },
        { "tasks[0].sectionId", TaskErrorCodes.UnknownReference },
        { "tasks[0].name", TaskErrorCodes.MissingValue },
        { "tasks[0].override.justification", TaskErrorCodes.JustificationTooShort },
        { "sections[1].id", TaskErrorCodes.DuplicateId },
        { "assignments[0].staffId", TaskErrorCodes.UnknownReference },
        { "assignments[0].taskId", TaskErrorCodes.UnknownReference },
        { "assignments[0].percent", TaskErrorCodes.OutOfRange },
        { "assignments[1].percent", TaskErrorCodes.SharesAboveWhole },
        { "assignments[1].taskId", TaskErrorCodes.DuplicateAssignment },
    };

    [Theory]
    [MemberData(nameof(BadInventories))]
    public void Create_BadRow_ErrorNamesIt(string field, string code)
    {
        SectionRef[] sections = [new("s", "課", "d", "部"), new("s2", "課2", "d", "部")];
        StaffRef[] staff = [new("x", "s"), new("y", "s")];
        WorkTask[] tasks = [Task("t", "s"), Task("u", "s")];
        TaskAssignment[] assignments = [new("x", "t", 60), new("x", "u", 40)];
        switch (field)
        {
            case "staff[1].id": staff = [new("x", "s"), new("x", "s")]; break;
            case "staff[0].sectionId": staff = [new("x", "nowhere")]; break;
            case "tasks[1].id": tasks = [Task("t", "s"), Task("t", "s")]; break;
            case "tasks[0].sectionId": tasks = [Task("t", "nowhere"), Task("u", "s")]; break;
            case "tasks[0].name": tasks = [Task("t", "s") with { Name = " " }, Task("u", "s")]; break;
            case "tasks[0].override.justification": tasks = [Task("t", "s") with { Override = new(TeleworkClass.Home, "短い", "head", DateTimeOffset.UnixEpoch) }, Task("u", "s")]; break;
            case "sections[1].id": sections = [new("s", "課", "d", "部"), new("s", "課", "d", "部")]; break;
            case "assignments[0].staffId": assignments = [new("z", "t", 10)]; break;
            case "assignments[0].taskId": assignments = [new("x", "v", 10)]; break;
            case "assignments[0].percent": assignments = [new("x", "t", 0)]; break;
            case "assignments[1].percent": assignments = [new("x", "t", 60), new("x", "u", 41)]; break;
            default: assignments = [new("x", "t", 30), new("x", "t", 30)]; break;
        }

        var error = Assert.IsType<TaskInputError>(TaskInventory.Create(sections, staff, tasks, assignments).Error);

        Assert.Equal((field, code), (error.Field, error.Code));
        Assert.StartsWith(field + ": ", error.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SameTaskTwiceAmongManyTasks_Refused()
    {
        var tasks = Enumerable.Range(0, 12).Select(i => Task($"t{i}", "s")).ToArray();
        var assignments = tasks.Select(t => new TaskAssignment("x", t.Id, 5)).Append(new TaskAssignment("x", "t3", 5)).ToArray();

        var error = Assert.IsType<TaskInputError>(TaskInventory.Create([new SectionRef("s", "課", "d", "部")], [new StaffRef("x", "s")], tasks, assignments).Error);

        Assert.Equal(("assignments[12].taskId", TaskErrorCodes.DuplicateAssignment), (error.Field, error.Code));
        Assert.Contains("assignments[3]", error.Message.En, StringComparison.Ordinal);
    }
}
