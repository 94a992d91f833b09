using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Zaitaku.Devices;
using Zaitaku.Devices.Leasing;
using Zaitaku.Devices.Posture;
using Zaitaku.Organization;

namespace Zaitaku.Data.Devices;

/// <summary>One <see cref="DeviceEvent"/> on a PC's timeline, kept for as long as the PC's record.</summary>
public sealed class DeviceTimelineEntry : ITenantOwned
{
    /// <summary>Time-ordered id (version 7), so the timeline sorts by id too.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant of the PC.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The PC.</summary>
    public Guid DeviceId { get; set; }

    /// <summary>1 for the PC's first event, then one more for each: the timeline's order, also for events of the same instant.</summary>
    public int Sequence { get; set; }

    /// <summary>What was done.</summary>
    public DeviceOperation Operation { get; set; }

    /// <summary>Who did it, as the audit trail names the actor (sign-in ID and name).</summary>
    public required string Actor { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The state before.</summary>
    public DeviceState From { get; set; }

    /// <summary>The state after.</summary>
    public DeviceState To { get; set; }

    /// <summary>The event's named values as a JSON object.</summary>
    public required string Details { get; set; }

    /// <summary>The serial of the certificate the operation issued, if any.</summary>
    public string? CertificateIssued { get; set; }

    /// <summary>The serial of the certificate the operation revoked, if any.</summary>
    public string? CertificateRevoked { get; set; }

    /// <summary>The row for an event, the PC's <paramref name="sequence"/>-th; <paramref name="actor"/> is the name the audit trail shows.</summary>
    public static DeviceTimelineEntry Of(DeviceEvent e, int sequence, string actor) => new()
    {
        Id = Guid.CreateVersion7(e.At),
        TenantId = e.TenantId,
        DeviceId = e.DeviceId,
        Sequence = sequence,
        Operation = e.Operation,
        Actor = actor,
        At = e.At,
        From = e.From,
        To = e.To,
        Details = JsonSerializer.Serialize(e.Details, Audit.AuditCapture.Json),
        CertificateIssued = e.CertificateIssued?.SerialNumber,
        CertificateRevoked = e.CertificateRevoked?.SerialNumber,
    };

    /// <summary>The details as named values.</summary>
    public IReadOnlyDictionary<string, string> ReadDetails() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Details) ?? [];
}

/// <summary>
/// A tenant's device certificate authority as stored: the certificate in the clear (gateways read
/// it) and the private key protected (only the issuing console unprotects it).
/// </summary>
public sealed class TenantDeviceAuthority : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The CA certificate, DER.</summary>
    public required byte[] CertificateDer { get; set; }

    /// <summary>The CA certificate's subject name, DER as upper-case hex: what a presented certificate's issuer is looked up by.</summary>
    public required string SubjectKey { get; set; }

    /// <summary>The PKCS#8 private key after the protector named in <see cref="KeyProtection"/>.</summary>
    public required byte[] PrivateKeyProtected { get; set; }

    /// <summary>How the key is protected: <c>data-protection</c> (ASP.NET Core Data Protection) or <c>key-file</c> (AES-256-GCM with a configured key file).</summary>
    public required string KeyProtection { get; set; }

    /// <summary>When the CA was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>End of the CA's validity (UTC).</summary>
    public DateTimeOffset NotAfter { get; set; }

    /// <summary>The number of the last CRL published; each new CRL takes the next.</summary>
    public long LastCrlNumber { get; set; }
}

