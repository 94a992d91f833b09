using System.Globalization;
using Zaitaku.Budget;
using static Zaitaku.Web.Localization.Tx;

namespace Zaitaku.Web.Budget;

/// <summary>How budget figures read on the console.</summary>
public static class BudgetText
{
    /// <summary>令和8年度（2026年度） / FY2026.</summary>
    public static string Year(int fiscalYear)
    {
        var year = new Zaitaku.Work.Calendar.FiscalYear(fiscalYear);
        return IsEnglish ? year.Label.En : $"{year.Label.Ja}（{year.WesternLabel}）";
    }

    /// <summary>9月 / Sep 2020 — months of one fiscal year.</summary>
    public static string Month(YearMonth month) =>
        IsEnglish ? new DateTime(month.Year, month.Month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture) : $"{month.Month}月";

    /// <summary>2020年9月 / Sep 2020 — a month out of context.</summary>
    public static string LongMonth(YearMonth month) =>
        IsEnglish ? new DateTime(month.Year, month.Month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture) : $"{month.Year}年{month.Month}月";

    /// <summary>8,003,180円 / ¥8,003,180.</summary>
    public static string Yen(long yen) =>
        IsEnglish ? "¥" + yen.ToString("N0", CultureInfo.InvariantCulture) : yen.ToString("N0", CultureInfo.InvariantCulture) + "円";

    /// <summary>A number with separators, no unit (table cells whose header names the unit).</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A signed difference: +12,000 / −3,500 / 0.</summary>
    public static string Signed(long value) =>
        value > 0 ? "+" + Number(value) : value < 0 ? "−" + Number(-value) : "0";

    /// <summary>About 800万円 / ¥8.0M — the way budgets are spoken of.</summary>
    public static string Rounded(long yen) =>
        IsEnglish
            ? "¥" + (yen / 1_000_000m).ToString("0.0", CultureInfo.InvariantCulture) + "M"
            : "約" + Math.Round(yen / 10_000m, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture) + "万円";

    public static LocalizedText ProvisionLabel(PcProvision provision) => provision switch
    {
        PcProvision.OfficePc => new("(1) 庁内PCの持ち帰り", "(1) Office PCs taken home"),
        PcProvision.LeasedPc => new("(2) テレワーク専用PCの賃借", "(2) Leased telework PCs"),
        _ => new("(3) 私物PC＋VDI／セキュアブラウザ", "(3) Own PCs with VDI / secure browser"),
    };

    public static LocalizedText ProvisionShort(PcProvision provision) => provision switch
    {
        PcProvision.OfficePc => new("庁内PC", "Office PC"),
        PcProvision.LeasedPc => new("専用PC", "Leased PC"),
        _ => new("私物PC", "Own PC"),
    };
}
