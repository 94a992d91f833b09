using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Devices;
using Zaitaku.Devices;
using Zaitaku.Organization;

namespace Zaitaku.Web.Devices;

/// <summary>A search of the fleet. <paramref name="Query"/> is an asset-tag or serial prefix, or a scanned label (<c>TAG SERIAL</c>).</summary>
public sealed record FleetSearch(string? Query = null, DeviceState? State = null, string? Model = null, Guid? ContractId = null, bool OverdueOnly = false,
    bool OfferedOnly = false, int Page = 1, int PageSize = 50);

/// <summary>How many PCs are in each state, how many loans are overdue and how many offers wait for acceptance.</summary>
public sealed record FleetCounts(IReadOnlyDictionary<DeviceState, int> ByState, int Overdue, int AwaitingAcceptance)
{
    public int Total => ByState.Values.Sum();

    public int Of(DeviceState state) => ByState.TryGetValue(state, out var n) ? n : 0;
}

/// <summary>The last posture report of a PC, for lists.</summary>
public sealed record PostureSummary(DateTimeOffset ReceivedAt, bool Compliant, string FailureCodes);

/// <summary>One row of the fleet list.</summary>
public sealed record FleetItem(Guid Id, string AssetTag, string SerialNumber, string Model, DeviceState State, string? BorrowerName, string? BorrowerNumber,
    DateOnly? DueDate, bool LoanAccepted, bool Overdue, DateTimeOffset? CertificateNotAfter, PostureSummary? Posture);

public sealed record FleetPage(IReadOnlyList<FleetItem> Items, long Total, int Page, int PageSize);

/// <summary>A staff member as device pages name them.</summary>
public sealed record StaffName(Guid Id, string StaffNumber, string Name);

/// <summary>Everything the device page shows.</summary>
public sealed record DeviceDetail(TeleworkDevice Device, IReadOnlyList<DeviceTimelineEntry> Timeline, StaffName? Borrower, LeaseContractEntry? Contract,
    IReadOnlyList<IssuedCertificate> Certificates, IReadOnlyList<PostureCheckIn> Posture, IReadOnlyList<DeviceDocument> Documents,
    IReadOnlyDictionary<Guid, StaffName> Staff);

/// <summary>Reads the fleet of the current tenant: counts, a filtered page (fast with 10,000 PCs), one PC, a staff member's PCs.</summary>
public sealed class DeviceQueries(ZaitakuDb db, FleetCountsCache cache)
{
    public const int MaxPageSize = 200;

    /// <summary>The counts, reused for a few seconds (see <see cref="FleetCountsCache"/>).</summary>
    public Task<FleetCounts> CountsAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync(db.TenantScope.TenantId ?? Guid.Empty, () => CountNowAsync(cancellationToken));

    /// <summary>The counts read from the database now.</summary>
    public async Task<FleetCounts> CountNowAsync(CancellationToken cancellationToken = default)
    {
        var today = JapanTime.Today(db.Time);
        // One pass over the tenant's (TenantId, State) index entries: per state, how many, how many overdue, how many offered.
        var rows = await db.Devices.AsNoTracking().GroupBy(d => d.State)
            .Select(g => new
            {
                State = g.Key,
                Count = g.Count(),
                Overdue = g.Count(d => d.State == DeviceState.Lent && d.Loan!.DueDate < today),
                Offered = g.Count(d => d.State == DeviceState.Ready && d.Loan != null),
            })
            .ToListAsync(cancellationToken);
        return new FleetCounts(rows.ToDictionary(r => r.State, r => r.Count), rows.Sum(r => r.Overdue), rows.Sum(r => r.Offered));
    }

