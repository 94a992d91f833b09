using System.Security.Cryptography.X509Certificates;
using Zaitaku.Organization;

namespace Zaitaku.Devices;

/// <summary>A newly registered PC and the event that records its registration.</summary>
public sealed record DeviceRegistration(TeleworkDevice Device, DeviceEvent Event);

/// <summary>
/// A telework PC lent by the municipality (キッティング済み端末), from order to certified disposal.
/// Every operation checks its rules first and changes nothing when it fails; on success it
/// returns the one <see cref="DeviceEvent"/> that records it.
/// </summary>
/// <remarks>
/// The certificate model that makes issue 3's invariant exact: the PC's client certificate is
/// issued as the act that completes kitting (<see cref="MarkReady"/>, also on the way back from
/// returned or re-kitting), so a PC holds an unrevoked certificate exactly while it is ready or
/// lent; returning it, reporting it failed or lost revokes the certificate at once. A loan is
/// offered by IT (<see cref="Lend"/>) and becomes the state <see cref="DeviceState.Lent"/> only
/// when the borrower accepts the terms (<see cref="AcceptTerms"/>), so every lent PC has exactly
/// one borrower who accepted the terms of its loan.
/// </remarks>
public sealed class TeleworkDevice : ITenantOwned
{
    private static readonly DeviceState[] KittingStates = [DeviceState.Kitting, DeviceState.Rekitting];
    private static readonly DeviceState[] InServiceStates = [DeviceState.Ready, DeviceState.Lent];
    private static readonly DeviceState[] OfferStates = [DeviceState.Ready];

    private readonly List<KittingChecklistItem> _checklist = [];
    private readonly List<ChecklistTick> _ticks = [];

    // For the EF layer's materialisation.
    private TeleworkDevice()
    {
        AssetTag = SerialNumber = Model = string.Empty;
    }

    /// <summary>The PC's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The tenant (municipality) that owns or leases it.</summary>
    public Guid TenantId { get; private set; }

    // The data layer's tenant guard reads (and for a new row fills) the tenant through the interface; the domain never moves a PC between tenants.
    Guid ITenantOwned.TenantId
    {
        get => TenantId;
        set => TenantId = value;
    }

    /// <summary>The municipality's asset tag (資産番号), unique in the tenant; the certificate's CN.</summary>
    public string AssetTag { get; private set; }

    /// <summary>The manufacturer's serial number, unique in the tenant.</summary>
    public string SerialNumber { get; private set; }

    /// <summary>The model name as registered.</summary>
    public string Model { get; private set; }

    /// <summary>The lease contract it is rented under, if any.</summary>
    public Guid? LeaseContractId { get; private set; }

    /// <summary>Where it is in its life.</summary>
    public DeviceState State { get; private set; }

    /// <summary>When it was registered (UTC).</summary>
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When the last operation happened (UTC).</summary>
    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>The current (or last, if revoked) client certificate; null before the first kitting completes.</summary>
    public DeviceCertificate? Certificate { get; private set; }

    /// <summary>The kitting checklist copied when (re-)kitting started.</summary>
    public IReadOnlyList<KittingChecklistItem> Checklist => _checklist;

    /// <summary>The ticks of the current (re-)kitting: who confirmed each item and when.</summary>
    public IReadOnlyList<ChecklistTick> ChecklistTicks => _ticks;

    /// <summary>The current loan: pending (state Ready) or accepted (state Lent); null otherwise.</summary>
    public DeviceLoan? Loan { get; private set; }

    /// <summary>The remote-wipe order recorded when the PC was reported lost or stolen.</summary>
    public WipeOrder? WipeOrder { get; private set; }

    /// <summary>The erasure certificate recorded at disposal.</summary>
    public ErasureCertificate? ErasureCertificate { get; private set; }

    /// <summary>True when the PC holds a certificate that is not revoked (expiry aside).</summary>
    public bool HasValidCertificate => Certificate is { IsRevoked: false };

    /// <summary>True when a checklist was copied and each of its items is ticked.</summary>
    public bool IsKittingComplete => _checklist.Count > 0 && _checklist.All(i => _ticks.Any(t => t.ItemCode == i.Code));