/// <summary>
/// A certificate the tenant's CA issued to a PC, kept for good: the gateway finds the PC by the
/// serial it presents, and the revoked ones are the lines of the CRL and the gateway's revoked set.
/// </summary>
public sealed class IssuedCertificate : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The PC the certificate identifies.</summary>
    public Guid DeviceId { get; set; }

    /// <summary>Canonical serial (upper-case hex of the DER integer), unique in the tenant.</summary>
    public required string SerialNumber { get; set; }

    /// <summary>SHA-256 of the certificate, upper-case hex.</summary>
    public required string Thumbprint { get; set; }

    /// <summary>The subject as RFC 4514 text.</summary>
    public required string Subject { get; set; }

    /// <summary>Start of validity (UTC).</summary>
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>End of validity (UTC).</summary>
    public DateTimeOffset NotAfter { get; set; }

    /// <summary>When it was issued (UTC).</summary>
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Who asked for it.</summary>
    public required string IssuedBy { get; set; }

    /// <summary>When it was revoked (UTC), or null while it stands.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Why it was revoked (the CRL reason).</summary>
    public X509RevocationReason? RevocationReason { get; set; }

    /// <summary>The ledger row of a certificate just issued to a PC.</summary>
    public static IssuedCertificate From(Guid tenantId, Guid deviceId, DeviceCertificate certificate, string issuedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        TenantId = tenantId,
        DeviceId = deviceId,
        SerialNumber = certificate.SerialNumber,
        Thumbprint = certificate.Thumbprint,
        Subject = certificate.Subject,
        NotBefore = certificate.NotBefore,
        NotAfter = certificate.NotAfter,
        IssuedAt = at,
        IssuedBy = issuedBy,
    };
}

/// <summary>One item of a tenant's kitting checklist (キッティング項目), in the order technicians work.</summary>
public sealed class KittingChecklistEntry : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>Stable code, e.g. <c>disk_encryption</c>.</summary>
    public required string Code { get; set; }

    /// <summary>What the technician reads, in Japanese.</summary>
    public required string LabelJa { get; set; }

    /// <summary>The same in English.</summary>
    public required string LabelEn { get; set; }

    /// <summary>Position in the list.</summary>
    public int SortOrder { get; set; }

    /// <summary>The item as the domain knows it.</summary>
    public KittingChecklistItem ToItem() => new(Code, new LocalizedText(LabelJa, LabelEn));
}

/// <summary>A published version of a tenant's lending terms (誓約書). The newest is offered with each loan.</summary>
public sealed class LendingTerms : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>1 for the tenant's first published terms, then one more for each: the newest is the current terms.</summary>
    public int Number { get; set; }

    /// <summary>The version label, unique in the tenant, e.g. <c>2026-04</c> or <c>第2版</c>.</summary>
    public required string Version { get; set; }

    /// <summary>The title shown above the text.</summary>
    public required string Title { get; set; }

    /// <summary>The full text the borrower reads and accepts.</summary>
    public required string Body { get; set; }

    /// <summary>When it was published (UTC).</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>Who published it.</summary>
    public required string PublishedBy { get; set; }
}

/// <summary>A tenant's posture compliance rules (one row per tenant; the defaults of issue 3 when absent).</summary>
public sealed class ComplianceSettings : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>See <see cref="ComplianceRules.AntivirusDefinitionsMaxAgeDays"/>.</summary>
    public int AntivirusDefinitionsMaxAgeDays { get; set; } = ComplianceRules.Default.AntivirusDefinitionsMaxAgeDays;

    /// <summary>See <see cref="ComplianceRules.DiskEncryptionRequired"/>.</summary>
    public bool DiskEncryptionRequired { get; set; } = true;

    /// <summary>See <see cref="ComplianceRules.LocalUserDataForbidden"/>.</summary>
    public bool LocalUserDataForbidden { get; set; } = true;

    /// <summary>See <see cref="ComplianceRules.ScreenCaptureBlockingRequired"/>.</summary>
    public bool ScreenCaptureBlockingRequired { get; set; } = true;

    /// <summary>See <see cref="ComplianceRules.MinimumAgentVersion"/>.</summary>
    public string? MinimumAgentVersion { get; set; }

    /// <summary>See <see cref="ComplianceRules.MinimumOsBuild"/>.</summary>
    public string? MinimumOsBuild { get; set; }

    /// <summary>When the rules were last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The rules as the domain evaluates them.</summary>
    public ComplianceRules ToRules() => new()
    {
        AntivirusDefinitionsMaxAgeDays = AntivirusDefinitionsMaxAgeDays,
        DiskEncryptionRequired = DiskEncryptionRequired,
        LocalUserDataForbidden = LocalUserDataForbidden,
        ScreenCaptureBlockingRequired = ScreenCaptureBlockingRequired,
        MinimumAgentVersion = MinimumAgentVersion,
        MinimumOsBuild = MinimumOsBuild,
    };
}

