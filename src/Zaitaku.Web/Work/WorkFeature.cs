using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Budget;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Work;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;
using Zaitaku.Work;

namespace Zaitaku.Web.Work;

/// <summary>An approved telework day of a staff member with its workday record, as the API shows it.</summary>
public sealed record TeleworkDayDto(string StaffNumber, string Name, string SectionCode, DateOnly Date, string? OvertimeUntil,
    DateTimeOffset? Started, DateTimeOffset? Ended);

/// <summary>A month's timesheet as the API shows it; minutes for times, yen for the allowance.</summary>
public sealed record TimesheetDto(string StaffNumber, string Name, string Section, string Month, string Status, int WorkingDays, int TeleworkDays,
    int OfficeDays, int WorkedMinutes, int OvertimeMinutes, int OpenDays, int UnapprovedOvertimeDays, long AllowanceYen);

/// <summary>Work rules, requests, approvals, workdays, timesheets, payroll export and presence: registration and endpoints.</summary>
internal static class WorkFeature
{
    public static IServiceCollection AddWork(this IServiceCollection services)
    {
        // The gateway's policy reads approvals, overtime, workdays and the hours of work: their changes reach it.
        Zaitaku.Data.Changes.PolicyChanges.Register(typeof(TeleworkRequest), typeof(OvertimeRequest), typeof(Workday), typeof(WorkRuleSet));
        services.AddSignalR();
        services.AddSingleton<PresenceConnections>();
        services.AddHostedService<PresenceSessionSweeper>();
        services.AddHostedService<PresenceRelay>();
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.AddSingleton<MailQueue>();
        services.AddHostedService<MailSender>();
        services.AddSingleton<WorkCalendarCache>();
        services.AddScoped<WorkSettings>();
        services.AddScoped<WorkdayService>();
        services.AddScoped<TeleworkLookup>();
        services.AddScoped<PresenceBoard>();
        services.AddScoped<PresenceBroadcaster>();
        services.AddScoped<Notifications>();
        services.AddScoped<TeleworkRequests>();
        services.AddScoped<OvertimeRequests>();
        services.AddScoped<WorkdayCorrections>();
        services.AddScoped<Approvals>();
        services.AddScoped<ActingApprovers>();
        services.AddScoped<TimesheetService>();
        services.AddScoped<PayrollExport>();
        services.AddScoped<WorkAdmin>();
        services.AddScoped<WorkBadges>();
        return services;
    }

