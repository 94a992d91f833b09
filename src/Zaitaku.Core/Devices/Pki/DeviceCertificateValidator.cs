using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Zaitaku.Devices.Pki;

/// <summary>A presented certificate that is a valid device identity of the tenant.</summary>
/// <param name="SerialNumber">Canonical serial: the key to the device record.</param>
/// <param name="AssetTag">The subject's CN.</param>
/// <param name="Thumbprint">SHA-256 of the certificate, upper-case hex.</param>
/// <param name="NotAfter">End of validity (UTC).</param>
public sealed record PresentedDeviceCertificate(string SerialNumber, string AssetTag, string Thumbprint, DateTimeOffset NotAfter);

/// <summary>
/// Decides whether a certificate presented over mutual TLS (to the gateway or the posture
/// endpoint) is a valid device identity of one tenant. Checks, in order: signed by the tenant
/// CA (ECDSA P-256 / SHA-256 signature verified against the CA key, issuer name equal), not
/// revoked, within validity (both ends inclusive, RFC 5280), an end-entity client-authentication
/// certificate. Needs only the CA's public certificate. Safe to share between threads; build a new one when the revoked set changes.
/// A PC presents the same certificate at every check-in, so what cannot change (the CA's signature,
/// the usage, the names) is checked once per certificate, found again by its SHA-256; revocation and
/// validity are checked on every call.
/// </summary>
public sealed class DeviceCertificateValidator : IDisposable
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly byte[] _authorityName;
    private readonly ThreadLocal<ECDsa> _authorityKey;
    private readonly RevokedSerialSet _revoked;
    private readonly ConcurrentDictionary<string, Inspected> _inspected = new(StringComparer.Ordinal);

    /// <summary>At most this many certificates are remembered as checked; past it the memory starts again (only the CA's own certificates get in).</summary>
    internal const int MaxRemembered = 200_000;

    /// <summary>What never changes in a certificate this CA signed; <paramref name="AssetTag"/> is null unless it is a client-authentication end entity naming a PC.</summary>
    private sealed record Inspected(string SerialNumber, string? AssetTag, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

    /// <param name="authorityCertificate">The tenant CA's certificate.</param>
    /// <param name="revoked">The tenant's revoked serials.</param>
    public DeviceCertificateValidator(X509Certificate2 authorityCertificate, RevokedSerialSet revoked)
    {
        ArgumentNullException.ThrowIfNull(authorityCertificate);
        ArgumentNullException.ThrowIfNull(revoked);
        using var key = authorityCertificate.GetECDsaPublicKey()
            ?? throw new ArgumentException("The authority certificate has no EC public key.", nameof(authorityCertificate));
        _authorityName = authorityCertificate.SubjectName.RawData;
        var parameters = key.ExportParameters(includePrivateParameters: false);

        // Building the key object costs more than the verification itself; one per thread, since
        // the documentation does not promise that one instance may verify on many threads at once.
        _authorityKey = new ThreadLocal<ECDsa>(() => ECDsa.Create(parameters), trackAllValues: true);
        _revoked = revoked;
    }

    /// <summary>Convenience for one check.</summary>
    public static Result<PresentedDeviceCertificate> Validate(
        X509Certificate2 presented, X509Certificate2 authorityCertificate, RevokedSerialSet revoked, DateTimeOffset now)
    {
        using var validator = new DeviceCertificateValidator(authorityCertificate, revoked);
        return validator.Validate(presented, now);
    }

    /// <summary>The identity in the certificate, or the reason it is refused.</summary>
    public Result<PresentedDeviceCertificate> Validate(X509Certificate2 presented, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presented);
        // SHA-256 of the whole DER: the same value is the same certificate (and the thumbprint the caller gets).
        var thumbprint = presented.GetCertHashString(HashAlgorithmName.SHA256);
        if (!_inspected.TryGetValue(thumbprint, out var inspected))
        {
            var refused = Inspect(presented, out inspected);
            if (refused is not null) return refused;
            if (_inspected.Count >= MaxRemembered) _inspected.Clear();
            _inspected[thumbprint] = inspected!;
        }

        var serial = inspected!.SerialNumber;
        if (_revoked.Contains(serial))
        {
            return new DeviceCertificateRejected(CertificateRejectionReason.Revoked, serial);
        }

        if (now < inspected.NotBefore)
        {
            return new DeviceCertificateRejected(CertificateRejectionReason.NotYetValid, serial);
        }

        if (now > inspected.NotAfter)
        {
            return new DeviceCertificateRejected(CertificateRejectionReason.Expired, serial);
        }

        if (inspected.AssetTag is null)
        {
            return new DeviceCertificateRejected(CertificateRejectionReason.WrongUsage, serial);
        }

        return new PresentedDeviceCertificate(serial, inspected.AssetTag, thumbprint, inspected.NotAfter);
    }

    /// <summary>The checks that never change for one certificate; null when the CA did not sign it.</summary>
    private DeviceCertificateRejected? Inspect(X509Certificate2 presented, out Inspected? inspected)
    {
        inspected = null;
        var serial = CertificateSerial.Normalize(presented.SerialNumber) ?? presented.SerialNumber;
        if (!IsSignedByAuthority(presented))
        {
            return new DeviceCertificateRejected(CertificateRejectionReason.NotIssuedByThisAuthority, serial);
        }

        var notBefore = new DateTimeOffset(presented.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(presented.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var assetTag = DeviceCertificateAuthority.ReadAttribute(presented.SubjectName, "2.5.4.3");
        inspected = new Inspected(serial, IsClientEndEntity(presented) ? assetTag : null, notBefore, notAfter);
        return null;
    }

    private bool IsSignedByAuthority(X509Certificate2 presented)
    {
        if (!presented.IssuerName.RawData.AsSpan().SequenceEqual(_authorityName))
        {
            return false;
        }

        ReadOnlyMemory<byte> toBeSigned;
        byte[] signature;
        try
        {
            var certificate = new AsnReader(presented.RawDataMemory, AsnEncodingRules.DER).ReadSequence();
            toBeSigned = certificate.ReadEncodedValue();
            var algorithm = certificate.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != EcdsaWithSha256)
            {
                return false;
            }

            signature = certificate.ReadBitString(out var unusedBits);
            if (unusedBits != 0)
            {
                return false;
            }
        }
        catch (AsnContentException)
        {
            // A certificate we cannot parse is not one we issued.
            return false;
        }

        return _authorityKey.Value!.VerifyData(toBeSigned.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _authorityKey.Values)
        {
            key.Dispose();
        }

        _authorityKey.Dispose();
    }

    private static bool IsClientEndEntity(X509Certificate2 presented)
    {
        var isCa = presented.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
        var hasClientAuth = presented.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthentication));
        var keyUsageOk = presented.Extensions.OfType<X509KeyUsageExtension>()
            .All(k => k.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature));
        return !isCa && hasClientAuth && keyUsageOk;
    }
}
