using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Zaitaku.Tasks;

namespace Zaitaku.Core.Tests.Tasks;

public class EligibilityRuleTests
{
    private static readonly EligibilityRule Rule = EligibilityRule.Default;

    [Theory]
    [InlineData(100, 0, 0, TeleworkClass.Home)]
    [InlineData(80, 0, 20, TeleworkClass.Home)]
    [InlineData(79, 0, 21, TeleworkClass.Rotation)]
    [InlineData(60, 40, 0, TeleworkClass.Home)]
    [InlineData(58, 42, 0, TeleworkClass.Rotation)]
    [InlineData(0, 100, 0, TeleworkClass.Rotation)]
    [InlineData(50, 0, 50, TeleworkClass.Rotation)]
    [InlineData(49, 0, 51, TeleworkClass.Office)]
    [InlineData(20, 60, 20, TeleworkClass.Rotation)]
    [InlineData(0, 60, 20, TeleworkClass.Office)]
    [InlineData(0, 0, 100, TeleworkClass.Office)]
    [InlineData(0, 0, 0, TeleworkClass.Office)]
    public void Classify_Shares_ByOfficeBoundShare(int home, int rotation, int office, TeleworkClass expected)
    {
        Assert.Equal(expected, Rule.Classify(home, rotation, office));
    }

    [Fact]
    public void Classify_SharesNotAddingUpTo100_OnlyRatioCounts()
    {
        // 8 of 40 listed percent is office-only: 20%.
        Assert.Equal(TeleworkClass.Home, Rule.Classify(32, 0, 8));
        Assert.Equal(TeleworkClass.Rotation, Rule.Classify(31, 0, 9));
    }

    [Fact]
    public void Classify_TenantWithTwoOfficeDaysAWeek_StricterHomeBound()
    {
        var rule = new EligibilityRule(HomeMaxOfficeBoundPercent: 40);

        Assert.Equal(TeleworkClass.Home, rule.Classify(60, 0, 40));
    }

    [Theory]
    [InlineData(-1, 50, "homeMaxOfficeBoundPercent")]
    [InlineData(30, 20, "rotationMaxOfficeBoundPercent")]
    [InlineData(20, 101, "rotationMaxOfficeBoundPercent")]
    public void Validate_BadBounds_ErrorNamesField(int home, int rotation, string field)
    {
        Assert.Equal(field, new EligibilityRule(home, rotation).Validate()!.Field);
    }

    private static Arbitrary<(int Home, int Rotation, int Office)> Shares() =>
        (from h in Gen.Choose(0, 100) from r in Gen.Choose(0, 100 - h) from o in Gen.Choose(0, 100 - h - r) select (h, r, o)).ToArbitrary();

    [Property]
    public Property Classify_MovingTimeTowardsOffice_NeverBetter() => Prop.ForAll(Shares(), s =>
    {
        var before = Rule.Classify(s.Home, s.Rotation, s.Office);
        var homeToRotation = s.Home > 0 ? Rule.Classify(s.Home - 1, s.Rotation + 1, s.Office) : before;
        var rotationToOffice = s.Rotation > 0 ? Rule.Classify(s.Home, s.Rotation - 1, s.Office + 1) : before;
        return homeToRotation >= before && rotationToOffice >= before;
    });

    [Property]
    public Property Classify_ScaledShares_SameClass() => Prop.ForAll(Shares(), s =>
        Rule.Classify(s.Home, s.Rotation, s.Office) == Rule.Classify(3 * s.Home, 3 * s.Rotation, 3 * s.Office));

    [Property]
    public Property Classify_SingleClassOfWork_ThatClass() => Prop.ForAll(Gen.Choose(1, 100).ToArbitrary(), p =>
        Rule.Classify(p, 0, 0) == TeleworkClass.Home && Rule.Classify(0, p, 0) == TeleworkClass.Rotation && Rule.Classify(0, 0, p) == TeleworkClass.Office);
}
