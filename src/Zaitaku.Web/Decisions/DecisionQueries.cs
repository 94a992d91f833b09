using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Audit;
using Zaitaku.Data;

namespace Zaitaku.Web.Decisions;

/// <summary>
/// One request of the decision log: its decision entry, the result entry with the same request id
/// once the gateway wrote it, and the names people know the staff member and system by.
/// </summary>
/// <param name="Decision">The entry written before forwarding (or when denying).</param>
/// <param name="Result">The entry written after forwarding: status, bytes, duration, a block; null when there is none.</param>
/// <param name="StaffName">The staff member's name in this municipality, when the staff number is known.</param>
/// <param name="SystemName">The internal system's name, when the slug is registered.</param>
public sealed record DecisionRow(DecisionRecord Decision, DecisionRecord? Result, string? StaffName, string? SystemName)
{
    /// <summary>Denied by the decision, or allowed and then blocked by a screen control.</summary>
    public bool Denied => !Decision.Allow || Result is { Allow: false };

    /// <summary>Allowed by the decision and blocked afterwards (a download, a page too large to watermark).</summary>
    public bool Blocked => Decision.Allow && Result is { Allow: false };

    /// <summary>The codes of both entries, each once, the decision's first.</summary>
    public IReadOnlyList<DecisionReason> Reasons =>
        DecisionReasons.Parse(Decision.Reasons).Concat(DecisionReasons.Parse(Result?.Reasons)).DistinctBy(r => r.Code).ToArray();

    /// <summary>The response status: the result's, or the decision's own refusal.</summary>
    public int? Status => Result?.Status ?? Decision.Status;

    /// <summary>Where this row stands in the newest-first order, for the next page's link.</summary>
    public string Cursor => DecisionQueries.CursorOf(Decision);
}

/// <summary>A page of the log, newest first, with the cursors of the pages beside it (null at either end).</summary>
public sealed record DecisionPage(IReadOnlyList<DecisionRow> Rows, string? Older, string? Newer);

/// <summary>Both entries of one request, with the chain fields that prove they were not changed.</summary>
public sealed record DecisionDetail(DecisionRow Row, IReadOnlyList<DecisionRecord> Entries);

/// <summary>
/// Reads the gateway's decision log of the caller's municipality. Decision records are not
/// tenant-filtered entities (a request from an unknown PC belongs to no tenant), so the tenant is in
/// every query: another municipality's record is never loaded. Pages are read by keyset (time, id),
/// newest first, so the millionth row costs what the first does.
/// </summary>
public sealed class DecisionQueries(ZaitakuDb db)
{
    public const int PageSize = 50;
    public const int MaxExportRows = 200_000;
    private const int ExportBatch = 2_000;

    private Guid Tenant => db.TenantScope.TenantId ?? Guid.Empty;

    /// <summary>A page of requests matching the search; <paramref name="older"/> or <paramref name="newer"/> is the cursor of the row beside it.</summary>
    public async Task<DecisionPage> SearchAsync(DecisionSearch search, string? older = null, string? newer = null, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, 200);
        var query = Filter(search);
        List<Pair> pairs;
        bool more;
        if (ParseCursor(newer) is { } after)
        {
            pairs = await After(query, after).OrderBy(p => p.Decision.At).ThenBy(p => p.Decision.Id).Take(size + 1).ToListAsync(cancellationToken);
            more = pairs.Count > size;
            pairs = pairs.Take(size).Reverse().ToList();
            var rows = await RowsAsync(pairs, cancellationToken);
            return new DecisionPage(rows, rows.Count > 0 ? rows[^1].Cursor : null, more ? rows[0].Cursor : null);
        }

