namespace Zaitaku.Budget;

/// <summary>The three ways a municipality provides the PCs staff telework on.</summary>
public enum PcProvision
{
    /// <summary>(1) 庁内PCの持ち帰り — office PCs taken home, with security measures per PC.</summary>
    OfficePc,

    /// <summary>(2) テレワーク専用PCの賃借 — kitted telework PCs leased per month (the usual choice).</summary>
    LeasedPc,

    /// <summary>(3) 私物PC（BYOD）＋VDI／セキュアブラウザ — staff's own PCs; a licence per user per month.</summary>
    OwnPc,
}

/// <summary>Prices of leased telework PCs (option 2).</summary>
/// <param name="MonthlyFeeYen">Lease fee per PC per month (月額賃借料), from the month the PC is added.</param>
/// <param name="KittingFeeYen">One-time kitting fee per PC (キッティング費), in the month the PC is added.</param>
/// <param name="SetupFeeYen">One-time setup fee of the service (初期導入費), in the month of the first leased PC.</param>
public sealed record LeasedPcPricing(long MonthlyFeeYen, long KittingFeeYen = 0, long SetupFeeYen = 0);

/// <summary>Prices of the security measures for office PCs taken home (option 1).</summary>
/// <param name="SecurityOneTimeYen">One-time cost per PC (e.g. disk encryption, closed-route client), in the month it goes home.</param>
/// <param name="SecurityMonthlyYen">Monthly cost per PC (e.g. a management service), from that month.</param>
public sealed record OfficePcPricing(long SecurityOneTimeYen, long SecurityMonthlyYen);

/// <summary>Prices of telework on staff's own PCs through VDI or a secure browser (option 3).</summary>
/// <param name="LicenceMonthlyYen">Licence per user per month, from the month the user starts.</param>
/// <param name="SetupFeeYen">One-time setup of the VDI / secure-browser service, in the month of the first user.</param>
public sealed record OwnPcPricing(long LicenceMonthlyYen, long SetupFeeYen = 0);

/// <summary>
/// 在宅勤務等手当 — the telework allowance. A staff member qualifies in a month when the telework
/// days expected of their rollout group are more than <see cref="ThresholdDaysPerMonth"/>.
/// </summary>
/// <param name="MonthlyYen">Allowance per qualifying staff member per month (national rule: 3,000 yen).</param>
/// <param name="ThresholdDaysPerMonth">Telework days per month that must be exceeded (national rule: 10).</param>
/// <param name="ExpectedTeleworkDaysPerMonth">Telework days per month expected of each staff member, unless a rollout phase says otherwise.</param>
public sealed record TeleworkAllowance(long MonthlyYen, decimal ThresholdDaysPerMonth, decimal ExpectedTeleworkDaysPerMonth)
{
    /// <summary>The national rule from April 2024: 3,000 yen a month above an average of 10 days.</summary>
    public static TeleworkAllowance National(decimal expectedTeleworkDaysPerMonth) => new(3_000, 10m, expectedTeleworkDaysPerMonth);

    /// <summary>True when a group teleworking that many days a month is paid the allowance.</summary>
    public bool Qualifies(decimal teleworkDaysPerMonth) => teleworkDaysPerMonth > ThresholdDaysPerMonth;
}

/// <summary>
/// One group of staff that starts teleworking in a month with one way of providing PCs.
/// Groups stay to the end of the fiscal year; a group before the year is in place from April.
/// </summary>
/// <param name="Month">The month the group starts.</param>
/// <param name="Provision">How their PCs are provided.</param>
/// <param name="Staff">Staff in the group: one PC each for <see cref="PcProvision.OfficePc"/> and <see cref="PcProvision.LeasedPc"/>, one licence each for <see cref="PcProvision.OwnPc"/>.</param>
/// <param name="WithoutHomePc">With <see cref="PcProvision.OwnPc"/> only: how many of the group own no PC at home (readiness survey); they get a leased PC instead of a licence.</param>
/// <param name="TeleworkDaysPerMonth">Telework days per month expected of this group for the allowance; the scenario's figure when null.</param>
public sealed record RolloutPhase(YearMonth Month, PcProvision Provision, int Staff, int WithoutHomePc = 0, decimal? TeleworkDaysPerMonth = null);

/// <summary>
/// A telework budget scenario for one fiscal year: how PCs are provided (any mix of the three
/// options), how communication is paid (closed SIM per municipal PC and/or the telework
/// allowance per staff member), and the rollout in phases.
/// </summary>
public sealed record BudgetScenario
{
    /// <summary>Name shown when scenarios sit side by side (e.g. 「専用PC賃借＋閉域SIM」).</summary>
    public required string Name { get; init; }

    /// <summary>The fiscal year planned (年度, named by its April).</summary>
    public required int FiscalYear { get; init; }

    /// <summary>Prices for option (1); required when a phase takes office PCs home.</summary>
    public OfficePcPricing? OfficePc { get; init; }

    /// <summary>Prices for option (2); required when a phase leases PCs, or own-PC staff without a home PC fall back to leased PCs.</summary>
    public LeasedPcPricing? LeasedPc { get; init; }

    /// <summary>Prices for option (3); required when a phase uses staff's own PCs.</summary>
    public OwnPcPricing? OwnPc { get; init; }

    /// <summary>Closed-SIM fee per municipal PC (office PC taken home or leased PC) per month; 0 when not used. Own PCs use the home line.</summary>
    public long SimMonthlyFeeYen { get; init; }

    /// <summary>The telework allowance, or null when none is paid.</summary>
    public TeleworkAllowance? Allowance { get; init; }

