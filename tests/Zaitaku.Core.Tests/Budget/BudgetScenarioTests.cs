using Zaitaku.Budget;

namespace Zaitaku.Core.Tests.Budget;

public class BudgetScenarioTests
{
    private static YearMonth M(int year, int month) => new(year, month);

    /// <summary>All three options in FY2024: office PCs in June, leased PCs in July, own PCs in October.</summary>
    private static readonly BudgetScenario Mix = new()
    {
        Name = "組み合わせ",
        FiscalYear = 2024,
        OfficePc = new OfficePcPricing(SecurityOneTimeYen: 20_000, SecurityMonthlyYen: 500),
        LeasedPc = new LeasedPcPricing(MonthlyFeeYen: 10_000, KittingFeeYen: 30_000, SetupFeeYen: 1_000_000),
        OwnPc = new OwnPcPricing(LicenceMonthlyYen: 2_000, SetupFeeYen: 500_000),
        SimMonthlyFeeYen = 1_500,
        Allowance = TeleworkAllowance.National(expectedTeleworkDaysPerMonth: 8m),
        Rollout =
        [
            new RolloutPhase(M(2024, 6), PcProvision.OfficePc, 30),
            new RolloutPhase(M(2024, 7), PcProvision.LeasedPc, 50, TeleworkDaysPerMonth: 12m),
            new RolloutPhase(M(2024, 10), PcProvision.OwnPc, 40, WithoutHomePc: 10),
        ],
    };

    [Fact]
    public void Plan_OptionMix_EachItemFromItsMonth()
    {
        var plan = Mix.Plan().Value;

        var officeYen = 30 * 20_000 + 10 * 30 * (500 + 1_500);
        var leasedYen = 9 * 50 * (10_000 + 1_500) + 50 * 30_000 + 1_000_000 + 9 * 50 * 3_000;
        var ownYen = 6 * 30 * 2_000 + 500_000 + 6 * 10 * (10_000 + 1_500) + 10 * 30_000;
        Assert.Equal(officeYen + leasedYen + ownYen, plan.FiscalYearTotalYen);
        Assert.Equal(12_075_000, plan.FiscalYearTotalYen);
        Assert.Equal(plan.FiscalYearTotalYen, plan.Months.Sum(m => m.CostYen));
    }

    [Fact]
    public void Plan_OptionMix_OneTimeCostsInTheirMonths()
    {
        var months = Mix.Plan().Value.Months;

        Assert.Equal(30 * 20_000 + 30 * 500, months[2].OfficePcSecurityYen);
        Assert.Equal(30 * 500, months[3].OfficePcSecurityYen);
        Assert.Equal(1_000_000, months[3].SetupYen);
        Assert.Equal(50 * 30_000, months[3].KittingYen);
        Assert.Equal(500_000, months[6].SetupYen);
        Assert.Equal(10 * 30_000, months[6].KittingYen);
        Assert.Equal(1_500_000, months.Sum(m => m.SetupYen));
    }

    [Fact]
    public void Plan_OwnPcStaffWithoutHomePc_FallBackToLeasedPcWithoutLicence()
    {
        var march = Mix.Plan().Value.Months[11];

        Assert.Equal(30, march.OfficePcs);
        Assert.Equal(50 + 10, march.LeasedPcs);
        Assert.Equal(30, march.OwnPcUsers);
        Assert.Equal(30 * 2_000, march.LicenceYen);
        Assert.Equal(90 * 1_500, march.SimYen);
        Assert.Equal(90, march.Devices);
    }

    [Fact]
    public void Plan_OptionMix_RunRateIsTwelveMarchesWithoutOneTimeCosts()
    {
        var plan = Mix.Plan().Value;

        var recurring = 30 * 500 + 60 * 10_000 + 90 * 1_500 + 30 * 2_000 + 50 * 3_000;
        Assert.Equal(12 * recurring, plan.AnnualRunRateYen);
        Assert.Equal(11_520_000, plan.AnnualRunRateYen);
    }

