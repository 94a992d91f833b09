using Zaitaku.Budget;

namespace Zaitaku.Core.Tests.Budget;

public class BudgetComparisonTests
{
    private static YearMonth M(int year, int month) => new(year, month);

    private static readonly BudgetScenario Leased = new()
    {
        Name = "専用PC＋閉域SIM",
        FiscalYear = 2024,
        LeasedPc = new LeasedPcPricing(10_833, 30_200),
        SimMonthlyFeeYen = 1_200,
        Rollout = [new RolloutPhase(M(2024, 10), PcProvision.LeasedPc, 100)],
    };

    private static readonly BudgetScenario OwnPc = new()
    {
        Name = "私物PC＋VDI＋手当",
        FiscalYear = 2024,
        LeasedPc = new LeasedPcPricing(10_833, 30_200),
        OwnPc = new OwnPcPricing(2_500, 1_000_000),
        Allowance = TeleworkAllowance.National(12m),
        Rollout = [new RolloutPhase(M(2024, 10), PcProvision.OwnPc, 100, WithoutHomePc: 15)],
    };

    [Fact]
    public void Compare_TwoScenarios_MonthsAndTotalsSideBySide()
    {
        var comparison = BudgetComparison.Compare([Leased, OwnPc]).Value;

        var leasedTotal = 6 * 100 * (10_833 + 1_200) + 100 * 30_200;
        var ownTotal = 6 * 85 * 2_500 + 1_000_000 + 6 * 15 * 10_833 + 15 * 30_200 + 6 * 100 * 3_000;
        Assert.Equal([leasedTotal, ownTotal], comparison.FiscalYearTotalsYen);
        Assert.Equal(12, comparison.Months.Count);
        Assert.Equal([0L, 0L], comparison.Months[0].CostYen);
        Assert.Equal([100 * (10_833 + 1_200) + 100 * 30_200L, 85 * 2_500 + 1_000_000 + 15 * (10_833 + 30_200) + 100 * 3_000L], comparison.Months[6].CostYen);
        Assert.Equal(M(2025, 3), comparison.Months[11].Month);
    }

    [Fact]
    public void Compare_TwoScenarios_CheapestByYearAndByRunRate()
    {
        var comparison = BudgetComparison.Compare([Leased, OwnPc]).Value;

        // Own PCs: 85 × 2,500 + 15 × 10,833 + 100 × 3,000 = 674,995 a month against 100 × 12,033 = 1,203,300.
        Assert.Same(comparison.Plans[1], comparison.CheapestRunRate);
        Assert.Equal(12 * 674_995, comparison.Plans[1].AnnualRunRateYen);
        Assert.Same(comparison.Plans[1], comparison.CheapestThisYear);
    }

    [Fact]
    public void Compare_DifferentFiscalYears_ErrorNamesScenario()
    {
        var error = Assert.IsType<BudgetInputError>(BudgetComparison.Compare([Leased, OwnPc with { FiscalYear = 2025, Rollout = [OwnPc.Rollout[0] with { Month = M(2025, 10) }] }]).Error);

        Assert.Equal(BudgetErrorCodes.FiscalYearMismatch, error.Code);
        Assert.Equal("scenarios[1].fiscalYear", error.Field);
    }

    [Fact]
    public void Compare_BadScenario_ErrorNamesFieldUnderScenario()
    {
        var bad = Leased with { Rollout = [new RolloutPhase(M(2025, 5), PcProvision.LeasedPc, 1)] };

        var error = Assert.IsType<BudgetInputError>(BudgetComparison.Compare([OwnPc, bad]).Error);

        Assert.Equal("scenarios[1].rollout[0].month", error.Field);
        Assert.StartsWith("scenarios[1].rollout[0].month: 2025-05 is after fiscal year 2024", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SameName_Error()
    {
        var error = Assert.IsType<BudgetInputError>(BudgetComparison.Compare([Leased, OwnPc with { Name = Leased.Name }]).Error);

        Assert.Equal("scenarios[1].name", error.Field);
    }

    [Fact]
    public void Compare_Nothing_Error()
    {
        Assert.Equal("scenarios", Assert.IsType<BudgetInputError>(BudgetComparison.Compare([]).Error).Field);
    }
}
