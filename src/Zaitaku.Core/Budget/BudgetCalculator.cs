namespace Zaitaku.Budget;

/// <summary>The arithmetic of a valid <see cref="BudgetScenario"/>, month by month.</summary>
internal static class BudgetCalculator
{
    public static BudgetPlan Compute(BudgetScenario scenario)
    {
        var year = new FiscalYear(scenario.FiscalYear);
        var officePcs = new int[12];
        var leasedPcs = new int[12];
        var ownUsers = new int[12];
        var allowanceStaff = new int[12];
        var addedLeased = new int[12];
        var addedOffice = new int[12];

        // The setup fee falls in the first rollout month of the year (the rule): steps before the year
        // set no month for it, so a year whose PCs all arrived earlier pays none.
        YearMonth? firstLeased = null, firstOwn = null;
        foreach (var phase in scenario.Rollout)
        {
            var leased = phase.Provision switch
            {
                PcProvision.LeasedPc => phase.Staff,
                PcProvision.OwnPc => phase.WithoutHomePc,
                _ => 0,
            };
            var own = phase.Provision == PcProvision.OwnPc ? phase.Staff - phase.WithoutHomePc : 0;
            var office = phase.Provision == PcProvision.OfficePc ? phase.Staff : 0;
            if (leased > 0 && phase.Month >= year.First && (firstLeased is null || phase.Month < firstLeased)) firstLeased = phase.Month;
            if (own > 0 && phase.Month >= year.First && (firstOwn is null || phase.Month < firstOwn)) firstOwn = phase.Month;

            var days = phase.TeleworkDaysPerMonth ?? scenario.Allowance?.ExpectedTeleworkDaysPerMonth ?? 0m;
            var paid = scenario.Allowance?.Qualifies(days) == true ? phase.Staff : 0;

            // Before the year: in place from April, its one-time costs paid in its own year.
            var start = phase.Month < year.First ? 0 : year.IndexOf(phase.Month);
            if (phase.Month >= year.First)
            {
                addedLeased[start] += leased;
                addedOffice[start] += office;
            }

            for (var m = start; m < 12; m++)
            {
                leasedPcs[m] += leased;
                officePcs[m] += office;
                ownUsers[m] += own;
                allowanceStaff[m] += paid;
            }
        }

        var leasePrice = scenario.LeasedPc ?? new LeasedPcPricing(0);
        var officePrice = scenario.OfficePc ?? new OfficePcPricing(0, 0);
        var ownPrice = scenario.OwnPc ?? new OwnPcPricing(0);
        var allowanceYen = scenario.Allowance?.MonthlyYen ?? 0;
        var months = new BudgetMonth[12];
        long total = 0;
        for (var m = 0; m < 12; m++)
        {
            var month = year.First.AddMonths(m);
            long setup = 0;
            if (firstLeased == month) setup += leasePrice.SetupFeeYen;
            if (firstOwn == month) setup += ownPrice.SetupFeeYen;
            months[m] = checked(new BudgetMonth(
                month,
                officePcs[m],
                leasedPcs[m],
                ownUsers[m],
                allowanceStaff[m],
                LeaseYen: leasedPcs[m] * leasePrice.MonthlyFeeYen,
                KittingYen: addedLeased[m] * leasePrice.KittingFeeYen,
                SetupYen: setup,
                OfficePcSecurityYen: addedOffice[m] * officePrice.SecurityOneTimeYen + officePcs[m] * officePrice.SecurityMonthlyYen,
                LicenceYen: ownUsers[m] * ownPrice.LicenceMonthlyYen,
                SimYen: (leasedPcs[m] + officePcs[m]) * scenario.SimMonthlyFeeYen,
                AllowanceYen: allowanceStaff[m] * allowanceYen));
            total = checked(total + months[m].CostYen);
        }

        var march = months[11];
        var recurring = march.LeaseYen + march.OfficePcs * officePrice.SecurityMonthlyYen + march.LicenceYen + march.SimYen + march.AllowanceYen;
        return new BudgetPlan(scenario.Name, year, months, total, checked(12 * recurring));
    }
}
