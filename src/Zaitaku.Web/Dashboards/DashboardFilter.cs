using System.Globalization;

namespace Zaitaku.Web.Dashboards;

/// <summary>
/// The dashboard's filters as they arrive in the address (so a view can be bookmarked and drilled into):
/// a period of days (Tokyo dates, both included, at most a year), a section and an internal system.
/// </summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="SectionId">One section, or null for all.</param>
/// <param name="System">One internal system's id (slug), or null for all.</param>
public sealed record DashboardFilter(DateOnly From, DateOnly To, Guid? SectionId, string? System)
{
    /// <summary>The longest period one view covers.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// The filters read from the query; this month so far when the dates are missing or wrong. A month
    /// (<c>YYYY-MM</c>) or a fiscal year (<c>2026</c> = April 2026 to March 2027) given instead of the
    /// dates picks its days, up to today; a month wins over a year, a year over the dates.
    /// </summary>
    public static DashboardFilter Read(string? from, string? to, Guid? section, string? system, DateOnly today, string? month = null, int? fiscalYear = null)
    {
        var first = Parse(from) ?? new DateOnly(today.Year, today.Month, 1);
        var last = Parse(to) ?? today;
        if (Zaitaku.Budget.YearMonth.TryParse(month, out var m))
        {
            first = new DateOnly(m.Year, m.Month, 1);
            last = Min(first.AddMonths(1).AddDays(-1), today, first);
        }
        else if (fiscalYear is >= 2000 and <= 2100 && new Zaitaku.Work.Calendar.FiscalYear(fiscalYear.Value) is var year)
        {
            first = year.FirstDay;
            last = Min(year.LastDay, today, first);
        }

        if (last < first) (first, last) = (last, first);
        if (last.DayNumber - first.DayNumber + 1 > MaxDays) first = last.AddDays(-(MaxDays - 1));
        return new DashboardFilter(first, last, section, string.IsNullOrWhiteSpace(system) ? null : system.Trim());
    }

    /// <summary>The first instant of the period (UTC).</summary>
    public DateTimeOffset Start => JapanTime.At(From, TimeOnly.MinValue);

    /// <summary>The first instant after the period (UTC).</summary>
    public DateTimeOffset End => JapanTime.At(To.AddDays(1), TimeOnly.MinValue);

    /// <summary>The days of the period, in order.</summary>
    public IEnumerable<DateOnly> Days => Enumerable.Range(0, To.DayNumber - From.DayNumber + 1).Select(From.AddDays);

    /// <summary>The filters as a query string, e.g. for a drill-down link: <c>from=2026-11-01&amp;to=2026-11-26</c>.</summary>
    public string Query(params (string Name, string? Value)[] more)
    {
        var parts = new List<(string, string?)>
        {
            ("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("section", SectionId?.ToString()),
            ("system", System),
        };
        parts.AddRange(more);
        return string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    }

    // The end of a month or year not over yet is today (days ahead have no records), but never before its first day.
    private static DateOnly Min(DateOnly end, DateOnly today, DateOnly first) => end <= today ? end : today >= first ? today : end;

    private static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
