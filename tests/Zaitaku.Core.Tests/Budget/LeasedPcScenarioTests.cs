using Zaitaku.Budget;

namespace Zaitaku.Core.Tests.Budget;

public class LeasedPcScenarioTests
{
    /// <summary>Higashimurayama City, FY2020 (DOMAIN.md): 20 PCs in September, 80 more in December.</summary>
    private static readonly LeasedPcScenario Higashimurayama = new(
        FiscalYear: 2020,
        MonthlyFeeYen: 10_833,
        KittingFeeYen: 30_200,
        SimMonthlyFeeYen: 0,
        SetupFeeYen: 0,
        Rollout: [new RolloutStep(new YearMonth(2020, 9), 20), new RolloutStep(new YearMonth(2020, 12), 80)]);

    [Fact]
    public void Plan_Higashimurayama_AboutEightMillionThisYearAndThirteenMillionAYear()
    {
        var plan = Higashimurayama.Plan().Value;

        // 20 × 10,833 × 3 (Sep–Nov) + 100 × 10,833 × 4 (Dec–Mar) + 100 × 30,200 kitting.
        Assert.Equal(649_980 + 4_333_200 + 3_020_000, plan.FiscalYearTotalYen);
        Assert.Equal(8_003_180, plan.FiscalYearTotalYen);
        Assert.Equal(8.0m, Math.Round(plan.FiscalYearTotalYen / 1_000_000m, 1));

        // 100 PCs × 10,833 × 12.
        Assert.Equal(12_999_600, plan.AnnualRunRateYen);
        Assert.Equal(13.0m, Math.Round(plan.AnnualRunRateYen / 1_000_000m, 1));
    }

    [Fact]
    public void Plan_Higashimurayama_MonthByMonth()
    {
        var plan = Higashimurayama.Plan().Value;

        Assert.Equal(
            ["2020-04", "2020-05", "2020-06", "2020-07", "2020-08", "2020-09", "2020-10", "2020-11", "2020-12", "2021-01", "2021-02", "2021-03"],
            plan.Months.Select(m => m.Month.ToString()));
        Assert.Equal([0, 0, 0, 0, 0, 20, 20, 20, 100, 100, 100, 100], plan.Months.Select(m => m.Devices));
        Assert.Equal(
            [0L, 0, 0, 0, 0, 216_660 + 604_000, 216_660, 216_660, 1_083_300 + 2_416_000, 1_083_300, 1_083_300, 1_083_300],
            plan.Months.Select(m => m.CostYen));
        Assert.Equal(plan.FiscalYearTotalYen, plan.Months.Sum(m => m.CostYen));
    }

    [Fact]
    public void Plan_SimFee_ChargedPerPcFromItsMonthAndInRunRate()
    {
        var plan = (Higashimurayama with { SimMonthlyFeeYen = 1_500 }).Plan().Value;

        // SIM: 20 × 1,500 × 3 + 100 × 1,500 × 4 = 90,000 + 600,000.
        Assert.Equal(8_003_180 + 690_000, plan.FiscalYearTotalYen);
        Assert.Equal(216_660 + 604_000 + 30_000, plan.Months[5].CostYen);
        Assert.Equal(12 * 100 * (10_833 + 1_500), plan.AnnualRunRateYen);
    }

    [Fact]
    public void Plan_SetupFee_FallsInFirstRolloutMonthOnlyAndNotInRunRate()
    {
        var plan = (Higashimurayama with { SetupFeeYen = 2_000_000 }).Plan().Value;

        Assert.Equal(216_660 + 604_000 + 2_000_000, plan.Months[5].CostYen);
        Assert.Equal(1_083_300 + 2_416_000, plan.Months[8].CostYen);
        Assert.Equal(8_003_180 + 2_000_000, plan.FiscalYearTotalYen);
        Assert.Equal(12_999_600, plan.AnnualRunRateYen);
    }

    [Fact]
    public void Plan_SetupFeeWithStepsInAnyOrder_FallsInEarliestMonth()
    {
        var scenario = Higashimurayama with
        {
            SetupFeeYen = 500_000,
            Rollout = [new RolloutStep(new YearMonth(2020, 12), 80), new RolloutStep(new YearMonth(2020, 9), 20)],
        };

        var plan = scenario.Plan().Value;

        Assert.Equal(500_000, plan.Months[5].SetupYen);
        Assert.Equal(0, plan.Months[8].SetupYen);
    }

    [Fact]
    public void Plan_RolloutBeforeYear_InPlaceFromAprilWithoutKitting_SetupInFirstMonthOfTheYear()
    {
        // FY2021 of the same city: the 100 PCs of FY2020 stay, 50 more in June 2021.
        var scenario = Higashimurayama with
        {
            FiscalYear = 2021,
            SetupFeeYen = 2_000_000,
            Rollout = [.. Higashimurayama.Rollout, new RolloutStep(new YearMonth(2021, 6), 50)],
        };

        var plan = scenario.Plan().Value;

        Assert.Equal([100, 100, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150], plan.Months.Select(m => m.Devices));
        Assert.Equal(1_083_300, plan.Months[0].CostYen);
        Assert.Equal(150 * 10_833 + 50 * 30_200 + 2_000_000, plan.Months[2].CostYen);
        Assert.Equal(2_000_000, plan.Months[2].SetupYen);
        Assert.Equal(2 * 1_083_300 + 10 * 150 * 10_833 + 50 * 30_200 + 2_000_000, plan.FiscalYearTotalYen);
        Assert.Equal(12 * 150 * 10_833, plan.AnnualRunRateYen);
    }

