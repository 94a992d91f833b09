using System.Globalization;
using System.Text;
using Zaitaku.Budget;
using Zaitaku.Data.Budget;

namespace Zaitaku.Web.Budget;

/// <summary>One row of the rollout table of the scenario form, as typed.</summary>
public sealed class PhaseForm
{
    public string? Month { get; set; }
    public string? Provision { get; set; }
    public string? Staff { get; set; }
    public string? WithoutHomePc { get; set; }
    public string? Days { get; set; }

    /// <summary>A row with nothing typed in its numbers and month is left out.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Staff)
        && string.IsNullOrWhiteSpace(WithoutHomePc) && string.IsNullOrWhiteSpace(Days);
}

/// <summary>
/// The scenario form as typed: numbers arrive as text so that 「10,833」, full-width digits and a
/// trailing 円 are accepted, and anything else is an error naming the field instead of a silent 0.
/// </summary>
public sealed class ScenarioForm
{
    /// <summary>Rows the form always offers beyond those in use.</summary>
    public const int SpareRows = 3;

    /// <summary>The most rollout rows a scenario may have.</summary>
    public const int MaxRows = 36;

    public string? Name { get; set; }
    public string? FiscalYear { get; set; }
    public string? Note { get; set; }
    public bool UseOfficePc { get; set; }
    public string? OfficeOneTime { get; set; }
    public string? OfficeMonthly { get; set; }
    public bool UseLeasedPc { get; set; }
    public string? LeasedMonthly { get; set; }
    public string? LeasedKitting { get; set; }
    public string? LeasedSetup { get; set; }
    public bool UseOwnPc { get; set; }
    public string? OwnLicence { get; set; }
    public string? OwnSetup { get; set; }
    public string? Sim { get; set; }
    public bool UseAllowance { get; set; }
    public string? AllowanceMonthly { get; set; }
    public string? AllowanceThreshold { get; set; }
    public string? AllowanceExpected { get; set; }
    public List<PhaseForm> Phases { get; set; } = [];

    /// <summary>Which button was pressed: <c>save</c> or <c>apply-survey</c>.</summary>
    public string? Action { get; set; }

    /// <summary>The form of a stored scenario.</summary>
    public static ScenarioForm From(BudgetScenarioEntry e) => new()
    {
        Name = e.Name,
        FiscalYear = Text(e.FiscalYear),
        Note = e.Note,
        UseOfficePc = e.OfficePcSecurityOneTimeYen is not null,
        OfficeOneTime = Text(e.OfficePcSecurityOneTimeYen),
        OfficeMonthly = Text(e.OfficePcSecurityMonthlyYen),
        UseLeasedPc = e.LeasedPcMonthlyFeeYen is not null,
        LeasedMonthly = Text(e.LeasedPcMonthlyFeeYen),
        LeasedKitting = Text(e.LeasedPcKittingFeeYen),
        LeasedSetup = Text(e.LeasedPcSetupFeeYen),
        UseOwnPc = e.OwnPcLicenceMonthlyYen is not null,
        OwnLicence = Text(e.OwnPcLicenceMonthlyYen),
        OwnSetup = Text(e.OwnPcSetupFeeYen),
        Sim = Text(e.SimMonthlyFeeYen),
        UseAllowance = e.AllowanceMonthlyYen is not null,
        AllowanceMonthly = Text(e.AllowanceMonthlyYen),
        AllowanceThreshold = Days(e.AllowanceThresholdDays),
        AllowanceExpected = Days(e.AllowanceExpectedDays),
        Phases = e.Phases.Select(p => new PhaseForm
        {
            Month = p.Month, Provision = p.Provision.ToString(), Staff = Text(p.Staff),
            WithoutHomePc = p.Provision == PcProvision.OwnPc ? Text(p.WithoutHomePc) : null, Days = Days(p.TeleworkDaysPerMonth),
        }).ToList(),
    };

    /// <summary>A new scenario's form: the national allowance rule filled in, options unticked.</summary>
    public static ScenarioForm New(int fiscalYear) => new()
    {
        FiscalYear = Text(fiscalYear),
        Sim = "0",
        AllowanceMonthly = "3000",
        AllowanceThreshold = "10",
        AllowanceExpected = "8",
    };

    /// <summary>Pads the rollout table with blank rows to type into.</summary>
    public ScenarioForm WithSpareRows()
    {
        var blanks = Phases.Count(p => p.IsBlank);
        for (var i = blanks; i < SpareRows && Phases.Count < MaxRows; i++) Phases.Add(new PhaseForm { Provision = nameof(PcProvision.LeasedPc) });
        return this;
    }

