using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Audit;
using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Reports;

namespace Zaitaku.Web.Reports;

/// <summary>What a row of the monthly report covers.</summary>
public enum ReportRowKind
{
    /// <summary>部局計 — a department and every section under it.</summary>
    Department,

    /// <summary>A section (課・室) with its 係.</summary>
    Section,

    /// <summary>合計 — the whole municipality.</summary>
    Total,
}

/// <summary>One row of the monthly report (月次報告).</summary>
/// <param name="Kind">Department subtotal, section or total.</param>
/// <param name="Code">The unit's code (所属コード); empty for the total.</param>
/// <param name="Department">The department's name.</param>
/// <param name="Name">The section's name (the department's for its subtotal, 合計 for the total).</param>
/// <param name="Staff">Staff with a timesheet of the month (employed in it).</param>
/// <param name="TeleworkStaff">Of them, staff with at least one telework day.</param>
/// <param name="TeleworkDays">Telework days (在宅勤務日数, approved and recorded), summed.</param>
/// <param name="OfficeDays">Office days, summed.</param>
/// <param name="AllowanceStaff">Staff due the telework allowance (在宅勤務等手当) for the month.</param>
/// <param name="AllowanceYen">The allowance due, yen.</param>
/// <param name="LockedSheets">Timesheets approved by the section head (確定); the rest are closed only.</param>
/// <param name="Denials">Requests the gateway denied to the row's staff in the month.</param>
/// <param name="TopReasons">The most frequent denial reasons (at most three).</param>
/// <param name="Failures">PC failures reported in the month while lent to the row's staff (故障).</param>
/// <param name="Losses">PCs reported lost or stolen in the month while lent to the row's staff (紛失・盗難).</param>
public sealed record MonthlyReportRow(
    ReportRowKind Kind, string Code, string Department, string Name, int Staff, int TeleworkStaff, int TeleworkDays, int OfficeDays,
    int AllowanceStaff, long AllowanceYen, int LockedSheets, long Denials, IReadOnlyList<DenialReasonCount> TopReasons, int Failures, int Losses)
{
    /// <summary>Telework days of all days worked, percent (one decimal); null when nobody worked.</summary>
    public decimal? SharePercent => TeleworkDays + OfficeDays == 0 ? null : Math.Round(TeleworkDays * 100m / (TeleworkDays + OfficeDays), 1);
}

/// <summary>The monthly report of a closed month.</summary>
/// <param name="Month">The month.</param>
/// <param name="Rows">Each department's subtotal followed by its sections, in the organisation's order.</param>
/// <param name="Total">The municipality.</param>
/// <param name="UnassignedIncidents">PC failures and losses of PCs not lent to anyone (in stock): in the total only.</param>
public sealed record MonthlyReport(YearMonth Month, IReadOnlyList<MonthlyReportRow> Rows, MonthlyReportRow Total, int UnassignedIncidents)
{
    /// <summary>The department subtotals only.</summary>
    public IEnumerable<MonthlyReportRow> Departments => Rows.Where(r => r.Kind == ReportRowKind.Department);
}