    [Theory]
    [InlineData(10.0, 0)]
    [InlineData(9.5, 0)]
    [InlineData(10.5, 100)]
    [InlineData(16.0, 100)]
    public void Plan_Allowance_PaidOnlyAboveTenDays(double days, int paidStaff)
    {
        var scenario = new BudgetScenario
        {
            Name = "手当",
            FiscalYear = 2024,
            LeasedPc = new LeasedPcPricing(10_000),
            Allowance = TeleworkAllowance.National((decimal)days),
            Rollout = [new RolloutPhase(M(2024, 4), PcProvision.LeasedPc, 100)],
        };

        var plan = scenario.Plan().Value;

        Assert.All(plan.Months, m => Assert.Equal(paidStaff, m.AllowanceStaff));
        Assert.Equal(12 * paidStaff * 3_000L, plan.Months.Sum(m => m.AllowanceYen));
    }

    [Fact]
    public void Plan_AllowanceInsteadOfSim_OwnPcStaffPaidToo()
    {
        var scenario = new BudgetScenario
        {
            Name = "私物PC＋手当",
            FiscalYear = 2024,
            OwnPc = new OwnPcPricing(1_800),
            Allowance = TeleworkAllowance.National(12m),
            Rollout = [new RolloutPhase(M(2025, 1), PcProvision.OwnPc, 200)],
        };

        var plan = scenario.Plan().Value;

        Assert.Equal(3 * 200 * (1_800 + 3_000), plan.FiscalYearTotalYen);
        Assert.Equal(0, plan.Months.Sum(m => m.SimYen));
    }

    [Fact]
    public void Plan_PhaseBeforeYear_NoOneTimeCostsThisYear()
    {
        var scenario = Mix with { FiscalYear = 2025 };

        var plan = scenario.Plan().Value;

        Assert.Equal(0, plan.Months.Sum(m => m.SetupYen + m.KittingYen));
        Assert.Equal(12 * 30 * 500, plan.Months.Sum(m => m.OfficePcSecurityYen));
        Assert.Equal(Mix.Plan().Value.AnnualRunRateYen, plan.FiscalYearTotalYen);
    }

    [Fact]
    public void Plan_LeasedPcScenario_SameAsGeneralScenarioOfLeasedPcs()
    {
        var leased = new LeasedPcScenario(2020, 10_833, 30_200, 1_000, 300_000, [new RolloutStep(M(2020, 9), 20), new RolloutStep(M(2020, 12), 80)]);

        var general = leased.ToBudgetScenario().Plan().Value;

        Assert.Equal(leased.Plan().Value.FiscalYearTotalYen, general.FiscalYearTotalYen);
        Assert.Equal(8_003_180 + 20 * 1_000 * 3 + 100 * 1_000 * 4 + 300_000, general.FiscalYearTotalYen);
    }

    [Fact]
    public void Plan_ProvisionWithoutPrices_ErrorNamesPhase()
    {
        var scenario = Mix with { OfficePc = null };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal(BudgetErrorCodes.MissingPricing, error.Code);
        Assert.Equal("rollout[0].provision", error.Field);
    }