    /// <summary>
    /// The typed values as a scenario to store, or the first error naming its field. <paramref name="rowOfPhase"/>
    /// maps each phase to its form row (blank rows are left out), to place Core's <c>rollout[i]</c> errors.
    /// </summary>
    public Result<BudgetScenarioEntry> ToEntry(out List<int> rowOfPhase)
    {
        rowOfPhase = [];
        var error = (BudgetInputError?)null;
        var year = WholeNumber("fiscalYear", FiscalYear, ref error);
        var entry = new BudgetScenarioEntry { Name = (Name ?? "").Trim(), Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim() };
        if (entry.Note is { Length: > 1000 })
            error ??= new BudgetInputError(BudgetErrorCodes.OutOfRange, "note", "メモは1,000文字以内で入力してください", "the note must be at most 1,000 characters");
        entry.FiscalYear = (int)Math.Clamp(year ?? 0, int.MinValue, int.MaxValue);
        if (UseOfficePc)
        {
            entry.OfficePcSecurityOneTimeYen = Yen("officePc.securityOneTimeYen", OfficeOneTime, ref error) ?? 0;
            entry.OfficePcSecurityMonthlyYen = Yen("officePc.securityMonthlyYen", OfficeMonthly, ref error) ?? 0;
        }

        if (UseLeasedPc)
        {
            entry.LeasedPcMonthlyFeeYen = Yen("leasedPc.monthlyFeeYen", LeasedMonthly, ref error) ?? 0;
            entry.LeasedPcKittingFeeYen = Yen("leasedPc.kittingFeeYen", LeasedKitting, ref error) ?? 0;
            entry.LeasedPcSetupFeeYen = Yen("leasedPc.setupFeeYen", LeasedSetup, ref error) ?? 0;
        }

        if (UseOwnPc)
        {
            entry.OwnPcLicenceMonthlyYen = Yen("ownPc.licenceMonthlyYen", OwnLicence, ref error) ?? 0;
            entry.OwnPcSetupFeeYen = Yen("ownPc.setupFeeYen", OwnSetup, ref error) ?? 0;
        }

        entry.SimMonthlyFeeYen = Yen("simMonthlyFeeYen", Sim, ref error) ?? 0;
        if (UseAllowance)
        {
            entry.AllowanceMonthlyYen = Yen("allowance.monthlyYen", AllowanceMonthly, ref error) ?? 0;
            entry.AllowanceThresholdDays = DaysValue("allowance.thresholdDaysPerMonth", AllowanceThreshold, ref error) ?? 10m;
            entry.AllowanceExpectedDays = DaysValue("allowance.expectedTeleworkDaysPerMonth", AllowanceExpected, ref error) ?? 0m;
        }

        for (var row = 0; row < Phases.Count; row++)
        {
            var p = Phases[row];
            if (p.IsBlank) continue;
            var field = $"rollout[{rowOfPhase.Count}]";
            rowOfPhase.Add(row);
            if (!Enum.TryParse<PcProvision>(p.Provision, ignoreCase: false, out var provision) || !Enum.IsDefined(provision))
            {
                error ??= new BudgetInputError(BudgetErrorCodes.OutOfRange, field + ".provision", "端末の用意のしかたを選んでください", "choose how PCs are provided");
            }

            var month = (p.Month ?? "").Trim();
            if (!YearMonth.TryParse(month, out _))
            {
                error ??= new BudgetInputError(BudgetErrorCodes.MalformedMonth, field + ".month",
                    month.Length == 0 ? "開始月を入力してください（例: 2026-09）" : $"「{month}」は年月（YYYY-MM、例: 2026-09）ではありません",
                    month.Length == 0 ? "enter the month (e.g. 2026-09)" : $"\"{month}\" is not a month (YYYY-MM, e.g. 2026-09)");
            }

            var staff = WholeNumber(field + ".staff", p.Staff, ref error);
            var without = provision == PcProvision.OwnPc && !string.IsNullOrWhiteSpace(p.WithoutHomePc) ? WholeNumber(field + ".withoutHomePc", p.WithoutHomePc, ref error) : 0;
            var days = string.IsNullOrWhiteSpace(p.Days) ? null : DaysValue(field + ".teleworkDaysPerMonth", p.Days, ref error);
            entry.Phases.Add(new BudgetPhaseEntry(month, provision, (int)Math.Clamp(staff ?? 0, int.MinValue, int.MaxValue),
                (int)Math.Clamp(without ?? 0, int.MinValue, int.MaxValue), days));
        }

        if (error is not null) return error;

        // Core's rules: ranges, the year, pricing present for each provision used.
        if (entry.ToScenario().Validate() is { } invalid) return invalid;
        return entry;
    }

