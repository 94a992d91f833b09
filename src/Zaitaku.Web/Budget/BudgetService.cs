using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Budget;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Budget;

/// <summary>A scenario that cannot be deleted because it is a year's budget.</summary>
public sealed record ScenarioIsBudget(string Name, int FiscalYear) : Error("budget_scenario_adopted",
    new($"「{Name}」は{FiscalYear}年度の予算に採用されているため削除できません。別の案を採用してから削除してください。",
        $"\"{Name}\" is the budget of fiscal year {FiscalYear} and cannot be deleted; adopt another scenario first."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>
/// Budget scenarios of the IT department: stored, compared side by side, one adopted as the fiscal
/// year's budget and tracked against the fleet's actual lease costs.
/// </summary>
public sealed class BudgetService(ZaitakuDb db)
{
    /// <summary>The fiscal year today falls in.</summary>
    public int CurrentFiscalYear => Zaitaku.Work.Calendar.FiscalYear.Of(JapanTime.Today(db.Time)).StartYear;

    /// <summary>Years that have scenarios, and the current one and the next, newest first.</summary>
    public async Task<IReadOnlyList<int>> FiscalYearsAsync(CancellationToken cancellationToken = default)
    {
        var years = await db.BudgetScenarios.Select(s => s.FiscalYear).Distinct().ToListAsync(cancellationToken);
        years.Add(CurrentFiscalYear);
        years.Add(CurrentFiscalYear + 1);
        return years.Distinct().OrderByDescending(y => y).ToList();
    }

    public Task<List<BudgetScenarioEntry>> ScenariosAsync(int fiscalYear, CancellationToken cancellationToken = default) =>
        db.BudgetScenarios.AsNoTracking().Where(s => s.FiscalYear == fiscalYear).OrderBy(s => s.CreatedAt).ThenBy(s => s.Name).ToListAsync(cancellationToken);

    public Task<BudgetScenarioEntry?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.BudgetScenarios.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>Plans a stored scenario (its values were checked when saved; limits may have changed since).</summary>
    public static Result<BudgetPlan> Plan(BudgetScenarioEntry entry) =>
        BudgetScenarioEntryRules.Check(entry) is { } invalid ? invalid : entry.ToScenario().Plan();

    /// <summary>Checks and stores a scenario; nothing is saved when a value is wrong or the name is taken in its year.</summary>
    public async Task<Result<BudgetScenarioEntry>> SaveAsync(Guid? id, BudgetScenarioEntry values, CancellationToken cancellationToken = default)
    {
        if (BudgetScenarioEntryRules.Check(values) is { } malformed) return malformed;
        var planned = values.ToScenario().Plan();
        if (!planned.IsOk) return planned.Error!;
        if (await db.BudgetScenarios.AnyAsync(s => s.FiscalYear == values.FiscalYear && s.Name == values.Name && s.Id != (id ?? Guid.Empty), cancellationToken))
        {
            return new BudgetInputError(BudgetErrorCodes.DuplicateName, "name",
                $"「{values.Name}」は{values.FiscalYear}年度の別の案で使われています", $"\"{values.Name}\" is already used by another scenario of {values.FiscalYear}");
        }

        var entry = id is { } existing ? await FindAsync(existing, cancellationToken) : null;
        if (id is not null && entry is null) return new NotFoundError(new("予算案", "The scenario"));
        var now = db.Time.GetUtcNow();
        if (entry is null)
        {
            entry = new BudgetScenarioEntry { Id = Guid.NewGuid(), Name = values.Name, CreatedAt = now };
            db.BudgetScenarios.Add(entry);
        }

        entry.Name = values.Name;
        entry.Note = values.Note;
        entry.FiscalYear = values.FiscalYear;
        entry.OfficePcSecurityOneTimeYen = values.OfficePcSecurityOneTimeYen;
        entry.OfficePcSecurityMonthlyYen = values.OfficePcSecurityMonthlyYen;
        entry.LeasedPcMonthlyFeeYen = values.LeasedPcMonthlyFeeYen;
        entry.LeasedPcKittingFeeYen = values.LeasedPcKittingFeeYen;
        entry.LeasedPcSetupFeeYen = values.LeasedPcSetupFeeYen;
        entry.OwnPcLicenceMonthlyYen = values.OwnPcLicenceMonthlyYen;
        entry.OwnPcSetupFeeYen = values.OwnPcSetupFeeYen;
        entry.SimMonthlyFeeYen = values.SimMonthlyFeeYen;
        entry.AllowanceMonthlyYen = values.AllowanceMonthlyYen;
        entry.AllowanceThresholdDays = values.AllowanceThresholdDays;
        entry.AllowanceExpectedDays = values.AllowanceExpectedDays;
        entry.Phases = values.Phases.ToList();
        entry.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var entry = await FindAsync(id, cancellationToken);
        if (entry is null) return new NotFoundError(new("予算案", "The scenario"));
        if (await db.FiscalYearBudgets.AnyAsync(b => b.ScenarioId == id, cancellationToken)) return new ScenarioIsBudget(entry.Name, entry.FiscalYear);
        db.BudgetScenarios.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The year's scenarios side by side; an error when there are none or one cannot be planned.</summary>
    public async Task<(List<BudgetScenarioEntry> Entries, Result<BudgetComparison> Comparison)> CompareAsync(int fiscalYear, CancellationToken cancellationToken = default)
    {
        var entries = await ScenariosAsync(fiscalYear, cancellationToken);
        if (entries.Count == 0) return (entries, new BudgetInputError(BudgetErrorCodes.EmptyRollout, "scenarios", "この年度の予算案はまだありません", "there are no scenarios for this year yet"));
        if (entries.Select(BudgetScenarioEntryRules.Check).FirstOrDefault(e => e is not null) is { } malformed) return (entries, malformed);
        return (entries, BudgetComparison.Compare(entries.Select(e => e.ToScenario()).ToList()));
    }

    public Task<FiscalYearBudget?> BudgetAsync(int fiscalYear, CancellationToken cancellationToken = default) =>
        db.FiscalYearBudgets.AsNoTracking().SingleOrDefaultAsync(b => b.FiscalYear == fiscalYear, cancellationToken);

    /// <summary>Makes a scenario its year's budget (replacing the one chosen before), with its months as they are now.</summary>
    public async Task<Result<FiscalYearBudget>> AdoptAsync(Guid scenarioId, string actor, CancellationToken cancellationToken = default)
    {
        var entry = await FindAsync(scenarioId, cancellationToken);
        if (entry is null) return new NotFoundError(new("予算案", "The scenario"));
        var planned = Plan(entry);
        if (!planned.IsOk) return planned.Error!;
        var plan = planned.Value;
        var budget = await db.FiscalYearBudgets.SingleOrDefaultAsync(b => b.FiscalYear == entry.FiscalYear, cancellationToken);
        if (budget is null)
        {
            budget = new FiscalYearBudget { Id = Guid.NewGuid(), FiscalYear = entry.FiscalYear, ScenarioName = entry.Name, AdoptedBy = actor };
            db.FiscalYearBudgets.Add(budget);
        }

        budget.ScenarioId = entry.Id;
        budget.ScenarioName = entry.Name;
        budget.MonthlyYen = plan.Months.Select(m => m.CostYen).ToList();
        budget.LeaseMonthlyYen = plan.Months.Select(m => m.LeaseYen + m.KittingYen).ToList();
        budget.TotalYen = plan.FiscalYearTotalYen;
        budget.AnnualRunRateYen = plan.AnnualRunRateYen;
        budget.ScenarioUpdatedAt = entry.UpdatedAt;
        budget.AdoptedAt = db.Time.GetUtcNow();
        budget.AdoptedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        return budget;
    }
}

internal static class BudgetFeature
{
    public static IServiceCollection AddBudget(this IServiceCollection services) => services.AddScoped<BudgetService>().AddScoped<BudgetTracking>();
}
