using System.Globalization;
using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Reports;

/// <summary>The monthly report and the national survey's figures as files; every download is audited (<c>report.exported</c>).</summary>
internal static class ReportDownloads
{
    public static void MapReportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/monthly/export", MonthlyAsync).RequireAuthorization(Policies.ReportReaders).ExcludeFromDescription();
        app.MapGet("/reports/national/export", NationalAsync).RequireAuthorization(Policies.ReportReaders).ExcludeFromDescription();
    }

    private static async Task<IResult> MonthlyAsync(string? month, string? format, MonthlyReports reports, ZaitakuDb db, CancellationToken cancellationToken)
    {
        if (TabularWriter.ParseFormat(format) is not { } kind) return UnknownFormat(format);
        if (!YearMonth.TryParse(month, out var m))
            return ErrorResults.Problem(new FieldError("month", new($"年月「{month}」は YYYY-MM の形で指定してください。", $"Give the month as YYYY-MM, not \"{month}\".")));
        var report = await reports.BuildAsync(m, cancellationToken);
        if (!report.IsOk) return ErrorResults.Problem(report.Error!);
        var (header, rows) = MonthlyReports.Table(report.Value);
        await AuditAsync(db, "monthly", m.ToString(), kind.ToString(), rows.Count, cancellationToken);
        var bytes = TabularWriter.Write(kind, header, rows, "月次報告");
        return TypedResults.File(bytes, TabularWriter.ContentType(kind), $"monthly-report-{m}.{TabularWriter.Extension(kind)}");
    }

    private static async Task<IResult> NationalAsync(int? year, string? format, NationalSurveyFigures figures, ZaitakuDb db, CancellationToken cancellationToken)
    {
        if (TabularWriter.ParseFormat(format) is not { } kind) return UnknownFormat(format);
        if (year is not (>= BudgetLimits.MinFiscalYear and <= BudgetLimits.MaxFiscalYear))
            return ErrorResults.Problem(new FieldError("year", new("年度を西暦（4月の年）で指定してください（例: 2026）。", "Give the fiscal year as the year of its April, e.g. 2026.")));
        var report = await figures.BuildAsync(year.Value, cancellationToken);
        var rows = report.Items().Select(i => (IReadOnlyList<string?>)[i.Item, i.Value, i.Source]).ToList();
        await AuditAsync(db, "national", year.Value.ToString(CultureInfo.InvariantCulture), kind.ToString(), rows.Count, cancellationToken);
        var bytes = TabularWriter.Write(kind, ["項目", "値", "出所・定義"], rows, "テレワーク取組状況");
        return TypedResults.File(bytes, TabularWriter.ContentType(kind), $"telework-survey-{year}.{TabularWriter.Extension(kind)}");
    }

    /// <summary>Records who took which report in which form (also the print view).</summary>
    internal static async Task AuditAsync(ZaitakuDb db, string report, string period, string format, int rows, CancellationToken cancellationToken)
    {
        db.Audit("report.exported", "Report", $"{report}:{period}", AuditJson.Of(new { report, period, format, rows }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static IResult UnknownFormat(string? format) =>
        ErrorResults.Problem(new FieldError("format", new($"形式「{format}」は使えません（csv, csv-sjis, xlsx）。", $"Unknown format \"{format}\" (csv, csv-sjis, xlsx).")));
}