    private static long? Yen(string field, string? text, ref BudgetInputError? error)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        var value = WholeNumber(field, text, ref error, unit: "円");
        return value;
    }

    private static long? WholeNumber(string field, string? text, ref BudgetInputError? error, string unit = "")
    {
        var normal = Normalize(text);
        if (unit.Length > 0 && normal.EndsWith(unit, StringComparison.Ordinal)) normal = normal[..^unit.Length];
        if (unit.Length == 0 && (normal.EndsWith('人') || normal.EndsWith('台'))) normal = normal[..^1];
        if (long.TryParse(normal.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        error ??= new BudgetInputError(BudgetErrorCodes.WrongType, field,
            normal.Length == 0 ? "入力してください" : $"「{text}」は整数ではありません", normal.Length == 0 ? "enter a number" : $"\"{text}\" is not a whole number");
        return null;
    }

    private static decimal? DaysValue(string field, string? text, ref BudgetInputError? error)
    {
        var normal = Normalize(text);
        if (normal.EndsWith('日')) normal = normal[..^1];
        if (decimal.TryParse(normal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        error ??= new BudgetInputError(BudgetErrorCodes.WrongType, field,
            normal.Length == 0 ? "日数を入力してください" : $"「{text}」は日数ではありません", normal.Length == 0 ? "enter a number of days" : $"\"{text}\" is not a number of days");
        return null;
    }

    // Full-width digits and signs (「１０，８３３」) as typed with a Japanese IME, spaces dropped.
    private static string Normalize(string? text) =>
        (text ?? "").Normalize(NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal).Trim();

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Days(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Where a budget input error sits on the scenario form, and its label as users read it.</summary>
public static class ScenarioFields
{
    /// <summary>The label of a field path of <see cref="BudgetInputError"/>; rollout rows numbered as the form shows them.</summary>
    public static LocalizedText Label(string field, IReadOnlyList<int> rowOfPhase)
    {
        if (field.StartsWith("rollout[", StringComparison.Ordinal) && field.IndexOf(']') is var close and > 8
            && int.TryParse(field.AsSpan(8, close - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            var row = (i < rowOfPhase.Count ? rowOfPhase[i] : i) + 1;
            var column = field[(close + 1)..].TrimStart('.') switch
            {
                "month" => new LocalizedText("開始月", "month"),
                "provision" => new("端末の用意", "provision"),
                "staff" => new("人数", "staff"),
                "withoutHomePc" => new("うち自宅PCなし", "without a home PC"),
                "teleworkDaysPerMonth" => new("月の在宅日数", "telework days a month"),
                _ => new("", ""),
            };
            return column.Ja.Length == 0
                ? new($"導入計画の{row}行目", $"rollout row {row}")
                : new($"導入計画の{row}行目「{column.Ja}」", $"rollout row {row}, {column.En}");
        }

        return field switch
        {
            "name" => new("案の名前", "Scenario name"),
            "note" => new("メモ", "Note"),
            "fiscalYear" => new("年度", "Fiscal year"),
            "officePc.securityOneTimeYen" => new("庁内PC持ち帰り「セキュリティ対策（1台あたり一時金）」", "Office PCs: security, one-time per PC"),
            "officePc.securityMonthlyYen" => new("庁内PC持ち帰り「セキュリティ対策（1台あたり月額）」", "Office PCs: security, monthly per PC"),
            "leasedPc.monthlyFeeYen" => new("専用PC賃借「月額賃借料（1台あたり）」", "Leased PCs: monthly fee per PC"),
            "leasedPc.kittingFeeYen" => new("専用PC賃借「キッティング費（1台あたり）」", "Leased PCs: kitting fee per PC"),
            "leasedPc.setupFeeYen" => new("専用PC賃借「初期導入費」", "Leased PCs: setup fee"),
            "ownPc.licenceMonthlyYen" => new("私物PC＋VDI「ライセンス（1人あたり月額）」", "Own PCs: licence per user a month"),
            "ownPc.setupFeeYen" => new("私物PC＋VDI「初期導入費」", "Own PCs: setup fee"),
            "simMonthlyFeeYen" => new("閉域SIM（1台あたり月額）", "Closed SIM per PC a month"),
            "allowance.monthlyYen" => new("在宅勤務等手当（月額）", "Telework allowance a month"),
            "allowance.thresholdDaysPerMonth" => new("手当の基準日数（この日数を超えると支給）", "Allowance threshold days"),
            "allowance.expectedTeleworkDaysPerMonth" => new("1人あたりの月間在宅日数の見込み", "Expected telework days a month"),
            "rollout" => new("導入計画", "Rollout"),
            _ => new(field, field),
        };
    }

    /// <summary>The error as the form shows it: the field's label, then what is wrong.</summary>
    public static LocalizedText Message(BudgetInputError error, IReadOnlyList<int> rowOfPhase)
    {
        var label = Label(error.Field, rowOfPhase);
        return new($"{label.Ja}: {error.DetailJa}", $"{label.En}: {error.DetailEn}");
    }

    /// <summary>The id of the form control a field path is typed into.</summary>
    public static string ControlId(string field, IReadOnlyList<int> rowOfPhase)
    {
        if (field.StartsWith("rollout[", StringComparison.Ordinal) && field.IndexOf(']') is var close and > 8
            && int.TryParse(field.AsSpan(8, close - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            var row = i < rowOfPhase.Count ? rowOfPhase[i] : i;
            var column = field[(close + 1)..].TrimStart('.');
            return $"phase-{row}-{(column.Length == 0 ? "month" : column)}";
        }

        return field switch
        {
            "rollout" => "phase-0-staff",
            _ => field.Replace('.', '-'),
        };
    }
}
