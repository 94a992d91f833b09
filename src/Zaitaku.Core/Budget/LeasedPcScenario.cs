namespace Zaitaku.Budget;

/// <summary>PCs added in one month of a leased-PC rollout.</summary>
/// <param name="Month">The month the PCs arrive.</param>
/// <param name="Devices">How many PCs arrive (1..<see cref="BudgetLimits.MaxDevices"/>).</param>
public sealed record RolloutStep(YearMonth Month, int Devices);

/// <summary>
/// The leased-PC scenario of <c>zaitaku budget plan</c> (the service-type telework of
/// Higashimurayama): kitted PCs leased per month, optionally with a closed SIM each, rolled out
/// in steps. A PC costs its full monthly fee and SIM fee from the month it is added and its
/// kitting fee in that month; PCs stay to the end of the year; the setup fee falls in the first
/// rollout month of the year; steps before the fiscal year are in place from April with no kitting
/// fee this year.
/// </summary>
/// <param name="FiscalYear">The fiscal year planned (年度, named by its April).</param>
/// <param name="MonthlyFeeYen">Lease fee per PC per month (<c>device.monthlyFeeYen</c>).</param>
/// <param name="KittingFeeYen">Kitting fee per PC, once (<c>device.kittingFeeYen</c>).</param>
/// <param name="SimMonthlyFeeYen">Closed-SIM fee per PC per month; 0 without SIMs.</param>
/// <param name="SetupFeeYen">Setup fee of the service, once.</param>
/// <param name="Rollout">The steps; months must differ (a repeated month is refused, not summed).</param>
public sealed record LeasedPcScenario(int FiscalYear, long MonthlyFeeYen, long KittingFeeYen, long SimMonthlyFeeYen, long SetupFeeYen, IReadOnlyList<RolloutStep> Rollout)
{
    /// <summary>Checks the scenario and computes its twelve months; a <see cref="BudgetInputError"/> naming the field otherwise.</summary>
    public Result<BudgetPlan> Plan()
    {
        var error = Validate();
        return error is null ? BudgetCalculator.Compute(ToBudgetScenario()) : error;
    }

    /// <summary>The first problem of the scenario, or null when it can be planned. Fields are named as in the input file.</summary>
    public BudgetInputError? Validate()
    {
        var error = BudgetLimits.CheckFiscalYear("fiscalYear", FiscalYear)
            ?? BudgetLimits.CheckYen("device.monthlyFeeYen", MonthlyFeeYen, BudgetLimits.MaxMonthlyFeeYen)
            ?? BudgetLimits.CheckYen("device.kittingFeeYen", KittingFeeYen, BudgetLimits.MaxOneTimeFeeYen)
            ?? BudgetLimits.CheckYen("simMonthlyFeeYen", SimMonthlyFeeYen, BudgetLimits.MaxSimMonthlyFeeYen)
            ?? BudgetLimits.CheckYen("setupFeeYen", SetupFeeYen, BudgetLimits.MaxSetupFeeYen);
        if (error is not null) return error;
        if (Rollout is null || Rollout.Count == 0) return BudgetLimits.EmptyRollout("rollout");

        var year = new FiscalYear(FiscalYear);
        var seen = new Dictionary<YearMonth, int>();
        long total = 0;
        for (var i = 0; i < Rollout.Count; i++)
        {
            var step = Rollout[i];
            if (step.Month > year.Last) return BudgetLimits.AfterYear($"rollout[{i}].month", step.Month, year);

            // A repeated month is more often a copy-paste slip than a second batch, so it is refused rather than summed.
            if (seen.TryGetValue(step.Month, out var first))
            {
                return new BudgetInputError(BudgetErrorCodes.DuplicateMonth, $"rollout[{i}].month",
                    $"{step.Month} が rollout[{first}] と重複しています（同じ月の台数は1件にまとめてください）",
                    $"{step.Month} repeats rollout[{first}] (put a month's PCs in one entry)");
            }

            seen.Add(step.Month, i);
            error = BudgetLimits.CheckCount($"rollout[{i}].devices", step.Devices, 1, BudgetLimits.MaxDevices);
            if (error is not null) return error;
            total += step.Devices;
        }

        return BudgetLimits.CheckCount("rollout", total, 1, BudgetLimits.MaxDevices);
    }

    /// <summary>The same plan as a general scenario of leased PCs only.</summary>
    public BudgetScenario ToBudgetScenario() => new()
    {
        Name = "専用PC賃借 / leased PCs",
        FiscalYear = FiscalYear,
        LeasedPc = new LeasedPcPricing(MonthlyFeeYen, KittingFeeYen, SetupFeeYen),
        SimMonthlyFeeYen = SimMonthlyFeeYen,
        Rollout = Rollout.Select(s => new RolloutPhase(s.Month, PcProvision.LeasedPc, s.Devices)).ToArray(),
    };
}
