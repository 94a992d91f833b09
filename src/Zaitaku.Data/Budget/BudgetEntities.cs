using Zaitaku.Budget;
using Zaitaku.Organization;

namespace Zaitaku.Data.Budget;

/// <summary>One rollout phase of a stored scenario (a row of the scenario form).</summary>
/// <param name="Month">The month the group starts, <c>YYYY-MM</c>.</param>
/// <param name="Provision">How their PCs are provided.</param>
/// <param name="Staff">Staff in the group (PCs or licences).</param>
/// <param name="WithoutHomePc">Own-PC phases only: staff without a home PC, who get a leased PC instead.</param>
/// <param name="TeleworkDaysPerMonth">Telework days a month expected of the group, for the allowance; the scenario's figure when null.</param>
public sealed record BudgetPhaseEntry(string Month, PcProvision Provision, int Staff, int WithoutHomePc = 0, decimal? TeleworkDaysPerMonth = null);

/// <summary>
/// A telework budget scenario (予算案) the IT department keeps for a fiscal year: prices of the ways
/// PCs are provided, how communication is paid, and the rollout. A price group that is null is not used.
/// </summary>
public sealed class BudgetScenarioEntry : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The fiscal year planned (年度, named by its April).</summary>
    public int FiscalYear { get; set; }

    /// <summary>The name shown side by side with other scenarios, unique in its year.</summary>
    public required string Name { get; set; }

    /// <summary>A note for the people who compare (e.g. where a price came from).</summary>
    public string? Note { get; set; }

    /// <summary>(1) 庁内PC持ち帰り: one-time security measure per PC; null when option (1) is not priced.</summary>
    public long? OfficePcSecurityOneTimeYen { get; set; }

    /// <summary>(1) monthly security measure per PC.</summary>
    public long? OfficePcSecurityMonthlyYen { get; set; }

    /// <summary>(2) 専用PC賃借: lease fee per PC per month; null when option (2) is not priced.</summary>
    public long? LeasedPcMonthlyFeeYen { get; set; }

    /// <summary>(2) kitting fee per PC.</summary>
    public long? LeasedPcKittingFeeYen { get; set; }

    /// <summary>(2) one-time setup fee of the service.</summary>
    public long? LeasedPcSetupFeeYen { get; set; }

    /// <summary>(3) 私物PC＋VDI: licence per user per month; null when option (3) is not priced.</summary>
    public long? OwnPcLicenceMonthlyYen { get; set; }

    /// <summary>(3) one-time setup of the VDI / secure-browser service.</summary>
    public long? OwnPcSetupFeeYen { get; set; }

    /// <summary>Closed-SIM fee per municipal PC per month; 0 when not used.</summary>
    public long SimMonthlyFeeYen { get; set; }

    /// <summary>在宅勤務等手当 per qualifying staff member per month; null when no allowance is paid.</summary>
    public long? AllowanceMonthlyYen { get; set; }

    /// <summary>Telework days a month that must be exceeded for the allowance (national rule: 10).</summary>
    public decimal? AllowanceThresholdDays { get; set; }

    /// <summary>Telework days a month expected of each staff member unless a phase says otherwise.</summary>
    public decimal? AllowanceExpectedDays { get; set; }

    /// <summary>The rollout, in the order entered.</summary>
    public List<BudgetPhaseEntry> Phases { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The scenario Core plans. A phase whose month is not <c>YYYY-MM</c> is reported by
    /// <see cref="BudgetScenarioEntryRules.Check"/> before this is called.
    /// </summary>
    public BudgetScenario ToScenario() => new()
    {
        Name = Name,
        FiscalYear = FiscalYear,
        OfficePc = OfficePcSecurityOneTimeYen is { } once ? new OfficePcPricing(once, OfficePcSecurityMonthlyYen ?? 0) : null,
        LeasedPc = LeasedPcMonthlyFeeYen is { } fee ? new LeasedPcPricing(fee, LeasedPcKittingFeeYen ?? 0, LeasedPcSetupFeeYen ?? 0) : null,
        OwnPc = OwnPcLicenceMonthlyYen is { } licence ? new OwnPcPricing(licence, OwnPcSetupFeeYen ?? 0) : null,
        SimMonthlyFeeYen = SimMonthlyFeeYen,
        Allowance = AllowanceMonthlyYen is { } allowance
            ? new TeleworkAllowance(allowance, AllowanceThresholdDays ?? 10m, AllowanceExpectedDays ?? 0m)
            : null,
        Rollout = Phases.Select(p => new RolloutPhase(
            YearMonth.TryParse(p.Month, out var month) ? month : default, p.Provision, p.Staff, p.WithoutHomePc, p.TeleworkDaysPerMonth)).ToList(),
    };
}

/// <summary>Checks a stored scenario's form-level values that Core cannot see (month text).</summary>
public static class BudgetScenarioEntryRules
{
    /// <summary>The first phase whose month is not <c>YYYY-MM</c>, as an error naming it; null when all are months.</summary>
    public static BudgetInputError? Check(BudgetScenarioEntry entry)
    {
        for (var i = 0; i < entry.Phases.Count; i++)
        {
            if (!YearMonth.TryParse(entry.Phases[i].Month, out _))
            {
                return new BudgetInputError(BudgetErrorCodes.MalformedMonth, $"rollout[{i}].month",
                    $"「{entry.Phases[i].Month}」は年月（YYYY-MM）ではありません", $"\"{entry.Phases[i].Month}\" is not a month (YYYY-MM)");
            }
        }

        return null;
    }
}

/// <summary>
/// 年度予算 — the scenario chosen as a fiscal year's telework budget, with its months as they were
/// when it was chosen: a later edit of the scenario does not move an adopted budget.
/// </summary>
public sealed class FiscalYearBudget : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The fiscal year; one budget per year and municipality.</summary>
    public int FiscalYear { get; set; }

    /// <summary>The scenario chosen.</summary>
    public Guid ScenarioId { get; set; }

    /// <summary>The scenario's name when chosen.</summary>
    public required string ScenarioName { get; set; }

    /// <summary>The cost of each month, April first (12 values).</summary>
    public List<long> MonthlyYen { get; set; } = [];

    /// <summary>Of each month's cost, the leased PCs' fees and kitting: what the fleet's lease contracts are compared against.</summary>
    public List<long> LeaseMonthlyYen { get; set; } = [];

    /// <summary>The fiscal-year total (年度予算額).</summary>
    public long TotalYen { get; set; }

    /// <summary>The yearly run rate (平年度所要額).</summary>
    public long AnnualRunRateYen { get; set; }

    /// <summary>When the scenario's values were last changed before it was chosen (to tell a later edit).</summary>
    public DateTimeOffset ScenarioUpdatedAt { get; set; }

    public DateTimeOffset AdoptedAt { get; set; }

    /// <summary>Who chose it, as the audit trail names them.</summary>
    public required string AdoptedBy { get; set; }
}
