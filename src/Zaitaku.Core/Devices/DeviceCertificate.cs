using System.Security.Cryptography.X509Certificates;

namespace Zaitaku.Devices;

/// <summary>
/// What the device record keeps of a client certificate: enough to recognise it at the gateway,
/// to show it, and to revoke it. The private key is never kept.
/// </summary>
public sealed record DeviceCertificate
{
    /// <summary>Serial number, canonical upper-case hex of the DER integer (see <see cref="Pki.CertificateSerial"/>).</summary>
    public required string SerialNumber { get; init; }

    /// <summary>SHA-256 of the DER certificate, upper-case hex.</summary>
    public required string Thumbprint { get; init; }

    /// <summary>The subject as RFC 4514 text, most specific first, e.g. <c>CN=HM-PC-0001, SERIALNUMBER=5CG1234XYZ, OU=132136, O=東村山市</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>Start of validity (UTC).</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity (UTC), inclusive as in RFC 5280.</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>When it was revoked, or null while it stands.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why it was revoked (for the CRL entry), or null while it stands.</summary>
    public X509RevocationReason? RevocationReason { get; init; }

    /// <summary>True once revoked.</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>True when <paramref name="at"/> lies within the validity period.</summary>
    public bool IsWithinValidity(DateTimeOffset at) => NotBefore <= at && at <= NotAfter;
}
