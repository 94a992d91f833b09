using System.Globalization;

namespace Zaitaku.Budget;

/// <summary>A calendar month (年月), written <c>YYYY-MM</c> in files and screens.</summary>
public readonly record struct YearMonth : IComparable<YearMonth>
{
    /// <summary>A month; throws on a month outside 1..12 or a year outside 1..9999.</summary>
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    /// <summary>The Western calendar year.</summary>
    public int Year { get; }

    /// <summary>The month, 1 (January) to 12 (December).</summary>
    public int Month { get; }

    /// <summary>The fiscal year (年度) the month belongs to: April–March, named by the April.</summary>
    public FiscalYear FiscalYear => new(Month >= 4 ? Year : Year - 1);

    /// <summary>The month <paramref name="months"/> later (earlier when negative).</summary>
    public YearMonth AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return new YearMonth(index / 12, index % 12 + 1);
    }

    /// <summary>Reads exactly <c>YYYY-MM</c> (four-digit year, two-digit month); nothing else.</summary>
    public static bool TryParse(string? text, out YearMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (y < 1 || m < 1 || m > 12) return false;
        month = new YearMonth(y, m);
        return true;
    }

    public int CompareTo(YearMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(YearMonth a, YearMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(YearMonth a, YearMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}

/// <summary>A fiscal year (年度): April of <see cref="StartYear"/> to March of the next year.</summary>
/// <param name="StartYear">The year of its April (令和2年度 = 2020).</param>
public readonly record struct FiscalYear(int StartYear)
{
    /// <summary>April, the first month.</summary>
    public YearMonth First => new(StartYear, 4);

    /// <summary>March of the next year, the last month.</summary>
    public YearMonth Last => new(StartYear + 1, 3);

    /// <summary>The twelve months, April first.</summary>
    public IReadOnlyList<YearMonth> Months
    {
        get
        {
            var first = First;
            var months = new YearMonth[12];
            for (var i = 0; i < 12; i++) months[i] = first.AddMonths(i);
            return months;
        }
    }

    /// <summary>True when the month lies in this fiscal year.</summary>
    public bool Contains(YearMonth month) => month >= First && month <= Last;

    /// <summary>Position of a month of this year: April = 0 … March = 11.</summary>
    public int IndexOf(YearMonth month) => (month.Year - StartYear) * 12 + month.Month - 4;

    /// <summary>e.g. <c>2020 (2020-04..2021-03)</c>, the form error messages use.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StartYear} ({First}..{Last})");
}
