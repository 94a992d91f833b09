using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Accounts;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Devices;
using Zaitaku.Devices;
using Zaitaku.Devices.Pki;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;

namespace Zaitaku.Web.Devices;

/// <summary>Who acts on a PC: the audit trail's name, the staff member behind the account, and whether they manage devices.</summary>
/// <param name="StaffId">The caller's staff record, for "my PC" operations.</param>
/// <param name="ManagesDevices">The IT department (or an API token with <c>devices:write</c>).</param>
public sealed record DeviceCaller(Guid? StaffId, bool ManagesDevices)
{
    /// <summary>The caller of a console request or API call.</summary>
    public static DeviceCaller From(ClaimsPrincipal user) =>
        new(user.GetStaffId(), user.HasRole(Role.ItAdmin) || user.HasClaim(ZaitakuClaims.Scope, ApiScopes.DevicesWrite));
}

/// <summary>A PC to register, as a form, the API or one row of an import gives it.</summary>
public sealed record DeviceRegistrationInput(string? AssetTag, string? SerialNumber, string? Model, string? LeaseContractNumber);

/// <summary>A certificate just issued to a PC: the hand-out (shown once) and, for pages, its single-use links.</summary>
public sealed record CertificateIssue(TeleworkDevice Device, DeviceCertificateHandout Handout, HandoutLinks? Links);

/// <summary>The fields of an erasure certificate as a form or the API gives them; the document is uploaded or referenced.</summary>
public sealed record ErasureInput(string? Method, string? Operator, DateOnly? ErasedOn, string? CertificateNumber,
    string? DocumentFileName = null, string? DocumentContentType = null, byte[]? Document = null, string? DocumentReference = null);

/// <summary>
/// Every operation on a telework PC: runs the aggregate's rule, and in the same unit of work writes the
/// event to the timeline and the audit trail (<c>device.&lt;operation&gt;</c>), keeps the certificate ledger
/// (issued, revoked) the gateway and the CRL read, and notifies IT of a loss.
/// </summary>
public sealed class DeviceService(ZaitakuDb db, DeviceAuthorities authorities, CertificateHandouts handouts, DeviceSettings settings, IOptions<DeviceOptions> options, FleetCountsCache counts)
{
    /// <summary>Largest erasure document kept (10 MB).</summary>
    public const long MaxDocumentBytes = 10L * 1024 * 1024;

    private string Actor => db.TenantScope.ActorName is { Length: > 0 and <= 128 } name ? name.Trim() : "system";

    private DateTimeOffset Now => db.Time.GetUtcNow();