    /// <summary>The phases of the rollout; at least one.</summary>
    public required IReadOnlyList<RolloutPhase> Rollout { get; init; }

    /// <summary>Checks the scenario and computes its twelve months; a <see cref="BudgetInputError"/> naming the field otherwise.</summary>
    public Result<BudgetPlan> Plan()
    {
        var error = Validate();
        return error is null ? BudgetCalculator.Compute(this) : error;
    }

    /// <summary>The first problem of the scenario, or null when it can be planned.</summary>
    public BudgetInputError? Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            return new BudgetInputError(BudgetErrorCodes.OutOfRange, "name", "名前は1～100文字で入力してください", "the name must be 1 to 100 characters");
        }

        var error = BudgetLimits.CheckFiscalYear("fiscalYear", FiscalYear);
        if (OfficePc is not null)
        {
            error ??= BudgetLimits.CheckYen("officePc.securityOneTimeYen", OfficePc.SecurityOneTimeYen, BudgetLimits.MaxOneTimeFeeYen);
            error ??= BudgetLimits.CheckYen("officePc.securityMonthlyYen", OfficePc.SecurityMonthlyYen, BudgetLimits.MaxMonthlyFeeYen);
        }

        if (LeasedPc is not null)
        {
            error ??= BudgetLimits.CheckYen("leasedPc.monthlyFeeYen", LeasedPc.MonthlyFeeYen, BudgetLimits.MaxMonthlyFeeYen);
            error ??= BudgetLimits.CheckYen("leasedPc.kittingFeeYen", LeasedPc.KittingFeeYen, BudgetLimits.MaxOneTimeFeeYen);
            error ??= BudgetLimits.CheckYen("leasedPc.setupFeeYen", LeasedPc.SetupFeeYen, BudgetLimits.MaxSetupFeeYen);
        }

        if (OwnPc is not null)
        {
            error ??= BudgetLimits.CheckYen("ownPc.licenceMonthlyYen", OwnPc.LicenceMonthlyYen, BudgetLimits.MaxMonthlyFeeYen);
            error ??= BudgetLimits.CheckYen("ownPc.setupFeeYen", OwnPc.SetupFeeYen, BudgetLimits.MaxSetupFeeYen);
        }

        error ??= BudgetLimits.CheckYen("simMonthlyFeeYen", SimMonthlyFeeYen, BudgetLimits.MaxSimMonthlyFeeYen);
        if (Allowance is not null)
        {
            error ??= BudgetLimits.CheckYen("allowance.monthlyYen", Allowance.MonthlyYen, BudgetLimits.MaxAllowanceMonthlyYen);
            error ??= BudgetLimits.CheckDays("allowance.thresholdDaysPerMonth", Allowance.ThresholdDaysPerMonth);
            error ??= BudgetLimits.CheckDays("allowance.expectedTeleworkDaysPerMonth", Allowance.ExpectedTeleworkDaysPerMonth);
        }

        if (error is not null) return error;
        if (Rollout is null || Rollout.Count == 0) return BudgetLimits.EmptyRollout("rollout");

        var year = new FiscalYear(FiscalYear);
        long total = 0;
        for (var i = 0; i < Rollout.Count; i++)
        {
            var field = $"rollout[{i}]";
            var phase = Rollout[i];
            if (phase.Month > year.Last) return BudgetLimits.AfterYear(field + ".month", phase.Month, year);
            if (!Enum.IsDefined(phase.Provision))
            {
                return new BudgetInputError(BudgetErrorCodes.OutOfRange, field + ".provision", "提供方法が不明です", "unknown provision");
            }

            error = BudgetLimits.CheckCount(field + ".staff", phase.Staff, 1, BudgetLimits.MaxDevices)
                ?? (phase.Provision == PcProvision.OwnPc
                    ? BudgetLimits.CheckCount(field + ".withoutHomePc", phase.WithoutHomePc, 0, phase.Staff)
                    : phase.WithoutHomePc == 0 ? null : new BudgetInputError(BudgetErrorCodes.OutOfRange, field + ".withoutHomePc",
                        "自宅にPCのない職員の数は私物PC（ownPc）の段階にだけ指定できます", "only an own-PC phase can have staff without a home PC"))
                ?? (phase.TeleworkDaysPerMonth is { } days ? BudgetLimits.CheckDays(field + ".teleworkDaysPerMonth", days) : null)
                ?? MissingPricing(field + ".provision", phase);
            if (error is not null) return error;
            total += phase.Staff;
        }

        return BudgetLimits.CheckCount("rollout", total, 1, BudgetLimits.MaxDevices);
    }

    private BudgetInputError? MissingPricing(string field, RolloutPhase phase)
    {
        var (missing, ja, en) = phase.Provision switch
        {
            PcProvision.OfficePc => (OfficePc is null, "庁内PC持ち帰りの単価（officePc）がありません", "office PCs are taken home but officePc prices are not given"),
            PcProvision.LeasedPc => (LeasedPc is null, "専用PC賃借の単価（leasedPc）がありません", "PCs are leased but leasedPc prices are not given"),
            _ when OwnPc is null => (true, "私物PC利用の単価（ownPc）がありません", "own PCs are used but ownPc prices are not given"),
            _ => (phase.WithoutHomePc > 0 && LeasedPc is null,
                "自宅にPCのない職員に貸し出す専用PCの単価（leasedPc）がありません",
                "staff without a home PC fall back to leased PCs but leasedPc prices are not given"),
        };
        return missing ? new BudgetInputError(BudgetErrorCodes.MissingPricing, field, ja, en) : null;
    }
}