    [Fact]
    public void Plan_RolloutInApril_AllTwelveMonthsAndKittingInApril()
    {
        var scenario = Higashimurayama with { Rollout = [new RolloutStep(new YearMonth(2020, 4), 10)] };

        var plan = scenario.Plan().Value;

        Assert.Equal(10 * 10_833 + 10 * 30_200, plan.Months[0].CostYen);
        Assert.Equal(12 * 10 * 10_833 + 10 * 30_200, plan.FiscalYearTotalYen);
        Assert.Equal(plan.FiscalYearTotalYen - 10 * 30_200, plan.AnnualRunRateYen);
    }

    [Fact]
    public void Plan_RolloutInMarch_OneMonthFeeButFullYearRunRate()
    {
        var scenario = Higashimurayama with { Rollout = [new RolloutStep(new YearMonth(2021, 3), 100)] };

        var plan = scenario.Plan().Value;

        Assert.Equal(100 * 10_833 + 100 * 30_200, plan.FiscalYearTotalYen);
        Assert.Equal(12_999_600, plan.AnnualRunRateYen);
    }

    [Fact]
    public void Plan_EntryAfterYear_ErrorNamesEntryAndYear()
    {
        var scenario = Higashimurayama with
        {
            Rollout = [.. Higashimurayama.Rollout, new RolloutStep(new YearMonth(2021, 4), 5)],
        };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal(BudgetErrorCodes.RolloutAfterYear, error.Code);
        Assert.Equal("rollout[2].month", error.Field);
        Assert.Equal("rollout[2].month: 2021-04 is after fiscal year 2020 (2020-04..2021-03)", error.Message.En);
        Assert.StartsWith("rollout[2].month: 2021-04 は 2020年度", error.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DuplicateMonth_RefusedNamingBothEntries()
    {
        var scenario = Higashimurayama with
        {
            Rollout = [.. Higashimurayama.Rollout, new RolloutStep(new YearMonth(2020, 9), 20)],
        };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal(BudgetErrorCodes.DuplicateMonth, error.Code);
        Assert.Equal("rollout[2].month", error.Field);
        Assert.Contains("rollout[0]", error.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L, 30_200L, 0L, 0L, "device.monthlyFeeYen")]
    [InlineData(1_000_001L, 30_200L, 0L, 0L, "device.monthlyFeeYen")]
    [InlineData(10_833L, -30_200L, 0L, 0L, "device.kittingFeeYen")]
    [InlineData(10_833L, 30_200L, 100_001L, 0L, "simMonthlyFeeYen")]
    [InlineData(10_833L, 30_200L, 0L, -5L, "setupFeeYen")]
    [InlineData(10_833L, 30_200L, 0L, 1_000_000_001L, "setupFeeYen")]
    public void Plan_FeeOutOfRange_ErrorNamesField(long monthly, long kitting, long sim, long setup, string field)
    {
        var scenario = Higashimurayama with { MonthlyFeeYen = monthly, KittingFeeYen = kitting, SimMonthlyFeeYen = sim, SetupFeeYen = setup };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal(BudgetErrorCodes.OutOfRange, error.Code);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message.Ja, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(100_001)]
    public void Plan_DevicesOutOfRange_ErrorNamesEntry(int devices)
    {
        var scenario = Higashimurayama with { Rollout = [new RolloutStep(new YearMonth(2020, 9), 20), new RolloutStep(new YearMonth(2020, 12), devices)] };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal("rollout[1].devices", error.Field);
    }

    [Fact]
    public void Plan_TotalDevicesAboveLimit_ErrorNamesRollout()
    {
        var scenario = Higashimurayama with { Rollout = [new RolloutStep(new YearMonth(2020, 9), 60_000), new RolloutStep(new YearMonth(2020, 12), 60_000)] };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal("rollout", error.Field);
    }

    [Fact]
    public void Plan_EmptyRollout_Error()
    {
        var error = Assert.IsType<BudgetInputError>((Higashimurayama with { Rollout = [] }).Plan().Error);

        Assert.Equal(BudgetErrorCodes.EmptyRollout, error.Code);
        Assert.Equal("rollout", error.Field);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Plan_FiscalYearOutOfRange_Error(int year)
    {
        var error = Assert.IsType<BudgetInputError>((Higashimurayama with { FiscalYear = year }).Plan().Error);

        Assert.Equal("fiscalYear", error.Field);
    }

    [Fact]
    public void Plan_LargestAllowedInput_ComputesWithoutOverflow()
    {
        var scenario = new LeasedPcScenario(2030, BudgetLimits.MaxMonthlyFeeYen, BudgetLimits.MaxOneTimeFeeYen, BudgetLimits.MaxSimMonthlyFeeYen, BudgetLimits.MaxSetupFeeYen,
            [new RolloutStep(new YearMonth(2030, 4), BudgetLimits.MaxDevices)]);

        var plan = scenario.Plan().Value;

        Assert.Equal(12 * 100_000L * 1_100_000 + 100_000L * 1_000_000 + 1_000_000_000, plan.FiscalYearTotalYen);
    }
}
