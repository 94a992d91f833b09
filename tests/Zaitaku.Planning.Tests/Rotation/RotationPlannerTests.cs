using FsCheck.Xunit;
using Zaitaku.Planning;

namespace Zaitaku.Planning.Tests.Rotation;

public sealed class RotationPlannerTests
{
    private static readonly PlannerOptions Quick = new() { TimeLimit = TimeSpan.FromSeconds(20), Workers = 1 };

    private static RotationStaff Person(string id, string section = "s1", Eligibility eligibility = Eligibility.Home) =>
        new() { Id = id, Section = section, Eligibility = eligibility };

    private static List<DateOnly> Weekdays(DateOnly first, int count) =>
        [.. Enumerable.Range(0, 14).Select(first.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(count)];

    private static RotationInstance Instance(List<RotationStaff> staff, int pool = 100, int? target = null, int minOffice = 0, decimal share = 0m, int days = 5) => new()
    {
        Days = Weekdays(new DateOnly(2026, 6, 1), days),
        Rules = new RotationRules { MaxHomeDaysPerWeek = 4, MinOfficeDaysPerWeek = 1 },
        DevicePool = pool,
        TargetHomeDays = target,
        Sections = [.. staff.Select(p => p.Section).Distinct().Select(id => new RotationSection { Id = id, MinOffice = minOffice, MinOfficeShare = share })],
        Staff = staff,
    };

    [Property(MaxTest = 100)]
    public bool Solve_TinyRandomInstance_MatchesBruteForceOnAllThreeTiers(int seed)
    {
        var instance = TinyInstances.Random(seed);
        var plan = RotationPlanner.Solve(instance, Quick);
        var optimum = BruteForce.Optimum(instance);
        if (optimum is null) return plan.Status == PlanStatus.Infeasible && plan.Conflicts.Count > 0;
        return plan.Status == PlanStatus.Optimal
            && PlanChecker.Violations(instance, plan).Count == 0
            && PlanChecker.Objective(instance, plan) == optimum.Value
            && plan.Bound == optimum.Value.Homes;
    }

    [Property(MaxTest = 25)]
    public void Solve_GeneratedInstance_KeepsEveryHardRule(int seed)
    {
        var random = new Random(seed);
        var instance = RotationInstanceGenerator.Generate(new GeneratorSettings
        {
            Staff = random.Next(5, 80),
            Sections = random.Next(1, 6),
            Days = random.Next(3, 13),
            FirstDay = new DateOnly(2026, 6, 1).AddDays(random.Next(0, 7)),
            DevicePoolShare = random.NextDouble() * 0.6,
            TargetShare = random.NextDouble() < 0.3 ? random.NextDouble() * 0.5 : null,
            NoDeviceShare = random.NextDouble() * 0.3,
            FixedHomeRate = random.NextDouble() < 0.5 ? 0.1 : 0,
            Seed = seed,
        });
        var plan = RotationPlanner.Solve(instance, Quick);
        Assert.NotEqual(PlanStatus.Infeasible, plan.Status);
        Assert.Equal([], PlanChecker.Violations(instance, plan));
    }

    [Property(MaxTest = 100)]
    public bool Solve_EveryHomeDayNeedsAPc_BoundEqualsBruteForceOptimum(int seed)
    {
        // With every home day taking a PC the problem is a network flow, so the bound is exact.
        var instance = TinyInstances.Random(seed, allNeedDevice: true, pins: false);
        var optimum = BruteForce.Optimum(instance)!.Value;
        var plan = RotationPlanner.Solve(instance, Quick with { TimeLimit = TimeSpan.Zero });
        return plan.Bound == optimum.Homes;
    }

    [Fact]
    public void Solve_OneSectionOneWeek_ReachesTheHandCountedOptimum()
    {
        // 4 home-eligible staff, minOffice 1: at most 3 at home a day (15 in the week); each at most 4 a week (16).
        var instance = Instance([Person("a"), Person("b"), Person("c"), Person("d")], minOffice: 1);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal(15, plan.HomeDays);
        Assert.Equal(15, plan.Bound);
        Assert.Empty(PlanChecker.Violations(instance, plan));
    }

    [Fact]
    public void Solve_PoolOfTwoAcrossSections_AtMostTwoHomePerDay()
    {
        // Two sections of 3 home-eligible staff, no section minimum, a pool of 2 PCs: 2 a day, 10 in the week.
        var staff = new List<RotationStaff> { Person("a1", "s1"), Person("a2", "s1"), Person("a3", "s1"), Person("b1", "s2"), Person("b2", "s2"), Person("b3", "s2") };
        var instance = Instance(staff, pool: 2);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Equal(10, plan.HomeDays);
        Assert.Empty(PlanChecker.Violations(instance, plan));
    }

    [Fact]
    public void Solve_StaffWithoutPcNeeds_GoHomeOnTopOfThePool()
    {
        var staff = new List<RotationStaff> { Person("a"), Person("b"), Person("c") with { NeedsDevice = false } };
        var instance = Instance(staff, pool: 1);

        var plan = RotationPlanner.Solve(instance, Quick);

        // c: 4 days (weekly cap) without a PC; a and b share one PC a day: 5.
        Assert.Equal(9, plan.HomeDays);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
    }

    [Fact]
    public void Solve_PrefersHomeFreeToHonour_IsHonoured()
    {
        // One PC, two staff: 5 home days either way; b wants Wednesday.
        var wednesday = new DateOnly(2026, 6, 3);
        var staff = new List<RotationStaff> { Person("a"), Person("b") with { PrefersHome = [wednesday] } };
        var instance = Instance(staff, pool: 1);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(5, plan.HomeDays);
        Assert.Equal(DayPlace.Home, plan.Assignments["b"][2]);
        Assert.Equal(1, plan.PrefersHomeHonoured);
    }

    [Fact]
    public void Solve_PrefersHomeCostingAHomeDay_HomeDaysWin()
    {
        // a can only be home on Monday (office otherwise); b prefers Monday. One PC: giving it to b on Monday loses a's only day.
        var monday = new DateOnly(2026, 6, 1);
        var a = Person("a") with { FixedOffice = Weekdays(monday, 5).Skip(1).ToList() };
        var b = Person("b") with { PrefersHome = [monday] };
        var instance = Instance([a, b], pool: 1);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(5, plan.HomeDays);
        Assert.Equal(DayPlace.Home, plan.Assignments["a"][0]);
        Assert.Equal(DayPlace.Office, plan.Assignments["b"][0]);
    }

    [Fact]
    public void Solve_TwoAlikeStaffSharingOnePc_SplitHomeDaysEvenly()
    {
        // Four days, one PC: 4 home days to share; evenness gives 2 and 2, not 3 and 1 (or 4 and 0).
        var instance = Instance([Person("a"), Person("b")], pool: 1, days: 4);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(4, plan.HomeDays);
        Assert.Equal(2, plan.Assignments["a"].Count(x => x == DayPlace.Home));
        Assert.Equal(2, plan.Assignments["b"].Count(x => x == DayPlace.Home));
    }

    [Fact]
    public void Solve_TargetBelowWhatFits_StopsAtTheTarget()
    {
        var staff = Enumerable.Range(1, 10).Select(i => Person($"e{i}")).ToList();
        var instance = Instance(staff, target: 12);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(12, plan.HomeDays);
        Assert.Equal(12, plan.Bound);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        Assert.Empty(PlanChecker.Violations(instance, plan));
    }

    [Fact]
    public void Solve_PeriodStartingThursday_CountsThePartialWeekOnItsOwn()
    {
        // Thu 2026-06-04, Fri 06-05, then Mon–Wed: the first week has 2 days, so one home day at most there (min 1 office).
        var days = new List<DateOnly> { new(2026, 6, 4), new(2026, 6, 5), new(2026, 6, 8), new(2026, 6, 9), new(2026, 6, 10) };
        var instance = Instance([Person("a")]) with { Days = days };

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(1, plan.Assignments["a"].Take(2).Count(x => x == DayPlace.Home));
        Assert.Equal(2, plan.Assignments["a"].Skip(2).Count(x => x == DayPlace.Home));
        Assert.Equal(3, plan.HomeDays);
    }

    [Fact]
    public void Solve_PinnedDaysBeyondThePool_InfeasibleWithTheDayNamed()
    {
        var tuesday = new DateOnly(2026, 6, 2);
        var staff = new List<RotationStaff> { Person("a") with { FixedHome = [tuesday] }, Person("b") with { FixedHome = [tuesday] } };
        var instance = Instance(staff, pool: 1);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        var conflict = Assert.Single(plan.Conflicts);
        Assert.Equal(5, conflict.Rule);
        Assert.Equal(tuesday, conflict.Day);
        Assert.Contains("2026-06-02", conflict.Message.Ja);
        Assert.Contains("2 telework PCs", conflict.Message.En);
        Assert.Empty(plan.Assignments);
    }

    [Fact]
    public void Solve_PinnedHomeOfOfficeOnlyStaffAndOverSectionMinimum_ListsBothRules()
    {
        var monday = new DateOnly(2026, 6, 1);
        var staff = new List<RotationStaff>
        {
            Person("clerk", eligibility: Eligibility.Office) with { FixedHome = [monday] },
            Person("b") with { FixedHome = [monday] },
        };
        var instance = Instance(staff, minOffice: 1);

        var plan = RotationPlanner.Solve(instance, Quick);

        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        Assert.Contains(plan.Conflicts, c => c.Rule == 1 && c.Staff == "clerk");
        Assert.Contains(plan.Conflicts, c => c.Rule == 3 && c.Section == "s1" && c.Day == monday);
    }

    [Fact]
    public void Solve_InstanceBuiltInCodeWithUnknownSection_ThrowsNamingTheField()
    {
        var instance = Instance([Person("a"), Person("b", section: "s1") with { Section = "nowhere" }]) with
        {
            Sections = [new RotationSection { Id = "s1", MinOffice = 0, MinOfficeShare = 0 }],
        };

        var error = Assert.Throws<ArgumentException>(() => RotationPlanner.Solve(instance, Quick));

        Assert.Contains("staff[1].section: unknown section \"nowhere\"", error.Message);
    }

    [Fact]
    public void Solve_AlreadyCancelled_ReturnsAPlanKeepingTheRules()
    {
        var instance = RotationInstanceGenerator.Generate(new GeneratorSettings { Staff = 60, Sections = 4, Days = 10, FixedHomeRate = 0.1 });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var plan = RotationPlanner.Solve(instance, Quick with { CancellationToken = cancel.Token });

        Assert.NotEqual(PlanStatus.Infeasible, plan.Status);
        Assert.Empty(PlanChecker.Violations(instance, plan));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.9)]
    [InlineData(1.2)]
    [InlineData(1.6)]
    [InlineData(2.0)]
    public void Solve_TimeLimitCutsTheSearchShort_PlanStillKeepsEveryRule(double seconds)
    {
        // Limits spread over the phases of a solve, so that some cut it between splitting the PCs and using them.
        var instance = RotationInstanceGenerator.Generate(new GeneratorSettings { Staff = 1_000, Sections = 50, DevicePoolShare = 0.3, FixedHomeRate = 0.05, Seed = 9 });

        var plan = RotationPlanner.Solve(instance, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(seconds) });

