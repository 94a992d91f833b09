namespace Zaitaku.Devices;

/// <summary>
/// The certificate of data erasure (データ消去証明書) that proves a disposed PC's storage was
/// erased. A PC cannot be marked disposed without one with every field filled.
/// </summary>
public sealed record ErasureCertificate
{
    /// <summary>The erasure method, e.g. <see cref="NistPurge"/>.</summary>
    public required string Method { get; init; }

    /// <summary>Who carried out the erasure (company and person).</summary>
    public required string Operator { get; init; }

    /// <summary>The date of the erasure (Asia/Tokyo); not after the day it is recorded.</summary>
    public required DateOnly ErasedOn { get; init; }

    /// <summary>The number printed on the certificate.</summary>
    public required string CertificateNumber { get; init; }

    /// <summary>Where the vendor's document is kept (a stored file id or the document-management number).</summary>
    public required string DocumentReference { get; init; }

    /// <summary>NIST SP 800-88 Rev. 1 "Purge": the usual level for media that leave the municipality (lease return).</summary>
    public const string NistPurge = "NIST SP 800-88 Purge";

    /// <summary>NIST SP 800-88 Rev. 1 "Destroy": physical destruction.</summary>
    public const string NistDestroy = "NIST SP 800-88 Destroy";
}