/// <summary>A posture report a PC sent over mutual TLS, with the verdict of the tenant's rules at the time it arrived.</summary>
public sealed class PostureCheckIn : ITenantOwned
{
    /// <summary>Time-ordered id (version 7).</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The PC, found by the certificate of the connection.</summary>
    public Guid DeviceId { get; set; }

    /// <summary>The serial of the certificate the PC presented.</summary>
    public required string CertificateSerial { get; set; }

    /// <summary>When the gateway received it (UTC): the time compliance is judged at.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>See <see cref="PostureReport.OsBuild"/>.</summary>
    public required string OsBuild { get; set; }

    /// <summary>See <see cref="PostureReport.AntivirusDefinitionsDate"/>.</summary>
    public DateOnly AntivirusDefinitionsDate { get; set; }

    /// <summary>See <see cref="PostureReport.DiskEncrypted"/>.</summary>
    public bool DiskEncrypted { get; set; }

    /// <summary>See <see cref="PostureReport.UserDataStoredLocally"/>.</summary>
    public bool UserDataStoredLocally { get; set; }

    /// <summary>See <see cref="PostureReport.ScreenCaptureBlocked"/>.</summary>
    public bool ScreenCaptureBlocked { get; set; }

    /// <summary>See <see cref="PostureReport.AgentVersion"/>.</summary>
    public required string AgentVersion { get; set; }

    /// <summary>See <see cref="PostureReport.ReportedAt"/> (the PC's clock).</summary>
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>True when no rule failed.</summary>
    public bool Compliant { get; set; }

    /// <summary>The failed rules' codes, comma-separated, empty when compliant.</summary>
    public required string FailureCodes { get; set; }

    /// <summary>The failed rules' messages as a JSON array of {code, ja, en}, as they read when the report arrived.</summary>
    public required string Failures { get; set; }

    /// <summary>The stored row of a report and its verdict.</summary>
    public static PostureCheckIn From(Guid tenantId, Guid deviceId, string serial, PostureReport report, ComplianceResult verdict, DateTimeOffset receivedAt) => new()
    {
        Id = Guid.CreateVersion7(receivedAt),
        TenantId = tenantId,
        DeviceId = deviceId,
        CertificateSerial = serial,
        ReceivedAt = receivedAt,
        OsBuild = report.OsBuild,
        AntivirusDefinitionsDate = report.AntivirusDefinitionsDate,
        DiskEncrypted = report.DiskEncrypted,
        UserDataStoredLocally = report.UserDataStoredLocally,
        ScreenCaptureBlocked = report.ScreenCaptureBlocked,
        AgentVersion = report.AgentVersion,
        ReportedAt = report.ReportedAt,
        Compliant = verdict.IsCompliant,
        FailureCodes = string.Join(',', verdict.Codes),
        Failures = JsonSerializer.Serialize(verdict.Failures.Select(f => new StoredFailure(f.Code, f.Message.Ja, f.Message.En)), Audit.AuditCapture.Json),
    };

    /// <summary>The failed rules as they were stored.</summary>
    public IReadOnlyList<ComplianceFailure> ReadFailures() =>
        (JsonSerializer.Deserialize<List<StoredFailure>>(Failures) ?? []).Select(f => new ComplianceFailure(f.Code, new LocalizedText(f.Ja, f.En))).ToList();

    private sealed record StoredFailure(string Code, string Ja, string En);
}

/// <summary>A lease contract for telework PCs (端末のリース契約) of a tenant.</summary>
public sealed class LeaseContractEntry : ITenantOwned
{
    /// <summary>The contract's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The contract number (契約番号), unique in the tenant: what imports and forms refer to.</summary>
    public required string ContractNumber { get; set; }

