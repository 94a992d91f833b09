using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Work;
using Zaitaku.Organization;
using Zaitaku.Web.Tabular;
using Zaitaku.Work;

namespace Zaitaku.Web.Work;

/// <summary>One staff member's month for the payroll system (給与システム連携).</summary>
public sealed record PayrollRow(
    string StaffNumber, string Name, string SectionCode, string SectionName, string Employment,
    int WorkingDays, int TeleworkDays, int OfficeDays, int WorkedMinutes, int OvertimeMinutes, long AllowanceYen, bool Approved);

/// <summary>HR's monthly export for payroll: telework days, the allowance due, days commuted (for 通勤手当), from the month's timesheets.</summary>
public sealed class PayrollExport(ZaitakuDb db)
{
    public static readonly IReadOnlyList<string> Header =
    [
        "職員番号", "氏名", "所属コード", "所属", "雇用区分", "所定勤務日数", "在宅勤務日数", "出勤日数（通勤日数）",
        "勤務時間", "時間外勤務時間", "在宅勤務等手当（円）", "勤務表の状態",
    ];

    public async Task<List<PayrollRow>> RowsAsync(YearMonth month, CancellationToken cancellationToken = default)
    {
        var key = month.ToString();
        var rows = await db.Timesheets.AsNoTracking().Where(t => t.Month == key)
            .Join(db.Staff.AsNoTracking(), t => t.StaffId, s => s.Id, (t, s) => new { t, s })
            .Join(db.OrgUnits.AsNoTracking(), x => x.s.SectionId, u => u.Id, (x, u) => new { x.t, x.s, u.Code, u.Name })
            .OrderBy(x => x.s.StaffNumber).ToListAsync(cancellationToken);
        return rows.Select(x => new PayrollRow(x.s.StaffNumber, x.s.FullName, x.Code, x.Name, StaffRules.EmploymentCode(x.s.Employment),
            x.t.WorkingDays, x.t.TeleworkDays, x.t.OfficeDays, x.t.WorkedMinutes, x.t.OvertimeMinutes, x.t.AllowanceYen, x.t.Status == TimesheetStatus.Approved)).ToList();
    }

    /// <summary>The month as a file (CSV UTF-8 / Shift_JIS, or .xlsx), audited as an export.</summary>
    public async Task<(byte[] Content, string ContentType, string FileName)> FileAsync(YearMonth month, TabularFormat format, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync(month, cancellationToken);
        db.Audit("payroll.exported", "", month.ToString(), AuditJson.Of(new { month = month.ToString(), format = format.ToString(), rows = rows.Count }));
        await db.SaveChangesAsync(cancellationToken);
        var bytes = TabularWriter.Write(format, Header, rows.Select(Cells), "給与連携");
        return (bytes, TabularWriter.ContentType(format), $"payroll-{month}.{TabularWriter.Extension(format)}");
    }

    private static IReadOnlyList<string?> Cells(PayrollRow r) =>
    [
        r.StaffNumber, r.Name, r.SectionCode, r.SectionName, r.Employment, N(r.WorkingDays), N(r.TeleworkDays), N(r.OfficeDays),
        WorkText.Duration(r.WorkedMinutes), WorkText.Duration(r.OvertimeMinutes), r.AllowanceYen.ToString(CultureInfo.InvariantCulture), r.Approved ? "承認済み" : "未承認",
    ];

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
