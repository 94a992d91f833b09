using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Reports;

namespace Zaitaku.Web.Dashboards;

/// <summary>The gateway's decisions of a period: how many requests, how many denied, why, and on which days.</summary>
/// <param name="Requests">Requests decided (allowed and denied).</param>
/// <param name="Denied">Requests denied.</param>
/// <param name="ByReason">Denials by reason, most frequent first.</param>
/// <param name="ByDay">Denials on each day of the period.</param>
public sealed record DenialSummary(long Requests, long Denied, IReadOnlyList<DenialReasonCount> ByReason, IReadOnlyList<long> ByDay);

/// <summary>The figures the dashboard's charts show, each one query (or a few) over the period and filters.</summary>
public sealed class DashboardService(ZaitakuDb db)
{
    private Guid Tenant => db.TenantScope.TenantId ?? Guid.Empty;

    /// <summary>Decisions of the gateway (not the results of forwarded requests) in the period, for the tenant and filters.</summary>
    private async Task<IQueryable<DecisionRecord>> DecisionsAsync(DashboardFilter filter, List<Guid>? units, CancellationToken cancellationToken)
    {
        var tenant = Tenant;
        var query = db.DecisionRecords.AsNoTracking()
            .Where(r => r.TenantId == tenant && r.Kind == DecisionEntryKind.Decision && r.At >= filter.Start && r.At < filter.End);
        if (filter.System is { } system) query = query.Where(r => r.System == system);
        if (units is not null)
        {
            var numbers = await db.Staff.Where(s => units.Contains(s.SectionId)).Select(s => s.StaffNumber).ToListAsync(cancellationToken);
            query = query.Where(r => r.StaffNumber != null && numbers.Contains(r.StaffNumber));
        }

        return query;
    }

    /// <summary>
    /// The period's decisions: days that are over from the daily summary of the decision log (each counted once,
    /// the first time a dashboard needs it: <see cref="DecisionDayStore"/>), today (and yesterday until shortly
    /// after midnight) from the log itself.
    /// </summary>
    public async Task<DenialSummary> DenialsAsync(DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var firstOpen = DecisionDayStore.FirstOpenDay(db.Time.GetUtcNow());
        var lists = new Dictionary<string, long>(StringComparer.Ordinal);
        var byDay = new long[filter.To.DayNumber - filter.From.DayNumber + 1];
        long requests = 0;
        var units = await OrgScope.UnitsOfAsync(db, filter, cancellationToken);

        var countedTo = filter.To < firstOpen ? filter.To : firstOpen.AddDays(-1);
        if (countedTo >= filter.From)
        {
            await DecisionDayStore.CountDaysAsync(db, filter.From, countedTo, cancellationToken);
            var tallies = db.DecisionTallies.AsNoTracking().Where(t => t.Date >= filter.From && t.Date <= countedTo);
            if (filter.System is { } system) tallies = tallies.Where(t => t.System == system);
            if (units is not null) tallies = tallies.Where(t => units.Contains(t.SectionId));
            var rows = await tallies.GroupBy(t => new { t.Date, t.Allow, t.Reasons })
                .Select(g => new { g.Key.Date, g.Key.Allow, g.Key.Reasons, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                requests += row.Count;
                if (row.Allow) continue;
                lists[row.Reasons] = lists.GetValueOrDefault(row.Reasons) + row.Count;
                byDay[row.Date.DayNumber - filter.From.DayNumber] += row.Count;
            }
        }

        if (filter.To >= firstOpen)
        {
            var openFrom = JapanTime.At(firstOpen > filter.From ? firstOpen : filter.From, TimeOnly.MinValue);
            var decisions = (await DecisionsAsync(filter, units, cancellationToken)).Where(r => r.At >= openFrom);
            requests += await decisions.LongCountAsync(cancellationToken);
            var open = await decisions.Where(r => !r.Allow).GroupBy(r => r.Reasons)
                .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
            foreach (var list in open) lists[list.Key] = lists.GetValueOrDefault(list.Key) + list.Count;
            // SQLite keeps instants as numbers, so days are counted here from the denials' times.
            var times = await decisions.Where(r => !r.Allow).Select(r => r.At).ToListAsync(cancellationToken);
            foreach (var at in times) byDay[JapanTime.DateOf(at).DayNumber - filter.From.DayNumber]++;
        }
        return new DenialSummary(requests, lists.Values.Sum(), DenialTally.ByReason(lists.Select(l => (l.Key, l.Value))), byDay);
    }

    /// <summary>The denied decisions behind a chart (one reason, or all), newest first, a page at a time.</summary>
    public async Task<(List<DecisionRecord> Rows, long Total)> DenialRecordsAsync(DashboardFilter filter, string? reason, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = (await DecisionsAsync(filter, await OrgScope.UnitsOfAsync(db, filter, cancellationToken), cancellationToken)).Where(r => !r.Allow);
        if (!string.IsNullOrWhiteSpace(reason))
        {
            var marked = "," + reason.Trim() + ",";
            query = query.Where(r => ("," + r.Reasons + ",").Contains(marked));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Internal systems seen in the tenant's decision log or registered, for the filter's list.</summary>
    public async Task<List<string>> SystemsAsync(CancellationToken cancellationToken = default) =>
        await db.Systems.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Slug).Select(s => s.Slug).ToListAsync(cancellationToken);

    /// <summary>Departments and sections (部局・課室) for the filter's list, in the organisation's order.</summary>
    public Task<List<Zaitaku.Organization.OrgUnit>> SectionsAsync(CancellationToken cancellationToken = default) =>
        db.OrgUnits.AsNoTracking().Where(u => u.Kind != Zaitaku.Organization.OrgUnitKind.Unit && u.Active)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(cancellationToken);
}

internal static class DashboardFeature
{
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services
        .AddScoped<DashboardService>()
        .AddScoped<TeleworkFigures>()
        .AddScoped<Reports.MonthlyReports>()
        .AddScoped<Reports.NationalSurveyFigures>();
}