    [Fact]
    public void Plan_OwnPcFallbackWithoutLeasedPrices_Error()
    {
        var scenario = Mix with { LeasedPc = null, Rollout = [Mix.Rollout[2]] };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal("rollout[0].provision", error.Field);
        Assert.Contains("without a home PC", error.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OwnPcAllWithHomePcWithoutLeasedPrices_Computes()
    {
        var scenario = Mix with { LeasedPc = null, Rollout = [Mix.Rollout[2] with { WithoutHomePc = 0 }] };

        Assert.Equal(6 * 40 * 2_000 + 500_000, scenario.Plan().Value.FiscalYearTotalYen);
    }

    [Theory]
    [InlineData(0, 0, "rollout[1].staff")]
    [InlineData(100_001, 0, "rollout[1].staff")]
    [InlineData(50, 51, "rollout[1].withoutHomePc")]
    [InlineData(50, -1, "rollout[1].withoutHomePc")]
    public void Plan_BadPhaseCounts_ErrorNamesField(int staff, int withoutHomePc, string field)
    {
        var scenario = Mix with { Rollout = [Mix.Rollout[0], new RolloutPhase(M(2024, 10), PcProvision.OwnPc, staff, withoutHomePc)] };

        Assert.Equal(field, Assert.IsType<BudgetInputError>(scenario.Plan().Error).Field);
    }

    [Fact]
    public void Plan_WithoutHomePcOnLeasedPhase_Error()
    {
        var scenario = Mix with { Rollout = [new RolloutPhase(M(2024, 10), PcProvision.LeasedPc, 10, WithoutHomePc: 2)] };

        Assert.Equal("rollout[0].withoutHomePc", Assert.IsType<BudgetInputError>(scenario.Plan().Error).Field);
    }

    [Theory]
    [InlineData("allowance.monthlyYen")]
    [InlineData("allowance.expectedTeleworkDaysPerMonth")]
    [InlineData("rollout[1].teleworkDaysPerMonth")]
    [InlineData("officePc.securityMonthlyYen")]
    [InlineData("ownPc.licenceMonthlyYen")]
    [InlineData("leasedPc.setupFeeYen")]
    [InlineData("name")]
    public void Plan_OutOfRange_ErrorNamesField(string field)
    {
        var scenario = field switch
        {
            "allowance.monthlyYen" => Mix with { Allowance = Mix.Allowance! with { MonthlyYen = -3_000 } },
            "allowance.expectedTeleworkDaysPerMonth" => Mix with { Allowance = Mix.Allowance! with { ExpectedTeleworkDaysPerMonth = 40m } },
            "rollout[1].teleworkDaysPerMonth" => Mix with { Rollout = [Mix.Rollout[0], Mix.Rollout[1] with { TeleworkDaysPerMonth = -1m }] },
            "officePc.securityMonthlyYen" => Mix with { OfficePc = Mix.OfficePc! with { SecurityMonthlyYen = 5_000_000 } },
            "ownPc.licenceMonthlyYen" => Mix with { OwnPc = Mix.OwnPc! with { LicenceMonthlyYen = -1 } },
            "leasedPc.setupFeeYen" => Mix with { LeasedPc = Mix.LeasedPc! with { SetupFeeYen = 2_000_000_000 } },
            _ => Mix with { Name = " " },
        };

        Assert.Equal(field, Assert.IsType<BudgetInputError>(scenario.Plan().Error).Field);
    }

    [Fact]
    public void Plan_PhaseAfterYear_ErrorNamesPhase()
    {
        var scenario = Mix with { Rollout = [.. Mix.Rollout, new RolloutPhase(M(2025, 4), PcProvision.LeasedPc, 5)] };

        var error = Assert.IsType<BudgetInputError>(scenario.Plan().Error);

        Assert.Equal("rollout[3].month: 2025-04 is after fiscal year 2024 (2024-04..2025-03)", error.Message.En);
    }

    [Fact]
    public void Plan_TwoGroupsInOneMonth_BothCounted()
    {
        // In the general model a phase is a group of staff: two groups may start in one month.
        var scenario = Mix with
        {
            Rollout = [new RolloutPhase(M(2024, 7), PcProvision.LeasedPc, 50, TeleworkDaysPerMonth: 12m), new RolloutPhase(M(2024, 7), PcProvision.LeasedPc, 20)],
        };

        var march = scenario.Plan().Value.Months[11];

        Assert.Equal(70, march.LeasedPcs);
        Assert.Equal(50, march.AllowanceStaff);
    }
}