    public async Task<FleetPage> SearchAsync(FleetSearch search, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, search.Page);
        var size = Math.Clamp(search.PageSize, 1, MaxPageSize);
        var query = Filter(search);
        var onlyLoans = search is { Query: null or "", Model: null or "", ContractId: null } && (search.OverdueOnly || search.OfferedOnly);
        // Overdue and offered loans are counted with the fleet's figures already (reading every lent PC's row once, not per page).
        var total = onlyLoans && search.OverdueOnly && search.State is null or DeviceState.Lent ? (await CountsAsync(cancellationToken)).Overdue
            : onlyLoans && search.OfferedOnly && !search.OverdueOnly && search.State is null or DeviceState.Ready ? (await CountsAsync(cancellationToken)).AwaitingAcceptance
            : await query.LongCountAsync(cancellationToken);
        if (total == 0 && PrefixOf(search) is not null)
        {
            // No asset tag starts so: the text may be a serial number.
            query = Filter(search, bySerial: true);
            total = await query.LongCountAsync(cancellationToken);
        }
        var rows = await query.OrderBy(d => d.AssetTag).Skip((page - 1) * size).Take(size)
            .Select(d => new
            {
                d.Id, d.AssetTag, d.SerialNumber, d.Model, d.State,
                Borrower = d.Loan == null ? null : d.Loan.BorrowerStaffId,
                DueDate = d.Loan == null ? (DateOnly?)null : d.Loan.DueDate,
                AcceptedAt = d.Loan == null ? null : d.Loan.AcceptedAt,
                NotAfter = d.Certificate == null ? (DateTimeOffset?)null : d.Certificate.NotAfter,
            })
            .ToListAsync(cancellationToken);
        var staff = await NamesAsync(rows.Select(r => r.Borrower), cancellationToken);
        var posture = await LastPostureAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        var today = JapanTime.Today(db.Time);
        var items = rows.Select(r =>
        {
            var borrower = Guid.TryParse(r.Borrower, out var id) && staff.TryGetValue(id, out var s) ? s : null;
            return new FleetItem(r.Id, r.AssetTag, r.SerialNumber, r.Model, r.State, borrower?.Name, borrower?.StaffNumber, r.DueDate, r.AcceptedAt is not null,
                r.State == DeviceState.Lent && r.DueDate < today, r.NotAfter, posture.GetValueOrDefault(r.Id));
        }).ToList();
        return new FleetPage(items, total, page, size);
    }

    /// <summary>Every PC matching the search (no paging), for label sheets; at most <paramref name="limit"/>.</summary>
    public async Task<List<TeleworkDevice>> ListAsync(FleetSearch search, int limit, CancellationToken cancellationToken = default)
    {
        var found = await Filter(search).OrderBy(d => d.AssetTag).Take(limit).ToListAsync(cancellationToken);
        return found.Count > 0 || PrefixOf(search) is null ? found : await Filter(search, bySerial: true).OrderBy(d => d.AssetTag).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The prefix a search looks for: a scanned label reads "TAG SERIAL", and the tag alone finds the PC.</summary>
    private static string? PrefixOf(FleetSearch search) =>
        string.IsNullOrWhiteSpace(search.Query) ? null : search.Query.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    // A prefix is a range on one index: the asset tag's, or (when no tag matches) the serial number's.
    private IQueryable<TeleworkDevice> Filter(FleetSearch search, bool bySerial = false)
    {
        var query = db.Devices.AsNoTracking();
        if (search.State is { } state) query = query.Where(d => d.State == state);
        if (!string.IsNullOrWhiteSpace(search.Model)) query = query.Where(d => d.Model == search.Model.Trim());
        if (search.ContractId is { } contract) query = query.Where(d => d.LeaseContractId == contract);
        if (search.OverdueOnly)
        {
            var today = JapanTime.Today(db.Time);
            query = query.Where(d => d.State == DeviceState.Lent && d.Loan!.DueDate < today);
        }
        if (search.OfferedOnly) query = query.Where(d => d.State == DeviceState.Ready && d.Loan != null);
        if (PrefixOf(search) is { } text)
        {
            var upper = text + '\uffff';
            query = bySerial
                ? query.Where(d => string.Compare(d.SerialNumber, text) >= 0 && string.Compare(d.SerialNumber, upper) < 0)
                : query.Where(d => string.Compare(d.AssetTag, text) >= 0 && string.Compare(d.AssetTag, upper) < 0);
        }
        return query;
    }

    public async Task<DeviceDetail?> DetailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (device is null) return null;
        var timeline = await db.DeviceEvents.AsNoTracking().Where(e => e.DeviceId == id).OrderByDescending(e => e.Sequence).ToListAsync(cancellationToken);
        var certificates = await db.DeviceCertificates.AsNoTracking().Where(c => c.DeviceId == id).OrderByDescending(c => c.IssuedAt).ToListAsync(cancellationToken);
        var posture = await db.PostureReports.AsNoTracking().Where(p => p.DeviceId == id).OrderByDescending(p => p.ReceivedAt).Take(20).ToListAsync(cancellationToken);
        var documents = await db.DeviceDocuments.AsNoTracking().Where(d => d.DeviceId == id)
            .Select(d => new DeviceDocument
            {
                Id = d.Id, TenantId = d.TenantId, DeviceId = d.DeviceId, Kind = d.Kind, FileName = d.FileName, ContentType = d.ContentType,
                Content = Array.Empty<byte>(), ContentHash = d.ContentHash, UploadedAt = d.UploadedAt, UploadedBy = d.UploadedBy,
            }).ToListAsync(cancellationToken);
        var contract = device.LeaseContractId is { } contractId
            ? await db.LeaseContracts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken)
            : null;
        var mentioned = timeline.SelectMany(e => e.ReadDetails().Where(kv => kv.Key == "borrower").Select(kv => kv.Value)).Append(device.Loan?.BorrowerStaffId);
        var staff = await NamesAsync(mentioned, cancellationToken);
        var borrower = Guid.TryParse(device.Loan?.BorrowerStaffId, out var borrowerId) ? staff.GetValueOrDefault(borrowerId) : null;
        return new DeviceDetail(device, timeline, borrower, contract, certificates, posture, documents, staff);
    }

    /// <summary>The PCs lent or offered to a staff member.</summary>
    public async Task<List<TeleworkDevice>> LentToAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        var id = staffId.ToString();
        return await db.Devices.AsNoTracking().Where(d => d.Loan!.BorrowerStaffId == id).OrderBy(d => d.AssetTag).ToListAsync(cancellationToken);
    }

    /// <summary>The open notices to IT, newest first.</summary>
    public async Task<List<(DeviceNotice Notice, string AssetTag)>> OpenNoticesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.DeviceNotices.AsNoTracking().Where(n => n.AcknowledgedAt == null).OrderByDescending(n => n.ReportedAt)
            .Join(db.Devices, n => n.DeviceId, d => d.Id, (n, d) => new { Notice = n, d.AssetTag }).Take(50).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Notice, r.AssetTag)).ToList();
    }

    public Task<int> OpenNoticeCountAsync(CancellationToken cancellationToken = default) =>
        db.DeviceNotices.CountAsync(n => n.AcknowledgedAt == null, cancellationToken);

    /// <summary>The last posture report of each PC in the list.</summary>
    public async Task<Dictionary<Guid, PostureSummary>> LastPostureAsync(IReadOnlyList<Guid> deviceIds, CancellationToken cancellationToken = default)
    {
        if (deviceIds.Count == 0) return [];
        var latest = await db.PostureReports.AsNoTracking().Where(p => deviceIds.Contains(p.DeviceId))
            .GroupBy(p => p.DeviceId).Select(g => new { DeviceId = g.Key, At = g.Max(p => p.ReceivedAt) }).ToListAsync(cancellationToken);
        if (latest.Count == 0) return [];
        var times = latest.Select(l => l.At).Distinct().ToList();
        var rows = await db.PostureReports.AsNoTracking().Where(p => deviceIds.Contains(p.DeviceId) && times.Contains(p.ReceivedAt))
            .Select(p => new { p.DeviceId, p.ReceivedAt, p.Compliant, p.FailureCodes }).ToListAsync(cancellationToken);
        var wanted = latest.ToDictionary(l => l.DeviceId, l => l.At);
        return rows.Where(r => wanted[r.DeviceId] == r.ReceivedAt).GroupBy(r => r.DeviceId)
            .ToDictionary(g => g.Key, g => g.Select(r => new PostureSummary(r.ReceivedAt, r.Compliant, r.FailureCodes)).First());
    }

    /// <summary>Staff names for the ids the device records carry (as text).</summary>
    public async Task<Dictionary<Guid, StaffName>> NamesAsync(IEnumerable<string?> staffIds, CancellationToken cancellationToken = default)
    {
        var ids = staffIds.Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new StaffName(s.Id, s.StaffNumber, s.FamilyName + " " + s.GivenName)).ToDictionaryAsync(s => s.Id, cancellationToken);
    }

    /// <summary>The PCs ready to lend that are not offered to anyone, for choosing a spare.</summary>
    public Task<List<TeleworkDevice>> SparesAsync(CancellationToken cancellationToken = default) =>
        db.Devices.AsNoTracking().Where(d => d.State == DeviceState.Ready && d.Loan == null).OrderBy(d => d.AssetTag).Take(100).ToListAsync(cancellationToken);

    /// <summary>A stored document of a PC (the erasure certificate).</summary>
    public Task<DeviceDocument?> DocumentAsync(Guid deviceId, Guid documentId, CancellationToken cancellationToken = default) =>
        db.DeviceDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.DeviceId == deviceId, cancellationToken);
}