        var before = ParseCursor(older);
        if (before is { } b) query = Before(query, b);
        pairs = await query.OrderByDescending(p => p.Decision.At).ThenByDescending(p => p.Decision.Id).Take(size + 1).ToListAsync(cancellationToken);
        more = pairs.Count > size;
        var page = await RowsAsync(pairs.Take(size).ToList(), cancellationToken);
        return new DecisionPage(page, more ? page[^1].Cursor : null, before is not null && page.Count > 0 ? page[0].Cursor : null);
    }

    /// <summary>One request of this municipality by the id the denial page showed; null when there is none.</summary>
    public async Task<DecisionDetail?> FindAsync(string requestId, CancellationToken cancellationToken = default)
    {
        var tenant = Tenant;
        var (id, lower) = RequestIds(requestId);
        var entries = await db.DecisionRecords.AsNoTracking()
            .Where(r => r.TenantId == tenant && (r.RequestId == id || r.RequestId == lower))
            .OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var decision = entries.FirstOrDefault(e => e.Kind == DecisionEntryKind.Decision);
        if (decision is null) return null;
        var result = entries.FirstOrDefault(e => e.Kind == DecisionEntryKind.Result && e.RequestId == decision.RequestId);
        var rows = await RowsAsync([new Pair { Decision = decision, Result = result }], cancellationToken);
        return new DecisionDetail(rows[0], entries);
    }

    /// <summary>Every request matching the search, oldest first, at most <see cref="MaxExportRows"/>, read in batches.</summary>
    public async IAsyncEnumerable<DecisionRow> ExportAsync(DecisionSearch search, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = Filter(search);
        var count = 0;
        (DateTimeOffset At, long Id)? after = null;
        while (count < MaxExportRows)
        {
            var batchQuery = after is { } a ? After(query, a) : query;
            var pairs = await batchQuery.OrderBy(p => p.Decision.At).ThenBy(p => p.Decision.Id)
                .Take(Math.Min(ExportBatch, MaxExportRows - count)).ToListAsync(cancellationToken);
            if (pairs.Count == 0) yield break;
            foreach (var row in await RowsAsync(pairs, cancellationToken)) yield return row;
            count += pairs.Count;
            after = (pairs[^1].Decision.At, pairs[^1].Decision.Id);
        }
    }

    /// <summary>The municipality's registered systems (slug and name), for the search form.</summary>
    public Task<List<(string Slug, string Name)>> SystemsAsync(CancellationToken cancellationToken = default) =>
        db.Systems.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Slug).Select(s => new ValueTuple<string, string>(s.Slug, s.Name)).ToListAsync(cancellationToken);

    /// <summary>The position of a decision entry in the log's order: its time in UTC ticks and its id.</summary>
    public static string CursorOf(DecisionRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"{record.At.UtcTicks}-{record.Id}");

    private static (DateTimeOffset At, long Id)? ParseCursor(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor)) return null;
        var dash = cursor.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(cursor.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return null;
        return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }

    private static (string Id, string Lower) RequestIds(string requestId)
    {
        var id = requestId.Trim();
        // The help desk may type the id in capitals; the gateway writes it in lower case.
        return (id, id.ToLowerInvariant());
    }

    private static IQueryable<Pair> Before(IQueryable<Pair> query, (DateTimeOffset At, long Id) cursor) =>
        query.Where(p => p.Decision.At < cursor.At || (p.Decision.At == cursor.At && p.Decision.Id < cursor.Id));

    private static IQueryable<Pair> After(IQueryable<Pair> query, (DateTimeOffset At, long Id) cursor) =>
        query.Where(p => p.Decision.At > cursor.At || (p.Decision.At == cursor.At && p.Decision.Id > cursor.Id));

    /// <summary>Decision entries of the tenant matching the search, each with the result entry of its request.</summary>
    private IQueryable<Pair> Filter(DecisionSearch search)
    {
        var tenant = Tenant;
        var decisions = db.DecisionRecords.AsNoTracking().Where(d => d.TenantId == tenant && d.Kind == DecisionEntryKind.Decision);
        if (search.Start is { } start) decisions = decisions.Where(d => d.At >= start);
        if (search.End is { } end) decisions = decisions.Where(d => d.At < end);
        if (Text(search.StaffNumber) is { } staff) decisions = decisions.Where(d => d.StaffNumber == staff);
        if (Text(search.DeviceSerial) is { } serial) decisions = decisions.Where(d => d.DeviceSerial == serial);
        if (Text(search.System) is { } system) decisions = decisions.Where(d => d.System == system);
        if (Text(search.SourceAddress) is { } address) decisions = decisions.Where(d => d.SourceAddress == address);
        if (Text(search.RequestId) is { } requestId)
        {
            var (id, lower) = RequestIds(requestId);
            decisions = decisions.Where(d => d.RequestId == id || d.RequestId == lower);
        }

        var results = db.DecisionRecords.AsNoTracking().Where(r => r.TenantId == tenant && r.Kind == DecisionEntryKind.Result);
        var query =
            from d in decisions
            join r in results on d.RequestId equals r.RequestId into rs
            from r in rs.DefaultIfEmpty()
            select new Pair { Decision = d, Result = r };
        query = search.Outcome switch
        {
            DecisionOutcome.Allowed => query.Where(p => p.Decision.Allow && (p.Result == null || p.Result.Allow)),
            DecisionOutcome.Denied => query.Where(p => !p.Decision.Allow || (p.Result != null && !p.Result.Allow)),
            _ => query,
        };
        if (Text(search.Reason) is { } reason)
        {
            // Codes are stored comma-separated: ",a,b," contains ",a," exactly, never a longer code that starts the same.
            var marked = "," + reason + ",";
            query = query.Where(p => ("," + p.Decision.Reasons + ",").Contains(marked) || (p.Result != null && ("," + p.Result.Reasons + ",").Contains(marked)));
        }

        return query;
    }

    /// <summary>Rows with the names of their staff and systems, two small queries for the whole page.</summary>
    private async Task<List<DecisionRow>> RowsAsync(List<Pair> pairs, CancellationToken cancellationToken)
    {
        var numbers = pairs.Select(p => p.Decision.StaffNumber).OfType<string>().Distinct().ToList();
        var slugs = pairs.Select(p => p.Decision.System).OfType<string>().Distinct().ToList();
        var staff = numbers.Count == 0 ? [] : await db.Staff.AsNoTracking().Where(s => numbers.Contains(s.StaffNumber))
            .Select(s => new { s.StaffNumber, s.FamilyName, s.GivenName }).ToListAsync(cancellationToken);
        var systems = slugs.Count == 0 ? [] : await db.Systems.AsNoTracking().Where(s => slugs.Contains(s.Slug))
            .Select(s => new { s.Slug, s.Name }).ToListAsync(cancellationToken);
        var names = staff.GroupBy(s => s.StaffNumber).ToDictionary(g => g.Key, g => $"{g.First().FamilyName} {g.First().GivenName}", StringComparer.Ordinal);
        var systemNames = systems.GroupBy(s => s.Slug).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return pairs.Select(p => new DecisionRow(p.Decision, p.Result,
            p.Decision.StaffNumber is { } n ? names.GetValueOrDefault(n) : null,
            p.Decision.System is { } s ? systemNames.GetValueOrDefault(s) : null)).ToList();
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A decision entry and the result entry of the same request.</summary>
    private sealed class Pair
    {
        public required DecisionRecord Decision { get; init; }
        public DecisionRecord? Result { get; init; }
    }
}