        Assert.NotEqual(PlanStatus.Infeasible, plan.Status);
        Assert.Equal([], PlanChecker.Violations(instance, plan));
    }

    [Fact]
    public void Solve_WithProgress_ReportsImprovingPlansWithinTheBound()
    {
        var instance = RotationInstanceGenerator.Generate(new GeneratorSettings { Staff = 200, Sections = 10, Days = 10 });
        var reports = new List<PlannerProgress>();

        var plan = RotationPlanner.Solve(instance, Quick with { Progress = reports.Add });

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.True(r.HomeDays <= r.Bound));
        Assert.Equal(reports.Select(r => r.HomeDays).Order(), reports.Select(r => r.HomeDays));
        Assert.Equal(plan.HomeDays, reports[^1].HomeDays);
    }

    [Fact]
    public void Solve_ThousandStaffWithBindingPool_WithinOnePercentOfTheBound()
    {
        var instance = RotationInstanceGenerator.Generate(new GeneratorSettings { Staff = 1_000, Sections = 50, DevicePoolShare = 0.3 });

        var plan = RotationPlanner.Solve(instance, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(60) });

        Assert.Empty(PlanChecker.Violations(instance, plan));
        Assert.True(plan.Gap <= 0.01, $"gap {plan.Gap:P2}: homeDays {plan.HomeDays}, bound {plan.Bound}");
    }
}