    /// <summary>The lessor (リース会社).</summary>
    public required string Lessor { get; set; }

    /// <summary>Monthly fee per PC in service, yen.</summary>
    public long MonthlyFeePerPcYen { get; set; }

    /// <summary>One-time kitting fee per PC, yen.</summary>
    public long KittingFeePerPcYen { get; set; }

    /// <summary>First day of the contract.</summary>
    public DateOnly Start { get; set; }

    /// <summary>Last day of the contract (inclusive).</summary>
    public DateOnly End { get; set; }

    /// <summary>When it was registered (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The contract as the fleet-cost calculation reads it.</summary>
    public LeaseContract ToContract() => new()
    {
        Id = Id,
        Lessor = Lessor,
        MonthlyFeePerPcYen = MonthlyFeePerPcYen,
        KittingFeePerPcYen = KittingFeePerPcYen,
        Start = Start,
        End = End,
    };
}

/// <summary>A PC model (機種) the tenant uses; a PC can be registered only with a known model.</summary>
public sealed class DeviceModel : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The model name as registered on PCs, unique in the tenant, e.g. <c>Latitude 5440</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The manufacturer, e.g. <c>Dell</c>.</summary>
    public required string Manufacturer { get; set; }
}

/// <summary>A file kept with a PC's record: the vendor's erasure certificate (データ消去証明書) at disposal.</summary>
public sealed class DeviceDocument : ITenantOwned
{
    /// <summary>The row's id; the erasure certificate's document reference names it.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The PC.</summary>
    public Guid DeviceId { get; set; }

    /// <summary>What it is, e.g. <c>erasure-certificate</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The uploaded file's name.</summary>
    public required string FileName { get; set; }

    /// <summary>The uploaded file's media type.</summary>
    public required string ContentType { get; set; }

    /// <summary>The file.</summary>
    public required byte[] Content { get; set; }

    /// <summary>Hex SHA-256 of the file, recorded in the audit trail.</summary>
    public required string ContentHash { get; set; }

    /// <summary>When it was uploaded (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>Who uploaded it.</summary>
    public required string UploadedBy { get; set; }
}

/// <summary>
/// One file of a certificate hand-out (PKCS#12, or the PEM pair), kept protected for a few minutes
/// behind a single-use link for the technician who issued it, then deleted on first download or expiry.
/// </summary>
public sealed class CertificateHandoutFile : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The PC.</summary>
    public Guid DeviceId { get; set; }

    /// <summary>Hex SHA-256 of the link's random token; the token itself is only in the link.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The file name offered to the browser.</summary>
    public required string FileName { get; set; }

    /// <summary>The file's media type.</summary>
    public required string ContentType { get; set; }

    /// <summary>The file, protected with ASP.NET Core Data Protection.</summary>
    public required byte[] ProtectedContent { get; set; }

    /// <summary>The user who issued it; only they may download it.</summary>
    public Guid CreatedBy { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the link no longer works (UTC).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>What a notice to the IT department is about.</summary>
public enum DeviceNoticeKind
{
    /// <summary>A PC was reported lost or stolen.</summary>
    Lost,

    /// <summary>A PC was reported failed.</summary>
    Failed,
}

/// <summary>A notice to the IT department (情報政策課) shown on the device pages until someone acknowledges it.</summary>
public sealed class DeviceNotice : ITenantOwned
{
    /// <summary>The row's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The PC.</summary>
    public Guid DeviceId { get; set; }

    /// <summary>What happened.</summary>
    public DeviceNoticeKind Kind { get; set; }

    /// <summary>Who reported it.</summary>
    public required string ReportedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>What the reporter wrote.</summary>
    public required string Text { get; set; }

    /// <summary>When someone in IT acknowledged it (UTC), or null while it is open.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>Who acknowledged it.</summary>
    public string? AcknowledgedBy { get; set; }
}
