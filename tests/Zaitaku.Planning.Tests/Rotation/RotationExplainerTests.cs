using FsCheck.Xunit;
using Zaitaku.Planning;

namespace Zaitaku.Planning.Tests.Rotation;

public sealed class RotationExplainerTests
{
    private static readonly PlannerOptions Quick = new() { TimeLimit = TimeSpan.FromSeconds(20), Workers = 1 };
    private static readonly DateOnly Monday = new(2026, 6, 1);

    private static RotationInstance TwoStaffOnePc() => new()
    {
        Days = [Monday, Monday.AddDays(1)],
        Rules = new RotationRules { MaxHomeDaysPerWeek = 4, MinOfficeDaysPerWeek = 0 },
        DevicePool = 1,
        Sections = [new RotationSection { Id = "s1", MinOffice = 0, MinOfficeShare = 0 }],
        Staff =
        [
            new RotationStaff { Id = "a", Section = "s1", Eligibility = Eligibility.Home },
            new RotationStaff { Id = "b", Section = "s1", Eligibility = Eligibility.Home },
            new RotationStaff { Id = "c", Section = "s1", Eligibility = Eligibility.Office },
            new RotationStaff { Id = "d", Section = "s1", Eligibility = Eligibility.Home, FixedOffice = [Monday, Monday.AddDays(1)] },
        ],
    };

    [Property(MaxTest = 20)]
    public bool WhyInOffice_OptimalPlan_EveryOfficeDayHasARuleBehindIt(int seed)
    {
        // In an optimal plan nobody could go home without breaking a rule: each office day names one.
        var random = new Random(seed);
        var instance = RotationInstanceGenerator.Generate(new GeneratorSettings
        {
            Staff = random.Next(5, 60),
            Sections = random.Next(1, 5),
            Days = random.Next(2, 11),
            DevicePoolShare = random.NextDouble() * 0.5,
            TargetShare = random.NextDouble() < 0.3 ? 0.2 : null,
            Seed = seed,
        });
        var plan = RotationPlanner.Solve(instance, Quick);
        if (plan.Status != PlanStatus.Optimal) return true;
        var explainer = RotationExplainer.For(instance, plan);
        return instance.Staff.All(p => instance.Days.Select((day, d) => (day, d)).All(x =>
        {
            var reasons = explainer.WhyInOffice(p.Id, x.day);
            return plan.Assignments[p.Id][x.d] == DayPlace.Office
                ? reasons.Count > 0 && reasons.All(r => r.Reason != OfficeReason.NotForced)
                : reasons.Count == 0;
        }));
    }

    [Fact]
    public void Day_PoolInUse_ListsTheDevicePoolAsBinding()
    {
        var instance = TwoStaffOnePc();
        var plan = RotationPlanner.Solve(instance, Quick);

        var day = RotationExplainer.For(instance, plan).Day(Monday);

        Assert.Equal(1, day.Home);
        Assert.Equal(3, day.Office);
        Assert.Equal(1, day.DevicesUsed);
        var binding = Assert.Single(day.Binding);
        Assert.Equal(BindingKind.DevicePool, binding.Kind);
        Assert.Contains("1 telework PCs", binding.Message.En);
    }

    [Fact]
    public void WhyInOffice_EachKindOfStaff_GivesItsOwnReason()
    {
        var instance = TwoStaffOnePc();
        var plan = RotationPlanner.Solve(instance, Quick);
        var explainer = RotationExplainer.For(instance, plan);
        var officeOnMonday = plan.Assignments["a"][0] == DayPlace.Office ? "a" : "b";

        Assert.Equal([OfficeReason.DevicePool], explainer.WhyInOffice(officeOnMonday, Monday).Select(r => r.Reason));
        Assert.Equal([OfficeReason.OfficeEligibility], explainer.WhyInOffice("c", Monday).Select(r => r.Reason));
        Assert.Equal([OfficeReason.FixedOffice], explainer.WhyInOffice("d", Monday).Select(r => r.Reason));
    }

    [Fact]
    public void WhyInOffice_PlanEditedToWaste_SaysNoRuleForcesIt()
    {
        var instance = TwoStaffOnePc();
        var edited = new RotationPlan
        {
            Status = PlanStatus.Feasible,
            HomeDays = 0,
            Bound = 2,
            Assignments = instance.Staff.ToDictionary(p => p.Id, _ => (IReadOnlyList<DayPlace>)[DayPlace.Office, DayPlace.Office]),
        };

        var reasons = RotationExplainer.For(instance, edited).WhyInOffice("a", Monday);

        Assert.Equal([OfficeReason.NotForced], reasons.Select(r => r.Reason));
        Assert.Empty(RotationExplainer.For(instance, edited).Day(Monday).Binding);
    }

    [Fact]
    public void Day_SectionAtItsMinimumAndRotationAtHalf_ListsBoth()
    {
        var staff = Enumerable.Range(1, 4).Select(i => new RotationStaff { Id = $"r{i}", Section = "s1", Eligibility = Eligibility.Rotation }).ToList();
        var instance = new RotationInstance
        {
            Days = [Monday],
            Rules = new RotationRules { MaxHomeDaysPerWeek = 4, MinOfficeDaysPerWeek = 0 },
            DevicePool = 10,
            Sections = [new RotationSection { Id = "s1", MinOffice = 2, MinOfficeShare = 0 }],
            Staff = staff,
        };
        var plan = RotationPlanner.Solve(instance, Quick);

        var day = RotationExplainer.For(instance, plan).Day(Monday);

        Assert.Equal(2, day.Home);
        Assert.Contains(day.Binding, b => b.Kind == BindingKind.SectionMinimumOffice && b.Section == "s1" && b.Count == 2);
        Assert.Contains(day.Binding, b => b.Kind == BindingKind.RotationHalf && b.Section == "s1");
    }
}
