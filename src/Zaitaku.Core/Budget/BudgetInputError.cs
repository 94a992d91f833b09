using System.Globalization;

namespace Zaitaku.Budget;

/// <summary>
/// Bad budget input: a stable code, the field at fault as a path in the input
/// (<c>rollout[2].month</c>), and a message that starts with that path. Nothing is computed
/// from input that has one.
/// </summary>
public sealed record BudgetInputError : Error
{
    public BudgetInputError(string code, string field, string detailJa, string detailEn)
        : base(code, new LocalizedText($"{field}: {detailJa}", $"{field}: {detailEn}"))
    {
        Field = field;
        DetailJa = detailJa;
        DetailEn = detailEn;
    }

    /// <summary>Path of the field at fault, as named in the input file or form.</summary>
    public string Field { get; }

    /// <summary>What is wrong, in Japanese, without the field.</summary>
    public string DetailJa { get; }

    /// <summary>What is wrong, in English, without the field.</summary>
    public string DetailEn { get; }

    /// <summary>The same error with the field placed under a parent (<c>scenarios[1].</c>).</summary>
    public BudgetInputError Under(string prefix) => new(Code, prefix + Field, DetailJa, DetailEn);
}

/// <summary>The stable codes of <see cref="BudgetInputError"/>.</summary>
public static class BudgetErrorCodes
{
    public const string MalformedInput = "budget_input_malformed";
    public const string MissingField = "budget_field_missing";
    public const string UnknownField = "budget_field_unknown";
    public const string WrongType = "budget_field_type";
    public const string OutOfRange = "budget_value_out_of_range";
    public const string MalformedMonth = "budget_month_malformed";
    public const string RolloutAfterYear = "budget_rollout_after_year";
    public const string DuplicateMonth = "budget_rollout_duplicate_month";
    public const string EmptyRollout = "budget_rollout_empty";
    public const string MissingPricing = "budget_pricing_missing";
    public const string FiscalYearMismatch = "budget_fiscal_year_mismatch";
    public const string DuplicateName = "budget_scenario_name_duplicate";
}

/// <summary>
/// The bounds budget input must keep: far above any real contract, so that a slipped digit is
/// caught instead of budgeted; and small enough that no sum can overflow a <c>long</c>.
/// </summary>
public static class BudgetLimits
{
    /// <summary>Earliest fiscal year accepted.</summary>
    public const int MinFiscalYear = 2000;

    /// <summary>Latest fiscal year accepted.</summary>
    public const int MaxFiscalYear = 2100;

    /// <summary>PCs or users in one rollout entry, and in the whole rollout (the largest prefecture has fewer staff).</summary>
    public const int MaxDevices = 100_000;

    /// <summary>A monthly fee per PC or per user: lease, security measure, licence (real ones are about 10,000 yen).</summary>
    public const long MaxMonthlyFeeYen = 1_000_000;

    /// <summary>A one-time fee per PC: kitting, security measure (real ones are about 30,000 yen).</summary>
    public const long MaxOneTimeFeeYen = 1_000_000;

    /// <summary>A closed-SIM fee per PC per month (real ones are a few thousand yen).</summary>
    public const long MaxSimMonthlyFeeYen = 100_000;

    /// <summary>A one-time setup fee of a whole service (10億円).</summary>
    public const long MaxSetupFeeYen = 1_000_000_000;

    /// <summary>A telework allowance per staff member per month (the national one is 3,000 yen).</summary>
    public const long MaxAllowanceMonthlyYen = 100_000;

    /// <summary>Telework days per staff member per month cannot exceed the days of a month.</summary>
    public const decimal MaxDaysPerMonth = 31m;

    internal static BudgetInputError? CheckYen(string field, long value, long max)
    {
        if (value >= 0 && value <= max) return null;
        return new BudgetInputError(BudgetErrorCodes.OutOfRange, field,
            string.Create(CultureInfo.InvariantCulture, $"{value:N0} 円は範囲外です（0～{max:N0} 円）"),
            string.Create(CultureInfo.InvariantCulture, $"{value:N0} yen is out of range (0..{max:N0} yen)"));
    }

    internal static BudgetInputError? CheckCount(string field, long value, int min, int max)
    {
        if (value >= min && value <= max) return null;
        return new BudgetInputError(BudgetErrorCodes.OutOfRange, field,
            string.Create(CultureInfo.InvariantCulture, $"{value:N0} は範囲外です（{min:N0}～{max:N0}）"),
            string.Create(CultureInfo.InvariantCulture, $"{value:N0} is out of range ({min:N0}..{max:N0})"));
    }

    internal static BudgetInputError? CheckDays(string field, decimal value)
    {
        if (value >= 0 && value <= MaxDaysPerMonth) return null;
        return new BudgetInputError(BudgetErrorCodes.OutOfRange, field,
            string.Create(CultureInfo.InvariantCulture, $"{value} 日は範囲外です（0～{MaxDaysPerMonth} 日）"),
            string.Create(CultureInfo.InvariantCulture, $"{value} days is out of range (0..{MaxDaysPerMonth} days)"));
    }

    internal static BudgetInputError? CheckFiscalYear(string field, int value) =>
        value is >= MinFiscalYear and <= MaxFiscalYear
            ? null
            : new BudgetInputError(BudgetErrorCodes.OutOfRange, field,
                string.Create(CultureInfo.InvariantCulture, $"{value} 年度は扱えません（{MinFiscalYear}～{MaxFiscalYear}）"),
                string.Create(CultureInfo.InvariantCulture, $"fiscal year {value} is not supported ({MinFiscalYear}..{MaxFiscalYear})"));

    internal static BudgetInputError AfterYear(string field, YearMonth month, FiscalYear year) =>
        new(BudgetErrorCodes.RolloutAfterYear, field,
            $"{month} は {year.StartYear}年度（{year.First}～{year.Last}）より後です",
            $"{month} is after fiscal year {year}");

    internal static BudgetInputError EmptyRollout(string field) =>
        new(BudgetErrorCodes.EmptyRollout, field, "導入計画が空です（1件以上必要です）", "the rollout is empty (at least one entry is needed)");
}