    /// <summary>The payroll download of the console and the live board's hub.</summary>
    public static void MapWorkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/work/payroll/export", PayrollFileAsync).RequireAuthorization(Policies.HrOrTenantAdmin).ExcludeFromDescription();
        app.MapHub<PresenceHub>(PresenceHub.Path);
    }

    public static void MapWorkApi(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/work").WithTags("Work").RequireAuthorization(Policies.ApiScope(ApiScopes.WorkRead));
        read.MapGet("/telework", TeleworkAsync)
            .WithSummary("承認済みの在宅勤務日と始業・終業（date=YYYY-MM-DD） / approved telework days of a date with their workday records");
        read.MapGet("/timesheets", TimesheetsAsync)
            .WithSummary("月次勤務表（month=YYYY-MM。締め済みの月） / the month's timesheets (closed months)");
        api.MapGroup("/work").WithTags("Work").RequireAuthorization(Policies.ApiScope(ApiScopes.PayrollRead))
            .MapGet("/payroll", PayrollApiAsync)
            .WithSummary("給与連携データ（month=YYYY-MM、format=json, csv, csv-sjis, xlsx）: 在宅勤務日数・在宅勤務等手当・通勤日数 / payroll export of a month");
    }

    private static async Task<IResult> PayrollFileAsync(PayrollExport export, string? month, string? format, CancellationToken cancellationToken)
    {
        if (!YearMonth.TryParse(month, out var m)) return ErrorResults.Problem(new MonthInvalid(month));
        if (TabularWriter.ParseFormat(format) is not { } kind)
            return ErrorResults.Problem(new FieldError("format", new($"形式「{format}」は使えません（csv, csv-sjis, xlsx）。", $"Unknown format \"{format}\" (csv, csv-sjis, xlsx).")));
        var (content, type, name) = await export.FileAsync(m, kind, cancellationToken);
        return TypedResults.File(content, type, name);
    }

    private static async Task<IResult> PayrollApiAsync(PayrollExport export, string? month, string? format, CancellationToken cancellationToken)
    {
        if (format is "json" or null or "")
        {
            if (!YearMonth.TryParse(month, out var m)) return ErrorResults.Problem(new MonthInvalid(month));
            return TypedResults.Ok(await export.RowsAsync(m, cancellationToken));
        }
        return await PayrollFileAsync(export, month, format, cancellationToken);
    }

    private static async Task<IResult> TeleworkAsync(ZaitakuDb db, TeleworkLookup lookup, string? date, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            return ErrorResults.Problem(new FieldError("date", new("YYYY-MM-DD の形で指定してください", "give the date as YYYY-MM-DD")));
        var approved = await lookup.ApprovedOnAsync(day, cancellationToken);
        var workdays = (await lookup.WorkdaysOnAsync(day, cancellationToken)).ToDictionary(w => w.StaffId);
        var ids = approved.Select(a => a.StaffId).ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Join(db.OrgUnits.AsNoTracking(), s => s.SectionId, u => u.Id, (s, u) => new { s.Id, s.StaffNumber, s.FamilyName, s.GivenName, u.Code })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        return TypedResults.Ok(approved.Where(a => staff.ContainsKey(a.StaffId)).Select(a =>
        {
            var s = staff[a.StaffId];
            workdays.TryGetValue(a.StaffId, out var w);
            return new TeleworkDayDto(s.StaffNumber, $"{s.FamilyName} {s.GivenName}", s.Code, a.Date, a.OvertimeUntil is { } u ? WorkText.Time(u) : null, w?.Start, w?.End);
        }).OrderBy(d => d.StaffNumber, StringComparer.Ordinal).ToList());
    }

    private static async Task<IResult> TimesheetsAsync(TimesheetService timesheets, string? month, CancellationToken cancellationToken)
    {
        if (!YearMonth.TryParse(month, out var m)) return ErrorResults.Problem(new MonthInvalid(month));
        var rows = await timesheets.ListAsync(m, null, cancellationToken);
        return TypedResults.Ok(rows.Select(r => new TimesheetDto(r.StaffNumber, r.StaffName, r.SectionName, r.Sheet.Month,
            r.Sheet.Status == TimesheetStatus.Approved ? "approved" : "closed", r.Sheet.WorkingDays, r.Sheet.TeleworkDays, r.Sheet.OfficeDays,
            r.Sheet.WorkedMinutes, r.Sheet.OvertimeMinutes, r.Sheet.OpenDays, r.Sheet.UnapprovedOvertimeDays, r.Sheet.AllowanceYen)).ToList());
    }
}

/// <summary>
/// The counts the header and the menu show (unread notifications, items to decide), computed once a
/// request. The layout's components render concurrently with the page, so the counts are read on a
/// unit of work of their own, never on the page's.
/// </summary>
public sealed class WorkBadges(IServiceScopeFactory scopes)
{
    private Task<(int Unread, int Pending, bool Approver)>? _value;

    public Task<(int Unread, int Pending, bool Approver)> GetAsync(System.Security.Claims.ClaimsPrincipal user) => _value ??= ComputeAsync(user);

    private async Task<(int Unread, int Pending, bool Approver)> ComputeAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.GetTenantId() is not { } tenantId || user.GetUserId() is not { } userId) return (0, 0, false);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDb>();
        db.TenantScope.SetTenant(tenantId);
        var scopeOfUser = await ApproverScope.LoadAsync(db, WorkActor.From(user));
        var unread = await scope.ServiceProvider.GetRequiredService<Notifications>().UnreadCountAsync(userId);
        var pending = await scope.ServiceProvider.GetRequiredService<Approvals>().PendingCountAsync(scopeOfUser);
        return (unread, pending, scopeOfUser.Any);
    }
}