/// <summary>A month whose timesheets are not all closed: the report would not match the timesheets paid from.</summary>
public sealed record ReportMonthNotClosed(YearMonth Month, IReadOnlyList<string> Sections, int Staff) : Error("report_month_not_closed", new(
    $"{Month.Year}年{Month.Month}月は勤務表の締めが済んでいない職員がいるため、月次報告を作成できません（未締め {Staff}人：{Names(Sections, true)}）。人事課が「月次勤務表」で月を締めてから作成してください。",
    $"The monthly report of {Month} cannot be made: {Staff} staff have no closed timesheet ({Names(Sections, false)}). HR closes the month on the timesheets page first."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;

    private static string Names(IReadOnlyList<string> sections, bool ja) => sections.Count <= 3
        ? string.Join(ja ? "、" : ", ", sections)
        : string.Join(ja ? "、" : ", ", sections.Take(3)) + (ja ? $" ほか{sections.Count - 3}所属" : $" and {sections.Count - 3} more sections");
}

/// <summary>A month not over yet.</summary>
public sealed record ReportMonthNotOver(YearMonth Month) : Error("report_month_not_over", new(
    $"{Month.Year}年{Month.Month}月はまだ終わっていないため、月次報告を作成できません。月が終わり、勤務表を締めてから作成してください。",
    $"{Month} is not over yet; the monthly report is made once the month is over and its timesheets are closed."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>
/// 月次報告: per department and section, from the month's closed timesheets (staff, telework days,
/// allowance), the gateway's decision log (denials by reason) and the PCs' timelines (failures and
/// losses while lent). Refused for a month with a staff member whose timesheet is not closed.
/// </summary>
public sealed class MonthlyReports(ZaitakuDb db)
{
    public async Task<Result<MonthlyReport>> BuildAsync(YearMonth month, CancellationToken cancellationToken = default)
    {
        var today = JapanTime.Today(db.Time);
        if (month >= new YearMonth(today.Year, today.Month)) return new ReportMonthNotOver(month);
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var key = month.ToString();

        var org = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        var staff = await db.Staff.AsNoTracking().Where(s => s.ActiveFrom <= last && (s.ActiveTo == null || s.ActiveTo >= first))
            .Select(s => new { s.Id, s.StaffNumber, s.SectionId }).ToListAsync(cancellationToken);
        var sheets = await db.Timesheets.AsNoTracking().Where(t => t.Month == key)
            .Select(t => new SheetFigures(t.StaffId, t.SectionId, t.Status == TimesheetStatus.Approved, t.TeleworkDays, t.OfficeDays, t.AllowanceYen))
            .ToListAsync(cancellationToken);
        var closed = sheets.Select(s => s.StaffId).ToHashSet();
        var missing = staff.Where(s => !closed.Contains(s.Id)).ToList();
        if (missing.Count > 0)
        {
            var names = org.ToDictionary(u => u.Id, u => u.Name);
            var sections = missing.GroupBy(s => s.SectionId).OrderByDescending(g => g.Count())
                .Select(g => names.GetValueOrDefault(g.Key, "?")).ToList();
            return new ReportMonthNotClosed(month, sections, missing.Count);
        }

        var tenant = db.TenantScope.TenantId ?? Guid.Empty;
        var start = JapanTime.At(first, TimeOnly.MinValue);
        var end = JapanTime.At(last.AddDays(1), TimeOnly.MinValue);
        var denials = await db.DecisionRecords.AsNoTracking()
            .Where(r => r.TenantId == tenant && r.Kind == DecisionEntryKind.Decision && !r.Allow && r.At >= start && r.At < end && r.StaffNumber != null)
            .GroupBy(r => new { r.StaffNumber, r.Reasons }).Select(g => new { g.Key.StaffNumber, g.Key.Reasons, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var incidents = await db.DeviceEvents.AsNoTracking()
            .Where(e => (e.Operation == DeviceOperation.ReportFailure || e.Operation == DeviceOperation.ReportLost) && e.At >= start && e.At < end)
            .Select(e => new { e.Operation, e.Details }).ToListAsync(cancellationToken);

        // Denials and incidents fall to the section the staff member belongs to now (the log keeps no section).
        var sectionByNumber = staff.GroupBy(s => s.StaffNumber).ToDictionary(g => g.Key, g => g.First().SectionId, StringComparer.Ordinal);
        var borrowers = incidents.Select(i => Borrower(i.Details)).OfType<Guid>().Distinct().ToList();
        var sectionById = borrowers.Count == 0 ? [] : await db.Staff.AsNoTracking().Where(s => borrowers.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.SectionId, cancellationToken);
        var denialRows = denials.Select(d => new DenialFigures(sectionByNumber.TryGetValue(d.StaffNumber!, out var section) ? section : null, d.Reasons, d.Count)).ToList();
        var incidentRows = incidents.Select(i =>
        {
            Guid? section = Borrower(i.Details) is { } id && sectionById.TryGetValue(id, out var s) ? s : null;
            return new IncidentFigures(section, i.Operation == DeviceOperation.ReportLost);
        }).ToList();
        return Build(month, org, sheets, denialRows, incidentRows);
    }

    // A failure or loss ends the loan; the timeline entry keeps whom the PC was lent to.
    private static Guid? Borrower(string details) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(details) is { } values
        && values.TryGetValue("borrower", out var borrower) && Guid.TryParse(borrower, out var id) ? id : null;

    /// <summary>The month's closed timesheet figures of one staff member.</summary>
    public sealed record SheetFigures(Guid StaffId, Guid SectionId, bool Locked, int TeleworkDays, int OfficeDays, long AllowanceYen);

    /// <summary>Denied requests of one reason list for a section (null: a staff number no longer known).</summary>
    public sealed record DenialFigures(Guid? SectionId, string Reasons, long Count);

    /// <summary>A failure or loss of a PC lent to a section's staff (null: not lent).</summary>
    public sealed record IncidentFigures(Guid? SectionId, bool Lost);

    /// <summary>Adds up the figures by section, then by department; a 係 counts under its section.</summary>
    public static MonthlyReport Build(YearMonth month, IReadOnlyList<OrgUnit> org, IReadOnlyList<SheetFigures> sheets, IReadOnlyList<DenialFigures> denials, IReadOnlyList<IncidentFigures> incidents)
    {
        var byId = org.ToDictionary(u => u.Id);
        Guid? SectionOf(Guid? unit) => unit is { } u && byId.TryGetValue(u, out var found) && found.Kind == OrgUnitKind.Unit && found.ParentId is { } parent ? parent : unit;
        Guid? DepartmentOf(Guid section) => byId.TryGetValue(section, out var s) ? s.Kind == OrgUnitKind.Department ? s.Id : s.ParentId : null;

        var sheetsBySection = sheets.ToLookup(s => SectionOf(s.SectionId)!.Value);
        var denialsBySection = denials.Where(d => d.SectionId is not null).ToLookup(d => SectionOf(d.SectionId)!.Value);
        var incidentsBySection = incidents.Where(i => i.SectionId is not null).ToLookup(i => SectionOf(i.SectionId)!.Value);
        var sectionIds = sheetsBySection.Select(g => g.Key).Concat(denialsBySection.Select(g => g.Key)).Concat(incidentsBySection.Select(g => g.Key)).ToHashSet();

        int Order(Guid? id) => id is { } i && byId.TryGetValue(i, out var u) ? u.SortOrder : int.MaxValue;
        string Code(Guid? id) => id is { } i && byId.TryGetValue(i, out var u) ? u.Code : "";
        string Name(Guid? id) => id is { } i && byId.TryGetValue(i, out var u) ? u.Name : "（部局なし）";

        MonthlyReportRow Row(ReportRowKind kind, string code, string department, string name, IReadOnlyCollection<Guid> sections)
        {
            var s = sections.SelectMany(id => sheetsBySection[id]).ToList();
            var d = sections.SelectMany(id => denialsBySection[id]).ToList();
            var i = sections.SelectMany(id => incidentsBySection[id]).ToList();
            return Figures(kind, code, department, name, s, d, i);
        }

        var rows = new List<MonthlyReportRow>();
        foreach (var department in sectionIds.GroupBy(DepartmentOf).OrderBy(g => Order(g.Key)).ThenBy(g => Code(g.Key), StringComparer.Ordinal))
        {
            var departmentName = Name(department.Key);
            rows.Add(Row(ReportRowKind.Department, Code(department.Key), departmentName, departmentName, department.ToList()));
            foreach (var section in department.OrderBy(id => id == department.Key ? -1 : Order(id)).ThenBy(id => Code(id), StringComparer.Ordinal))
                rows.Add(Row(ReportRowKind.Section, Code(section), departmentName, byId.TryGetValue(section, out var u) ? u.Name : "?", [section]));
        }

        var total = Figures(ReportRowKind.Total, "", "", "合計", sheets, denials, incidents);
        return new MonthlyReport(month, rows, total, incidents.Count(i => i.SectionId is null));
    }

    private static MonthlyReportRow Figures(ReportRowKind kind, string code, string department, string name,
        IReadOnlyCollection<SheetFigures> sheets, IReadOnlyCollection<DenialFigures> denials, IReadOnlyCollection<IncidentFigures> incidents)
    {
        var reasons = DenialTally.ByReason(denials.Select(d => (d.Reasons, d.Count)));
        return new MonthlyReportRow(kind, code, department, name,
            sheets.Count, sheets.Count(s => s.TeleworkDays > 0), sheets.Sum(s => s.TeleworkDays), sheets.Sum(s => s.OfficeDays),
            sheets.Count(s => s.AllowanceYen > 0), sheets.Sum(s => s.AllowanceYen), sheets.Count(s => s.Locked),
            denials.Sum(d => d.Count), reasons.Take(3).ToList(), incidents.Count(i => !i.Lost), incidents.Count(i => i.Lost));
    }

    /// <summary>The report as a table for the files: one row per department subtotal, section and the total.</summary>
    public static (IReadOnlyList<string> Header, List<IReadOnlyList<string?>> Rows) Table(MonthlyReport report)
    {
        IReadOnlyList<string> header =
        [
            "年月", "区分", "部局", "所属コード", "所属", "職員数", "在宅勤務をした職員数", "在宅勤務日数", "出勤日数", "在宅勤務の割合(%)",
            "手当の対象者数", "在宅勤務等手当(円)", "確定済みの勤務表", "拒否件数", "拒否の多い理由", "端末の故障", "端末の紛失・盗難",
        ];
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<string?> Line(MonthlyReportRow r) =>
        [
            report.Month.ToString(),
            r.Kind switch { ReportRowKind.Department => "部局計", ReportRowKind.Section => "所属", _ => "合計" },
            r.Department, r.Code, r.Name, N(r.Staff), N(r.TeleworkStaff), N(r.TeleworkDays), N(r.OfficeDays),
            r.SharePercent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", N(r.AllowanceStaff), N(r.AllowanceYen), N(r.LockedSheets), N(r.Denials),
            string.Join(" / ", r.TopReasons.Select(t => $"{t.Code} {N(t.Count)}")), N(r.Failures), N(r.Losses),
        ];
        return (header, [.. report.Rows.Select(Line), Line(report.Total)]);
    }
}