    /// <summary>The checklist items not yet ticked.</summary>
    public IReadOnlyList<KittingChecklistItem> MissingChecklistItems =>
        _checklist.Where(i => !_ticks.Any(t => t.ItemCode == i.Code)).ToList();

    /// <summary>True when the PC is lent and <paramref name="today"/> (Asia/Tokyo) is past its due date.</summary>
    public bool IsLoanOverdue(DateOnly today) => State == DeviceState.Lent && Loan is not null && Loan.IsOverdue(today);

    /// <summary>Registers an ordered PC (state <see cref="DeviceState.Ordered"/>).</summary>
    public static Result<DeviceRegistration> Register(
        Guid tenantId, string assetTag, string serialNumber, string model, Guid? leaseContractId, string by, DateTimeOffset at)
    {
        if (tenantId == Guid.Empty)
        {
            return DeviceInputRules.Invalid("tenantId", "自治体が指定されていません。", "No tenant given.");
        }

        if (!DeviceInputRules.IsAssetTag(assetTag))
        {
            return DeviceInputRules.Invalid("assetTag",
                $"資産番号「{assetTag}」は使えません。文字・数字・- _ . / の1〜64文字で指定してください。",
                $"Asset tag \"{assetTag}\" is not valid: use 1 to 64 letters, digits, - _ . /");
        }

        if (!DeviceInputRules.IsSerialNumber(serialNumber))
        {
            return DeviceInputRules.Invalid("serialNumber",
                $"製造番号「{serialNumber}」は使えません。半角英数字と - . / : の1〜64文字で指定してください。",
                $"Serial number \"{serialNumber}\" is not valid: use 1 to 64 ASCII letters, digits, - . / :");
        }

        if (!DeviceInputRules.IsName(model, 100))
        {
            return DeviceInputRules.Invalid("model", "機種名は1〜100文字で指定してください。", "The model name must be 1 to 100 characters.");
        }

        if (leaseContractId == Guid.Empty)
        {
            return DeviceInputRules.Invalid("leaseContractId", "リース契約の指定が空です。", "The lease contract id is empty.");
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        var device = new TeleworkDevice
        {
            Id = Guid.CreateVersion7(at),
            TenantId = tenantId,
            AssetTag = assetTag,
            SerialNumber = serialNumber,
            Model = model,
            LeaseContractId = leaseContractId,
            State = DeviceState.Ordered,
            RegisteredAt = at.ToUniversalTime(),
            LastChangedAt = at.ToUniversalTime(),
        };
        var details = new Dictionary<string, string>
        {
            ["assetTag"] = assetTag,
            ["serialNumber"] = serialNumber,
            ["model"] = model,
        };
        if (leaseContractId is { } contract)
        {
            details["leaseContractId"] = contract.ToString();
        }

        return new DeviceRegistration(device, device.NewEvent(DeviceOperation.Register, by, at, DeviceState.Ordered, details));
    }

    /// <summary>Ordered → kitting, with the tenant's checklist copied onto the PC.</summary>
    public Result<DeviceEvent> StartKitting(KittingChecklist checklist, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        if (DeviceTransitions.Check(State, DeviceState.Kitting) is { } transition)
        {
            return transition;
        }

        if ((checklist.Validate() ?? CheckActor(by)) is { } error)
        {
            return error;
        }

        var from = State;
        ResetChecklist(checklist);
        State = DeviceState.Kitting;
        return Record(DeviceOperation.StartKitting, by, at, from, new() { ["items"] = string.Join(",", checklist.Items.Select(i => i.Code)) });
    }

    /// <summary>Ticks one item of the kitting checklist, keeping who and when.</summary>
    public Result<DeviceEvent> TickChecklistItem(string itemCode, string by, DateTimeOffset at)
    {
        if (!KittingStates.Contains(State))
        {
            return new OperationNotAllowed(DeviceOperation.TickChecklistItem, State, KittingStates);
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        if (!_checklist.Any(i => i.Code == itemCode))
        {
            return new ChecklistItemUnknown(itemCode ?? string.Empty, _checklist.Select(i => i.Code).ToList());
        }

        if (_ticks.FirstOrDefault(t => t.ItemCode == itemCode) is { } earlier)
        {
            return new ChecklistItemAlreadyTicked(itemCode, earlier.TickedBy, earlier.TickedAt);
        }

        _ticks.Add(new ChecklistTick(itemCode, by, at.ToUniversalTime()));
        return Record(DeviceOperation.TickChecklistItem, by, at, State, new() { ["item"] = itemCode });
    }

    /// <summary>
    /// Null when <see cref="MarkReady"/> would accept a fresh certificate now; otherwise the
    /// error it would return. Lets the caller ask the CA for a certificate only when it will be used.
    /// </summary>
    public Error? CheckCanMarkReady()
    {
        if (DeviceTransitions.Check(State, DeviceState.Ready) is { } transition)
        {
            return transition;
        }

        if (!IsKittingComplete)
        {
            return new KittingIncomplete(MissingChecklistItems.Select(i => i.Label.Ja).ToList());
        }

        return null;
    }

    /// <summary>
    /// Kitting, re-kitting or returned → ready: every checklist item must be ticked, and the
    /// freshly issued <paramref name="certificate"/> becomes the PC's identity.
    /// </summary>
    public Result<DeviceEvent> MarkReady(DeviceCertificate certificate, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if ((CheckCanMarkReady() ?? CheckActor(by) ?? CheckNewCertificate(certificate, at)) is { } error)
        {
            return error;
        }

        var from = State;
        Certificate = certificate;
        State = DeviceState.Ready;
        return Record(DeviceOperation.MarkReady, by, at, from, CertificateDetails(certificate), issued: certificate);
    }

    /// <summary>
    /// Offers the ready PC to a staff member under the given version of the lending terms. The
    /// state stays ready until the borrower accepts (<see cref="AcceptTerms"/>).
    /// </summary>
    public Result<DeviceEvent> Lend(string borrowerStaffId, string termsVersion, DateOnly dueDate, string by, DateTimeOffset at)
    {
        if (DeviceTransitions.Check(State, DeviceState.Lent) is { } transition)
        {
            return transition;
        }

        if (Loan is { } pending)
        {
            return new LoanAlreadyOffered(pending.BorrowerStaffId);
        }

        if (!DeviceInputRules.IsName(borrowerStaffId, 64))
        {
            return DeviceInputRules.Invalid("borrowerStaffId", "貸出先の職員を指定してください。", "Give the staff member the PC is lent to.");
        }

        if (!DeviceInputRules.IsName(termsVersion, 64))
        {
            return DeviceInputRules.Invalid("termsVersion", "誓約書の版を指定してください。", "Give the version of the lending terms.");
        }

        if (dueDate < JapanTime.DateOf(at))
        {
            return DeviceInputRules.Invalid("dueDate",
                $"返却予定日 {dueDate:yyyy-MM-dd} が過去の日付です。",
                $"The due date {dueDate:yyyy-MM-dd} is in the past.");
        }

        if ((CheckActor(by) ?? CheckCertificateNotExpired(at)) is { } error)
        {
            return error;
        }

        Loan = new DeviceLoan
        {
            BorrowerStaffId = borrowerStaffId,
            TermsVersion = termsVersion,
            DueDate = dueDate,
            LentBy = by,
            LentAt = at.ToUniversalTime(),
        };
        return Record(DeviceOperation.Lend, by, at, State, new()
        {
            ["borrower"] = borrowerStaffId,
            ["termsVersion"] = termsVersion,
            ["dueDate"] = dueDate.ToString("yyyy-MM-dd"),
        });
    }

    /// <summary>Withdraws a loan offer the borrower has not accepted yet.</summary>
    public Result<DeviceEvent> WithdrawLoanOffer(string by, DateTimeOffset at)
    {
        if (!OfferStates.Contains(State))
        {
            return new OperationNotAllowed(DeviceOperation.WithdrawLoanOffer, State, OfferStates);
        }

        if (Loan is null)
        {
            return new NoLoanOffered();
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        var borrower = Loan.BorrowerStaffId;
        Loan = null;
        return Record(DeviceOperation.WithdrawLoanOffer, by, at, State, new() { ["borrower"] = borrower });
    }

    /// <summary>
    /// The borrower accepts the lending terms on the console: ready → lent. Only the borrower may
    /// accept, and only the version the loan was offered with.
    /// </summary>
    public Result<DeviceEvent> AcceptTerms(string staffId, string termsVersion, DateTimeOffset at)
    {
        if (DeviceTransitions.Check(State, DeviceState.Lent) is { } transition)
        {
            return transition;
        }

        if (Loan is null)
        {
            return new NoLoanOffered();
        }

        if (staffId != Loan.BorrowerStaffId)
        {
            return new NotTheBorrower(staffId ?? string.Empty);
        }

        if (termsVersion != Loan.TermsVersion)
        {
            return new TermsVersionMismatch(Loan.TermsVersion, termsVersion ?? string.Empty);
        }

        if (CheckCertificateNotExpired(at) is { } expired)
        {
            return expired;
        }

        var from = State;
        Loan = Loan with { AcceptedAt = at.ToUniversalTime() };
        State = DeviceState.Lent;
        return Record(DeviceOperation.AcceptTerms, staffId, at, from, new()
        {
            ["borrower"] = staffId,
            ["termsVersion"] = termsVersion,
            ["dueDate"] = Loan.DueDate.ToString("yyyy-MM-dd"),
        });
    }

    /// <summary>Lent → returned, with the condition notes; the certificate is revoked (the PC leaves service).</summary>
    public Result<DeviceEvent> Return(string conditionNotes, string by, DateTimeOffset at)
    {
        if (DeviceTransitions.Check(State, DeviceState.Returned) is { } transition)
        {
            return transition;
        }

        if (!DeviceInputRules.IsNotes(conditionNotes))
        {
            return DeviceInputRules.Invalid("conditionNotes", "状態の記録は2000文字以内で入力してください。", "Condition notes must be at most 2000 characters.");
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        return EndLoan(DeviceOperation.Return, DeviceState.Returned, X509RevocationReason.CessationOfOperation, by, at,
            new() { ["conditionNotes"] = conditionNotes });
    }

    /// <summary>Lent → failed; the certificate is revoked (the PC goes to repair, its storage may change hands).</summary>
    public Result<DeviceEvent> ReportFailure(string description, string by, DateTimeOffset at)
    {
        if (DeviceTransitions.Check(State, DeviceState.Failed) is { } transition)
        {
            return transition;
        }

        if (!DeviceInputRules.IsNotes(description) || string.IsNullOrWhiteSpace(description))
        {
            return DeviceInputRules.Invalid("description", "故障の内容を2000文字以内で入力してください。", "Describe the failure in at most 2000 characters.");
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        return EndLoan(DeviceOperation.ReportFailure, DeviceState.Failed, X509RevocationReason.CessationOfOperation, by, at,
            new() { ["description"] = description });
    }

    /// <summary>Failed → re-kitting, with a fresh copy of the tenant's checklist and no ticks.</summary>
    public Result<DeviceEvent> StartRekitting(KittingChecklist checklist, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        if (DeviceTransitions.Check(State, DeviceState.Rekitting) is { } transition)
        {
            return transition;
        }

        if ((checklist.Validate() ?? CheckActor(by)) is { } error)
        {
            return error;
        }

        var from = State;
        ResetChecklist(checklist);
        State = DeviceState.Rekitting;
        return Record(DeviceOperation.StartRekitting, by, at, from, new() { ["items"] = string.Join(",", checklist.Items.Select(i => i.Code)) });
    }

    /// <summary>
    /// Lent or ready → lost: the certificate is revoked at once (key compromise), any loan or
    /// offer ends, and a wipe order is recorded for the device-management tool.
    /// </summary>
    public Result<DeviceEvent> ReportLost(string circumstances, string by, DateTimeOffset at)
    {
        if (DeviceTransitions.Check(State, DeviceState.Lost) is { } transition)
        {
            return transition;
        }

        if (!DeviceInputRules.IsNotes(circumstances))
        {
            return DeviceInputRules.Invalid("circumstances", "状況は2000文字以内で入力してください。", "Circumstances must be at most 2000 characters.");
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        WipeOrder = new WipeOrder(by, at.ToUniversalTime(), circumstances);
        return EndLoan(DeviceOperation.ReportLost, DeviceState.Lost, X509RevocationReason.KeyCompromise, by, at,
            new() { ["circumstances"] = circumstances, ["wipeOrdered"] = "true" });
    }

    /// <summary>Returned or failed → disposing.</summary>
    public Result<DeviceEvent> StartDisposal(string by, DateTimeOffset at)
    {
        if (DeviceTransitions.Check(State, DeviceState.Disposing) is { } transition)
        {
            return transition;
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        var from = State;
        State = DeviceState.Disposing;
        return Record(DeviceOperation.StartDisposal, by, at, from, []);
    }

    /// <summary>Disposing → disposed; refused without an erasure certificate with every field filled.</summary>
    public Result<DeviceEvent> CompleteDisposal(ErasureCertificate? erasure, string by, DateTimeOffset at)
    {
        if (DeviceTransitions.Check(State, DeviceState.Disposed) is { } transition)
        {
            return transition;
        }

        if (CheckErasureCertificate(erasure, at) is { } erasureError)
        {
            return erasureError;
        }

        if (CheckActor(by) is { } actorError)
        {
            return actorError;
        }

        var from = State;
        ErasureCertificate = erasure;
        State = DeviceState.Disposed;
        return Record(DeviceOperation.CompleteDisposal, by, at, from, new()
        {
            ["erasureMethod"] = erasure!.Method,
            ["erasureOperator"] = erasure.Operator,
            ["erasedOn"] = erasure.ErasedOn.ToString("yyyy-MM-dd"),
            ["erasureCertificateNumber"] = erasure.CertificateNumber,
            ["erasureDocument"] = erasure.DocumentReference,
        });
    }

    /// <summary>Null when <see cref="RenewCertificate"/> would accept a fresh certificate now; otherwise its error.</summary>
    public Error? CheckCanRenewCertificate() =>
        InServiceStates.Contains(State) ? null : new OperationNotAllowed(DeviceOperation.RenewCertificate, State, InServiceStates);

    /// <summary>
    /// Replaces the certificate of a ready or lent PC (before it expires, or after a suspected
    /// leak): the old one is revoked as superseded, the new one becomes the identity.
    /// </summary>
    public Result<DeviceEvent> RenewCertificate(DeviceCertificate certificate, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if ((CheckCanRenewCertificate() ?? CheckActor(by) ?? CheckNewCertificate(certificate, at)) is { } error)
        {
            return error;
        }

        var revoked = RevokeCurrent(X509RevocationReason.Superseded, at);
        Certificate = certificate;
        return Record(DeviceOperation.RenewCertificate, by, at, State, CertificateDetails(certificate), issued: certificate, revoked: revoked);
    }

    private Result<DeviceEvent> EndLoan(
        DeviceOperation operation, DeviceState to, X509RevocationReason reason, string by, DateTimeOffset at, Dictionary<string, string> details)
    {
        var from = State;
        if (Loan is { } loan)
        {
            details["borrower"] = loan.BorrowerStaffId;
            details["loanAccepted"] = loan.IsAccepted ? "true" : "false";
        }

        var revoked = RevokeCurrent(reason, at);
        Loan = null;
        State = to;
        return Record(operation, by, at, from, details, revoked: revoked);
    }

    private DeviceCertificate? RevokeCurrent(X509RevocationReason reason, DateTimeOffset at)
    {
        if (Certificate is not { IsRevoked: false } current)
        {
            return null;
        }

        Certificate = current with { RevokedAt = at.ToUniversalTime(), RevocationReason = reason };
        return Certificate;
    }

    private void ResetChecklist(KittingChecklist checklist)
    {
        _checklist.Clear();
        _checklist.AddRange(checklist.Items);
        _ticks.Clear();
    }

    private Error? CheckNewCertificate(DeviceCertificate certificate, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(certificate.SerialNumber) || string.IsNullOrWhiteSpace(certificate.Thumbprint))
        {
            return new DeviceCertificateUnusable(certificate.SerialNumber ?? string.Empty, new("シリアル番号または拇印がありません。", "it has no serial number or thumbprint."));
        }

        if (certificate.IsRevoked)
        {
            return new DeviceCertificateUnusable(certificate.SerialNumber, new("失効済みです。", "it is revoked."));
        }

        // Asset tags contain no character RFC 4514 escapes, so the CN reads as written.
        if (certificate.Subject != $"CN={AssetTag}" && !certificate.Subject.StartsWith($"CN={AssetTag}, ", StringComparison.Ordinal))
        {
            return new DeviceCertificateUnusable(certificate.SerialNumber, new(
                $"資産番号 {AssetTag} の証明書ではありません（{certificate.Subject}）。", $"it was not issued for asset tag {AssetTag} ({certificate.Subject})."));
        }

        if (!certificate.IsWithinValidity(at))
        {
            return new DeviceCertificateUnusable(certificate.SerialNumber, new("有効期間外です。", "it is outside its validity period."));
        }

        if (Certificate is { } current && string.Equals(current.SerialNumber, certificate.SerialNumber, StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceCertificateUnusable(certificate.SerialNumber, new("この端末ですでに使われた証明書です。", "this PC already had it."));
        }

        return null;
    }

    private Error? CheckCertificateNotExpired(DateTimeOffset at) =>
        Certificate is { } current && at > current.NotAfter ? new DeviceCertificateExpired(current.SerialNumber, current.NotAfter) : null;

    private static Error? CheckErasureCertificate(ErasureCertificate? erasure, DateTimeOffset at)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(erasure?.Method))
        {
            missing.Add("消去方式 (method)");
        }

        if (string.IsNullOrWhiteSpace(erasure?.Operator))
        {
            missing.Add("作業者 (operator)");
        }

        if (erasure is null || erasure.ErasedOn == default)
        {
            missing.Add("消去日 (erasedOn)");
        }

        if (string.IsNullOrWhiteSpace(erasure?.CertificateNumber))
        {
            missing.Add("証明書番号 (certificateNumber)");
        }

        if (string.IsNullOrWhiteSpace(erasure?.DocumentReference))
        {
            missing.Add("証明書の原本 (documentReference)");
        }

        if (missing.Count > 0)
        {
            return new ErasureCertificateIncomplete(missing);
        }

        if (erasure!.ErasedOn > JapanTime.DateOf(at))
        {
            return DeviceInputRules.Invalid("erasureCertificate.erasedOn",
                $"消去日 {erasure.ErasedOn:yyyy-MM-dd} が未来の日付です。",
                $"The erasure date {erasure.ErasedOn:yyyy-MM-dd} is in the future.");
        }

        return null;
    }

    private static Error? CheckActor(string by) =>
        DeviceInputRules.IsName(by, 128) ? null : DeviceInputRules.Invalid("by", "操作した人が指定されていません。", "Who did this is not given.");

    private static Dictionary<string, string> CertificateDetails(DeviceCertificate certificate) => new()
    {
        ["certificateSerial"] = certificate.SerialNumber,
        ["certificateNotAfter"] = certificate.NotAfter.ToString("O"),
    };

    private DeviceEvent Record(
        DeviceOperation operation, string by, DateTimeOffset at, DeviceState from, Dictionary<string, string> details,
        DeviceCertificate? issued = null, DeviceCertificate? revoked = null)
    {
        LastChangedAt = at.ToUniversalTime();
        return NewEvent(operation, by, at, from, details, issued, revoked);
    }

    private DeviceEvent NewEvent(
        DeviceOperation operation, string by, DateTimeOffset at, DeviceState from, Dictionary<string, string> details,
        DeviceCertificate? issued = null, DeviceCertificate? revoked = null) => new()
        {
            DeviceId = Id,
            TenantId = TenantId,
            Operation = operation,
            Actor = by,
            At = at.ToUniversalTime(),
            From = from,
            To = State,
            Details = details,
            CertificateIssued = issued,
            CertificateRevoked = revoked,
        };
}