    public Task<TeleworkDevice?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Devices.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);

    /// <summary>Registers an ordered PC; the model must be registered, the contract known, tag and serial unused.</summary>
    public async Task<Result<TeleworkDevice>> RegisterAsync(DeviceRegistrationInput input, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var checkedInput = await CheckRegistrationAsync(input, cancellationToken);
        if (!checkedInput.IsOk) return checkedInput.Error!;
        var (assetTag, serial, model, contractId) = checkedInput.Value;
        var registered = TeleworkDevice.Register(db.TenantScope.TenantId ?? Guid.Empty, assetTag, serial, model, contractId, Actor, Now);
        if (!registered.IsOk) return registered.Error!;
        db.Devices.Add(registered.Value.Device);
        await RecordAsync(registered.Value.Device, registered.Value.Event, cancellationToken);
        return await SaveAsync(registered.Value.Device, cancellationToken);
    }

    /// <summary>
    /// The checks of a registration that need the database (known model and contract, unused tag and
    /// serial), after the aggregate's own shape checks; the values trimmed.
    /// </summary>
    internal async Task<Result<(string AssetTag, string Serial, string Model, Guid? ContractId)>> CheckRegistrationAsync(
        DeviceRegistrationInput input, CancellationToken cancellationToken)
    {
        var assetTag = input.AssetTag?.Trim() ?? "";
        var serial = input.SerialNumber?.Trim() ?? "";
        var model = input.Model?.Trim() ?? "";
        var shape = TeleworkDevice.Register(Guid.NewGuid(), assetTag, serial, model, null, Actor, Now);
        if (!shape.IsOk) return shape.Error!;
        if (!await db.DeviceModels.AnyAsync(m => m.Name == model, cancellationToken))
            return new DeviceModelUnknown(model, await db.DeviceModels.OrderBy(m => m.Name).Select(m => m.Name).ToListAsync(cancellationToken));
        Guid? contractId = null;
        if (!string.IsNullOrWhiteSpace(input.LeaseContractNumber))
        {
            var number = input.LeaseContractNumber.Trim();
            contractId = await db.LeaseContracts.Where(c => c.ContractNumber == number).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (contractId is null) return new LeaseContractUnknown(number);
        }
        if (await db.Devices.AnyAsync(d => d.AssetTag == assetTag, cancellationToken)) return new AssetTagTaken(assetTag);
        if (await db.Devices.AnyAsync(d => d.SerialNumber == serial, cancellationToken)) return new SerialNumberTaken(serial);
        return (assetTag, serial, model, contractId);
    }

    public Task<Result<TeleworkDevice>> StartKittingAsync(Guid id, DeviceCaller caller, CancellationToken cancellationToken = default) =>
        ManageAsync(id, caller, async device => device.StartKitting(await settings.ChecklistAsync(cancellationToken), Actor, Now), cancellationToken);

    public Task<Result<TeleworkDevice>> TickAsync(Guid id, string itemCode, DeviceCaller caller, CancellationToken cancellationToken = default) =>
        ManageAsync(id, caller, device => Task.FromResult(device.TickChecklistItem(itemCode?.Trim() ?? "", Actor, Now)), cancellationToken);

    /// <summary>
    /// Completes kitting: issues the PC's certificate from the tenant CA and makes it ready. The hand-out
    /// is returned once; with <paramref name="keepForDownload"/> its files also wait behind single-use links.
    /// </summary>
    public Task<Result<CertificateIssue>> MarkReadyAsync(Guid id, DeviceCaller caller, bool keepForDownload, CancellationToken cancellationToken = default) =>
        IssueAsync(id, caller, keepForDownload, renew: false, cancellationToken);

    /// <summary>Replaces the certificate of a ready or lent PC; the old one is revoked as superseded.</summary>
    public Task<Result<CertificateIssue>> RenewCertificateAsync(Guid id, DeviceCaller caller, bool keepForDownload, CancellationToken cancellationToken = default) =>
        IssueAsync(id, caller, keepForDownload, renew: true, cancellationToken);

    /// <summary>Offers a ready PC to a staff member (by staff number) under the current lending terms.</summary>
    public async Task<Result<TeleworkDevice>> LendAsync(Guid id, string? staffNumber, DateOnly? dueDate, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var device = await FindAsync(id, cancellationToken);
        if (device is null) return Missing();
        var borrower = await FindBorrowerAsync(staffNumber, cancellationToken);
        if (!borrower.IsOk) return borrower.Error!;
        return await LendToAsync(device, borrower.Value, dueDate, cancellationToken);
    }

    /// <summary>Lends a ready spare PC to the borrower of a PC that failed while lent.</summary>
    public async Task<Result<TeleworkDevice>> LendSpareAsync(Guid failedId, Guid spareId, DateOnly? dueDate, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var failed = await FindAsync(failedId, cancellationToken);
        var spare = await FindAsync(spareId, cancellationToken);
        if (failed is null || spare is null) return Missing();
        var lastFailure = await db.DeviceEvents.AsNoTracking()
            .Where(e => e.DeviceId == failedId && e.Operation == DeviceOperation.ReportFailure)
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (failed.State is not (DeviceState.Failed or DeviceState.Rekitting) || lastFailure is null
            || !lastFailure.ReadDetails().TryGetValue("borrower", out var borrowerId) || !Guid.TryParse(borrowerId, out var staffId))
            return new NoBorrowerForSpare();
        var borrower = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (borrower is null) return new NoBorrowerForSpare();
        return await LendToAsync(spare, borrower, dueDate, cancellationToken, spareFor: failed.AssetTag);
    }

    public Task<Result<TeleworkDevice>> WithdrawOfferAsync(Guid id, DeviceCaller caller, CancellationToken cancellationToken = default) =>
        ManageAsync(id, caller, device => Task.FromResult(device.WithdrawLoanOffer(Actor, Now)), cancellationToken);

    /// <summary>The borrower accepts the terms of the version shown to them; the loan starts.</summary>
    public async Task<Result<TeleworkDevice>> AcceptTermsAsync(Guid id, string? termsVersion, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        var device = await FindAsync(id, cancellationToken);
        if (device is null) return Missing();
        if (caller.StaffId is not { } staffId || device.Loan?.BorrowerStaffId != staffId.ToString()) return new NotYourDevice();
        var result = device.AcceptTerms(staffId.ToString(), termsVersion?.Trim() ?? "", Now);
        return await CommitAsync(device, result, cancellationToken);
    }

    public Task<Result<TeleworkDevice>> ReturnAsync(Guid id, string? conditionNotes, DeviceCaller caller, CancellationToken cancellationToken = default) =>
        ManageAsync(id, caller, device => Task.FromResult(device.Return(conditionNotes?.Trim() ?? "", Actor, Now)), cancellationToken);

    public Task<Result<TeleworkDevice>> ReportFailureAsync(Guid id, string? description, DeviceCaller caller, CancellationToken cancellationToken = default) =>
        ManageAsync(id, caller, device => Task.FromResult(device.ReportFailure(description?.Trim() ?? "", Actor, Now)), cancellationToken);

    public Task<Result<TeleworkDevice>> StartRekittingAsync(Guid id, DeviceCaller caller, CancellationToken cancellationToken = default) =>
        ManageAsync(id, caller, async device => device.StartRekitting(await settings.ChecklistAsync(cancellationToken), Actor, Now), cancellationToken);

    /// <summary>
    /// A staff member (for a PC lent or offered to them) or IT reports a PC lost or stolen: the
    /// certificate is revoked at once, a wipe order recorded, and IT gets a notice on the device pages.
    /// </summary>
    public async Task<Result<TeleworkDevice>> ReportLostAsync(Guid id, string? circumstances, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        var device = await FindAsync(id, cancellationToken);
        if (device is null) return Missing();
        if (!caller.ManagesDevices && (caller.StaffId is not { } staffId || device.Loan?.BorrowerStaffId != staffId.ToString())) return new NotYourDevice();
        var text = circumstances?.Trim() ?? "";
        var result = device.ReportLost(text, Actor, Now);
        if (result.IsOk)
        {
            db.DeviceNotices.Add(new DeviceNotice
            {
                Id = Guid.NewGuid(), DeviceId = device.Id, Kind = DeviceNoticeKind.Lost, ReportedBy = Actor, ReportedAt = Now, Text = text,
            });
        }
        return await CommitAsync(device, result, cancellationToken);
    }

    public Task<Result<TeleworkDevice>> StartDisposalAsync(Guid id, DeviceCaller caller, CancellationToken cancellationToken = default) =>
        ManageAsync(id, caller, device => Task.FromResult(device.StartDisposal(Actor, Now)), cancellationToken);

    /// <summary>Marks a PC disposed with its erasure certificate; the vendor's document is kept with the PC's record.</summary>
    public async Task<Result<TeleworkDevice>> CompleteDisposalAsync(Guid id, ErasureInput input, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var device = await FindAsync(id, cancellationToken);
        if (device is null) return Missing();
        var reference = input.DocumentReference?.Trim() ?? "";
        DeviceDocument? document = null;
        if (input.Document is { Length: > 0 } content)
        {
            if (content.LongLength > MaxDocumentBytes)
                return new DeviceDocumentInvalid(new($"大きすぎます（{content.LongLength / 1024 / 1024}MB）。10MB以下にしてください。", $"too large ({content.LongLength / 1024 / 1024} MB); the limit is 10 MB."));
            document = new DeviceDocument
            {
                Id = Guid.NewGuid(), DeviceId = device.Id, Kind = "erasure-certificate",
                FileName = Path.GetFileName(input.DocumentFileName ?? "erasure-certificate"),
                ContentType = string.IsNullOrWhiteSpace(input.DocumentContentType) ? "application/octet-stream" : input.DocumentContentType,
                Content = content, ContentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)),
                UploadedAt = Now, UploadedBy = Actor,
            };
            reference = $"document:{document.Id}";
        }
        var erasure = new ErasureCertificate
        {
            Method = input.Method?.Trim() ?? "",
            Operator = input.Operator?.Trim() ?? "",
            ErasedOn = input.ErasedOn ?? default,
            CertificateNumber = input.CertificateNumber?.Trim() ?? "",
            DocumentReference = reference,
        };
        var result = device.CompleteDisposal(erasure, Actor, Now);
        if (result.IsOk && document is not null)
        {
            db.DeviceDocuments.Add(document);
            db.Audit("device_document.uploaded", nameof(DeviceDocument), document.Id.ToString(),
                AuditJson.Of(new { device = device.AssetTag, file = document.FileName, sha256 = document.ContentHash, bytes = document.Content.Length }));
        }
        return await CommitAsync(device, result, cancellationToken);
    }

    /// <summary>IT marks a notice as seen.</summary>
    public async Task<Result<DeviceNotice>> AcknowledgeNoticeAsync(Guid noticeId, DeviceCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var notice = await db.DeviceNotices.SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        if (notice is null) return new NotFoundError(new("お知らせ", "The notice"));
        if (notice.AcknowledgedAt is null)
        {
            notice.AcknowledgedAt = Now;
            notice.AcknowledgedBy = Actor;
            await db.SaveChangesAsync(cancellationToken);
        }
        return notice;
    }

    private async Task<Result<CertificateIssue>> IssueAsync(Guid id, DeviceCaller caller, bool keepForDownload, bool renew, CancellationToken cancellationToken)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var device = await FindAsync(id, cancellationToken);
        if (device is null) return Missing();
        // Ask first, so a refused operation never makes a certificate.
        if ((renew ? device.CheckCanRenewCertificate() : device.CheckCanMarkReady()) is { } refused) return refused;
        var opened = await authorities.OpenAsync(cancellationToken);
        if (!opened.IsOk) return opened.Error!;
        using var authority = opened.Value;
        var now = Now;
        var issuedResult = authority.Issue(device.AssetTag, device.SerialNumber, now, TimeSpan.FromDays(options.Value.CertificateValidityDays));
        if (!issuedResult.IsOk) return issuedResult.Error!;
        using var issued = issuedResult.Value;
        var result = renew ? device.RenewCertificate(issued.Record, Actor, now) : device.MarkReady(issued.Record, Actor, now);
        if (!result.IsOk) return result.Error!;
        db.DeviceCertificates.Add(IssuedCertificate.From(device.TenantId, device.Id, issued.Record, Actor, now));
        var handout = issued.CreateHandout();
        var links = keepForDownload ? handouts.Keep(device.Id, device.AssetTag, handout, issued.Record.SerialNumber) : null;
        var saved = await CommitAsync(device, result, cancellationToken);
        return saved.IsOk ? new CertificateIssue(device, handout, links) : saved.Error!;
    }

    private async Task<Result<StaffMember>> FindBorrowerAsync(string? staffNumber, CancellationToken cancellationToken)
    {
        var number = staffNumber?.Trim() ?? "";
        var today = JapanTime.Today(db.Time);
        var staff = number.Length == 0 ? null : await db.Staff.AsNoTracking()
            .SingleOrDefaultAsync(s => s.StaffNumber == number && s.ActiveFrom <= today && (s.ActiveTo == null || s.ActiveTo >= today), cancellationToken);
        return staff is null ? new BorrowerUnknown(number) : staff;
    }

    private async Task<Result<TeleworkDevice>> LendToAsync(TeleworkDevice device, StaffMember borrower, DateOnly? dueDate, CancellationToken cancellationToken, string? spareFor = null)
    {
        var terms = await settings.CurrentTermsAsync(cancellationToken);
        if (terms is null) return new NoLendingTerms();
        var result = device.Lend(borrower.Id.ToString(), terms.Version, dueDate ?? default, Actor, Now);
        if (result.IsOk && spareFor is not null)
        {
            var details = new Dictionary<string, string>(result.Value.Details) { ["spareFor"] = spareFor };
            result = result.Value with { Details = details };
        }
        return await CommitAsync(device, result, cancellationToken);
    }

    private async Task<Result<TeleworkDevice>> ManageAsync(Guid id, DeviceCaller caller, Func<TeleworkDevice, Task<Result<DeviceEvent>>> operation, CancellationToken cancellationToken)
    {
        if (!caller.ManagesDevices) return new DeviceManagersOnly();
        var device = await FindAsync(id, cancellationToken);
        if (device is null) return Missing();
        return await CommitAsync(device, await operation(device), cancellationToken);
    }

    private async Task<Result<TeleworkDevice>> CommitAsync(TeleworkDevice device, Result<DeviceEvent> result, CancellationToken cancellationToken)
    {
        if (!result.IsOk) return result.Error!;
        await RecordAsync(device, result.Value, cancellationToken);
        return await SaveAsync(device, cancellationToken);
    }

    private async Task<Result<TeleworkDevice>> SaveAsync(TeleworkDevice device, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            counts.Invalidate(device.TenantId);
            return device;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new DeviceChangedMeanwhile();
        }
    }

    /// <summary>The event's timeline row, its audit record, and the ledger's revocation, queued for the next save.</summary>
    private async Task RecordAsync(TeleworkDevice device, DeviceEvent e, CancellationToken cancellationToken)
    {
        var last = db.DeviceEvents.Local.Where(x => x.DeviceId == device.Id).Select(x => (int?)x.Sequence).Max()
            ?? await db.DeviceEvents.Where(x => x.DeviceId == device.Id).MaxAsync(x => (int?)x.Sequence, cancellationToken) ?? 0;
        db.DeviceEvents.Add(DeviceTimelineEntry.Of(e, last + 1, Actor));
        if (e.CertificateRevoked is { } revoked)
        {
            var entry = db.DeviceCertificates.Local.FirstOrDefault(c => c.SerialNumber == revoked.SerialNumber)
                ?? await db.DeviceCertificates.SingleOrDefaultAsync(c => c.SerialNumber == revoked.SerialNumber, cancellationToken);
            if (entry is null)
            {
                // A certificate issued before the ledger existed: the revocation list still gets it.
                entry = IssuedCertificate.From(device.TenantId, device.Id, revoked, "unknown", revoked.NotBefore);
                db.DeviceCertificates.Add(entry);
            }
            entry.RevokedAt = revoked.RevokedAt;
            entry.RevocationReason = revoked.RevocationReason;
        }
        db.Audit($"device.{OperationCode(e.Operation)}", nameof(TeleworkDevice), device.Id.ToString(), AuditJson.Of(new
        {
            assetTag = device.AssetTag,
            from = e.From.ToString(),
            to = e.To.ToString(),
            details = e.Details,
            certificateIssued = e.CertificateIssued?.SerialNumber,
            certificateRevoked = e.CertificateRevoked?.SerialNumber,
        }));
    }

    /// <summary>The operation as the audit trail's action names it: <c>ReportLost</c> → <c>report_lost</c>.</summary>
    public static string OperationCode(DeviceOperation operation) =>
        string.Concat(operation.ToString().Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "_") + char.ToLowerInvariant(c) : c.ToString()));

    private static NotFoundError Missing() => new(new("端末", "The PC"));
}
