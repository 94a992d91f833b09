namespace Zaitaku.Budget;

/// <summary>One month across the compared scenarios.</summary>
/// <param name="Month">The month.</param>
/// <param name="CostYen">Cost of each scenario this month, in the order of <see cref="BudgetComparison.Plans"/>.</param>
public sealed record ComparedMonth(YearMonth Month, IReadOnlyList<long> CostYen);

/// <summary>
/// Scenarios of one fiscal year side by side: the plan of each, the cost of each per month
/// (for the chart) and the totals.
/// </summary>
/// <param name="FiscalYear">The fiscal year all scenarios plan.</param>
/// <param name="Plans">The plan of each scenario, in the order given.</param>
/// <param name="Months">April to March, each with every scenario's cost.</param>
public sealed record BudgetComparison(FiscalYear FiscalYear, IReadOnlyList<BudgetPlan> Plans, IReadOnlyList<ComparedMonth> Months)
{
    /// <summary>The fiscal-year total of each scenario, in the order of <see cref="Plans"/>.</summary>
    public IReadOnlyList<long> FiscalYearTotalsYen => Plans.Select(p => p.FiscalYearTotalYen).ToArray();

    /// <summary>The scenario cheapest over the fiscal year (the first of equals).</summary>
    public BudgetPlan CheapestThisYear => Plans.MinBy(p => p.FiscalYearTotalYen)!;

    /// <summary>The scenario cheapest in a full year from next year on (the first of equals).</summary>
    public BudgetPlan CheapestRunRate => Plans.MinBy(p => p.AnnualRunRateYen)!;

    /// <summary>
    /// Plans every scenario and lays them side by side. They must share a fiscal year and have
    /// distinct names; a scenario's error names its field under <c>scenarios[i].</c>.
    /// </summary>
    public static Result<BudgetComparison> Compare(IReadOnlyList<BudgetScenario> scenarios)
    {
        if (scenarios.Count == 0)
        {
            return new BudgetInputError(BudgetErrorCodes.EmptyRollout, "scenarios", "比較する案がありません", "there are no scenarios to compare");
        }

        var plans = new List<BudgetPlan>(scenarios.Count);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < scenarios.Count; i++)
        {
            var scenario = scenarios[i];
            var prefix = $"scenarios[{i}].";
            var planned = scenario.Plan();
            if (!planned.IsOk) return ((BudgetInputError)planned.Error!).Under(prefix);
            if (scenario.FiscalYear != scenarios[0].FiscalYear)
            {
                return new BudgetInputError(BudgetErrorCodes.FiscalYearMismatch, prefix + "fiscalYear",
                    $"{scenario.FiscalYear}年度です（比較する案はすべて {scenarios[0].FiscalYear}年度にしてください）",
                    $"is {scenario.FiscalYear}; every compared scenario must plan fiscal year {scenarios[0].FiscalYear}");
            }

            if (!names.TryAdd(scenario.Name.Trim(), i))
            {
                return new BudgetInputError(BudgetErrorCodes.DuplicateName, prefix + "name",
                    $"「{scenario.Name}」は scenarios[{names[scenario.Name.Trim()]}] と同じ名前です",
                    $"\"{scenario.Name}\" is the name of scenarios[{names[scenario.Name.Trim()]}] too");
            }

            plans.Add(planned.Value);
        }

        var year = plans[0].FiscalYear;
        var months = new ComparedMonth[12];
        for (var m = 0; m < 12; m++)
        {
            var costs = new long[plans.Count];
            for (var s = 0; s < plans.Count; s++) costs[s] = plans[s].Months[m].CostYen;
            months[m] = new ComparedMonth(year.First.AddMonths(m), costs);
        }

        return new BudgetComparison(year, plans, months);
    }
}
