namespace Zaitaku.Budget;

/// <summary>One month of a budget plan: what is in place and what it costs, item by item.</summary>
/// <param name="Month">The month.</param>
/// <param name="OfficePcs">Office PCs taken home, in place this month.</param>
/// <param name="LeasedPcs">Leased telework PCs in place this month (own-PC fall-backs included).</param>
/// <param name="OwnPcUsers">Staff teleworking on their own PC this month (one licence each).</param>
/// <param name="AllowanceStaff">Staff paid the telework allowance this month.</param>
/// <param name="LeaseYen">Lease fees of the leased PCs.</param>
/// <param name="KittingYen">Kitting fees of the PCs leased this month.</param>
/// <param name="SetupYen">Setup fees falling this month.</param>
/// <param name="OfficePcSecurityYen">Security measures of office PCs, one-time and monthly.</param>
/// <param name="LicenceYen">VDI / secure-browser licences.</param>
/// <param name="SimYen">Closed-SIM fees of the municipal PCs.</param>
/// <param name="AllowanceYen">Telework allowances.</param>
public sealed record BudgetMonth(
    YearMonth Month,
    int OfficePcs,
    int LeasedPcs,
    int OwnPcUsers,
    int AllowanceStaff,
    long LeaseYen,
    long KittingYen,
    long SetupYen,
    long OfficePcSecurityYen,
    long LicenceYen,
    long SimYen,
    long AllowanceYen)
{
    /// <summary>Municipal PCs at staff's homes: office PCs taken home and leased PCs.</summary>
    public int Devices => OfficePcs + LeasedPcs;

    /// <summary>Everything this month costs.</summary>
    public long CostYen => LeaseYen + KittingYen + SetupYen + OfficePcSecurityYen + LicenceYen + SimYen + AllowanceYen;
}

/// <summary>The twelve months of a scenario's fiscal year, its total and its yearly run rate.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="FiscalYear">The fiscal year planned.</param>
/// <param name="Months">April to March.</param>
/// <param name="FiscalYearTotalYen">The sum of the twelve months (年度予算額).</param>
/// <param name="AnnualRunRateYen">Twelve months of recurring cost at the fleet reached at the end of the year (平年度所要額): what a full year costs from next year on.</param>
public sealed record BudgetPlan(string Name, FiscalYear FiscalYear, IReadOnlyList<BudgetMonth> Months, long FiscalYearTotalYen, long AnnualRunRateYen);
