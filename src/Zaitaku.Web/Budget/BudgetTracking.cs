using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Budget;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Devices.Leasing;
using Zaitaku.Web.Devices;

namespace Zaitaku.Web.Budget;

/// <summary>One month of the adopted budget against the fleet's actual lease costs.</summary>
/// <param name="Month">The month.</param>
/// <param name="BudgetYen">The budget's whole cost this month.</param>
/// <param name="BudgetLeaseYen">Of it, leased PCs' fees and kitting: what lease contracts are compared against.</param>
/// <param name="ActualLeaseYen">The fleet's lease fees and kitting this month; null for a month not begun or when no fleet is recorded.</param>
/// <param name="DevicesInService">Leased PCs charged this month, or null.</param>
public sealed record TrackedMonth(YearMonth Month, long BudgetYen, long BudgetLeaseYen, long? ActualLeaseYen, int? DevicesInService)
{
    /// <summary>Actual minus budget (positive: over budget), or null.</summary>
    public long? VarianceYen => ActualLeaseYen - BudgetLeaseYen;
}

/// <summary>The adopted budget of a year month by month against the lease contracts' actual costs.</summary>
/// <param name="FiscalYear">The year.</param>
/// <param name="Budget">The adopted budget, or null when none is chosen yet.</param>
/// <param name="Months">April to March.</param>
/// <param name="HasFleet">True when lease contracts are recorded, so that actual costs can be shown.</param>
public sealed record BudgetTrack(FiscalYear FiscalYear, FiscalYearBudget? Budget, IReadOnlyList<TrackedMonth> Months, bool HasFleet)
{
    /// <summary>Leased PCs not counted in the actual costs, each with the reason (e.g. in service after its contract ended).</summary>
    public IReadOnlyList<LocalizedText> LeftOut { get; init; } = [];

    /// <summary>The leased-PC part of the budget over the year.</summary>
    public long BudgetLeaseTotalYen => Months.Sum(m => m.BudgetLeaseYen);

    /// <summary>Actual lease costs of the months begun so far.</summary>
    public long ActualLeaseToDateYen => Months.Sum(m => m.ActualLeaseYen ?? 0);

    /// <summary>The leased-PC budget of the months begun so far, to compare with <see cref="ActualLeaseToDateYen"/>.</summary>
    public long BudgetLeaseToDateYen => Months.Where(m => m.ActualLeaseYen is not null).Sum(m => m.BudgetLeaseYen);

    /// <summary>Lays a budget and the fleet's costs side by side; months after <paramref name="today"/> have no actuals.</summary>
    public static BudgetTrack Build(int fiscalYear, FiscalYearBudget? budget, FleetCostPlan? fleet, DateOnly today)
    {
        var year = new FiscalYear(fiscalYear);
        var current = new YearMonth(today.Year, today.Month);
        var months = year.Months.Select((month, i) =>
        {
            var actual = fleet?.Months.FirstOrDefault(f => f.Month.Year == month.Year && f.Month.Month == month.Month);
            var begun = month <= current;
            return new TrackedMonth(
                month,
                budget is null ? 0 : budget.MonthlyYen.ElementAtOrDefault(i),
                budget is null ? 0 : budget.LeaseMonthlyYen.ElementAtOrDefault(i),
                begun && actual is not null ? actual.TotalYen : null,
                begun && actual is not null ? actual.DevicesInService : null);
        }).ToList();
        return new BudgetTrack(year, budget, months, fleet is not null);
    }
}

/// <summary>Reads the adopted budget and the fleet's lease costs of a year.</summary>
public sealed class BudgetTracking(ZaitakuDb db, BudgetService budgets, LeaseService leases)
{
    public async Task<BudgetTrack> TrackAsync(int fiscalYear, CancellationToken cancellationToken = default)
    {
        var budget = await budgets.BudgetAsync(fiscalYear, cancellationToken);
        var fleet = await FleetCostAsync(fiscalYear, cancellationToken);
        return BudgetTrack.Build(fiscalYear, budget, fleet?.Plan, JapanTime.Today(db.Time)) with { LeftOut = fleet?.LeftOut ?? [] };
    }

    /// <summary>
    /// The fleet's lease costs of April to March, from the lease contracts and the leased PCs' time in
    /// service (<see cref="LeaseService.CostAsync"/>); null while no contract is recorded.
    /// </summary>
    private async Task<FleetCostReport?> FleetCostAsync(int fiscalYear, CancellationToken cancellationToken)
    {
        if (!await db.LeaseContracts.AnyAsync(cancellationToken)) return null;
        var cost = await leases.CostAsync(new DateOnly(fiscalYear, 4, 1), new DateOnly(fiscalYear + 1, 3, 1), cancellationToken);
        // The contracts are validated when they are saved, so an error here is a broken row: it must surface.
        return cost.IsOk ? cost.Value : throw new InvalidOperationException(cost.Error!.Message.En);
    }
}
