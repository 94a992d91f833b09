using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Zaitaku.Devices.Pki;

/// <summary>
/// A tenant's own certificate authority for its telework PCs: an EC P-256 root that issues
/// each PC's client certificate at kitting and signs the tenant's revocation list (CRL).
/// Only the node that issues certificates loads it with its private key; gateways need only
/// <see cref="Certificate"/> and the <see cref="RevokedSerialSet"/>.
/// </summary>
public sealed class DeviceCertificateAuthority : IDisposable
{
    /// <summary>The default validity of a device certificate: two years (730 days).</summary>
    public static readonly TimeSpan DefaultDeviceValidity = TimeSpan.FromDays(730);

    /// <summary>The default validity of the CA: ten years (3,652 days), longer than any lease.</summary>
    public static readonly TimeSpan DefaultAuthorityValidity = TimeSpan.FromDays(3652);

    /// <summary>The longest validity a device certificate may be given.</summary>
    public static readonly TimeSpan MaximumDeviceValidity = TimeSpan.FromDays(3652);

    /// <summary>How far back not-before is set, so a PC whose clock runs a little slow still accepts a fresh certificate.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    private readonly ECDsa _key;
    private readonly X509SignatureGenerator _signer;
    private readonly X509AuthorityKeyIdentifierExtension _authorityKeyIdentifier;
    private readonly Lock _signing = new();

    private DeviceCertificateAuthority(X509Certificate2 certificate, ECDsa key, string tenantCode, string tenantName)
    {
        Certificate = certificate;
        _key = key;
        _signer = X509SignatureGenerator.CreateForECDsa(key);
        _authorityKeyIdentifier = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(certificate, true, false);
        TenantCode = tenantCode;
        TenantName = tenantName;
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }

    /// <summary>The CA certificate, public part only: what gateways trust for client certificates.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The tenant code in the subject's OU (e.g. the 全国地方公共団体コード 132136).</summary>
    public string TenantCode { get; }

    /// <summary>The tenant name in the subject's O (e.g. 東村山市).</summary>
    public string TenantName { get; }

    /// <summary>Start of the CA's validity (UTC).</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>End of the CA's validity (UTC); no device certificate outlives it.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>The CA certificate as PEM, to configure a gateway's trust or an agent's pinning.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Creates a new CA for a tenant with a fresh EC P-256 key.</summary>
    /// <param name="tenantCode">Letters, digits, - _ . (1 to 32), e.g. 132136.</param>
    /// <param name="tenantName">The municipality's name, 1 to 64 characters.</param>
    /// <param name="now">The current time.</param>
    /// <param name="validity">How long the CA is valid; <see cref="DefaultAuthorityValidity"/> when null.</param>
    public static Result<DeviceCertificateAuthority> Create(string tenantCode, string tenantName, DateTimeOffset now, TimeSpan? validity = null)
    {
        if (string.IsNullOrEmpty(tenantCode) || tenantCode.Length > 32
            || !tenantCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return DeviceInputRules.Invalid("tenantCode", "自治体コードは半角英数字と - _ . の1〜32文字で指定してください。", "The tenant code must be 1 to 32 ASCII letters, digits, - _ .");
        }

        if (!DeviceInputRules.IsName(tenantName, 64))
        {
            return DeviceInputRules.Invalid("tenantName", "自治体名は1〜64文字で指定してください。", "The tenant name must be 1 to 64 characters.");
        }

        var lifetime = validity ?? DefaultAuthorityValidity;
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(3652 * 3))
        {
            return DeviceInputRules.Invalid("validity", "認証局の有効期間は30年以内の正の期間で指定してください。", "The CA validity must be positive and at most 30 years.");
        }

        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName(tenantName);
        name.AddOrganizationalUnitName(tenantCode);
        name.AddCommonName($"Zaitaku Device CA {tenantCode}");
        var subject = name.Build();

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signed = request.CreateSelfSigned(now - ClockSkewAllowance, now + lifetime);
        var publicOnly = X509CertificateLoader.LoadCertificate(signed.RawData);
        return new DeviceCertificateAuthority(publicOnly, key, tenantCode, tenantName);
    }

    /// <summary>Loads a stored CA, unprotecting its key; refuses a key that does not match the certificate.</summary>
    public static Result<DeviceCertificateAuthority> Import(ProtectedCaKey stored, ICaKeyProtector protector)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(protector);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(stored.CertificateDer);
        }
        catch (CryptographicException)
        {
            return new CaKeyUnreadable(new("認証局の証明書が壊れています。", "the CA certificate is damaged."));
        }

        byte[] pkcs8;
        try
        {
            pkcs8 = protector.Unprotect(stored.ProtectedPrivateKey);
        }
        catch (CryptographicException)
        {
            certificate.Dispose();
            return new CaKeyUnreadable(new("保護を解除できません（鍵ファイルまたはデータ保護の鍵が違うか、データが改ざんされています）。", "it cannot be unprotected (wrong key file or data-protection key, or tampered data)."));
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            certificate.Dispose();
            return new CaKeyUnreadable(new("秘密鍵の形式が正しくありません。", "the private key is malformed."));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        var result = FromSigningKey(certificate, key);
        if (!result.IsOk)
        {
            key.Dispose();
            certificate.Dispose();
        }

        return result;
    }

    /// <summary>
    /// The CA with a signing key held elsewhere — an HSM reached through an OpenSSL provider or a
    /// Windows key storage provider — so the private key never enters Zaitaku's memory or database.
    /// Takes ownership of both; refuses a key that is not the certificate's.
    /// </summary>
    public static Result<DeviceCertificateAuthority> FromSigningKey(X509Certificate2 certificate, ECDsa signingKey)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(signingKey);
        using var certificateKey = certificate.GetECDsaPublicKey();
        var isCa = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
        if (certificateKey is null || !isCa
            || !certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(signingKey.ExportSubjectPublicKeyInfo()))
        {
            return new CaKeyUnreadable(new("秘密鍵が認証局の証明書と一致しません。", "the private key does not belong to the CA certificate."));
        }

        var publicOnly = certificate;
        if (certificate.HasPrivateKey)
        {
            publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
            certificate.Dispose();
        }

        var tenantCode = ReadAttribute(publicOnly.SubjectName, "2.5.4.11") ?? string.Empty;
        var tenantName = ReadAttribute(publicOnly.SubjectName, "2.5.4.10") ?? string.Empty;
        return new DeviceCertificateAuthority(publicOnly, signingKey, tenantCode, tenantName);
    }

    /// <summary>
    /// The CA for storage: certificate in the clear, private key protected. Only for a key held in
    /// software; a key in an HSM cannot be exported (<see cref="CryptographicException"/>), which is the point.
    /// </summary>
    public ProtectedCaKey Export(ICaKeyProtector protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var pkcs8 = _key.ExportPkcs8PrivateKey();
        try
        {
            return new ProtectedCaKey(Certificate.RawData, protector.Protect(pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>
    /// Issues a PC's client certificate: a fresh EC P-256 key, a random 128-bit serial,
    /// subject <c>CN=&lt;asset tag&gt;, SERIALNUMBER=&lt;hardware serial&gt;, OU=&lt;tenant code&gt;, O=&lt;tenant name&gt;</c>,
    /// client-authentication usage only. The validity never reaches past the CA's.
    /// </summary>
    public Result<IssuedDeviceCertificate> Issue(string assetTag, string? hardwareSerialNumber, DateTimeOffset now, TimeSpan? validity = null)
    {
        if (!DeviceInputRules.IsAssetTag(assetTag))
        {
            return DeviceInputRules.Invalid("assetTag", $"資産番号「{assetTag}」は証明書に使えません。", $"Asset tag \"{assetTag}\" cannot be put in a certificate.");
        }

        if (hardwareSerialNumber is not null && !DeviceInputRules.IsSerialNumber(hardwareSerialNumber))
        {
            return DeviceInputRules.Invalid("serialNumber", $"製造番号「{hardwareSerialNumber}」は証明書に使えません。", $"Serial number \"{hardwareSerialNumber}\" cannot be put in a certificate.");
        }

        var lifetime = validity ?? DefaultDeviceValidity;
        if (lifetime <= TimeSpan.Zero || lifetime > MaximumDeviceValidity)
        {
            return DeviceInputRules.Invalid("validity", "証明書の有効期間は10年以内の正の期間で指定してください。", "The certificate validity must be positive and at most 10 years.");
        }

        if (now < NotBefore || now > NotAfter)
        {
            return new CaNotValid(now, NotBefore, NotAfter);
        }

        var notBefore = Max(now - ClockSkewAllowance, NotBefore);
        var notAfter = Min(now + lifetime, NotAfter);

        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName(TenantName);
        name.AddOrganizationalUnitName(TenantCode);
        if (hardwareSerialNumber is not null)
        {
            name.Add("2.5.4.5", hardwareSerialNumber, System.Formats.Asn1.UniversalTagNumber.PrintableString);
        }

        name.AddCommonName(assetTag);

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthenticationOid)], false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            request.CertificateExtensions.Add(_authorityKeyIdentifier);

            X509Certificate2 publicPart;
            lock (_signing)
            {
                publicPart = request.Create(Certificate.SubjectName, _signer, notBefore, notAfter, CertificateSerial.NewRandom());
            }

            using (publicPart)
            {
                return new IssuedDeviceCertificate(publicPart.CopyWithPrivateKey(key), key);
            }
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The tenant's CRL (DER), signed by the CA, listing every revoked certificate with its time
    /// and reason. <paramref name="crlNumber"/> must grow with each CRL published.
    /// </summary>
    public Result<byte[]> BuildCrl(IEnumerable<RevokedCertificateEntry> revoked, BigInteger crlNumber, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        if (crlNumber.Sign < 0)
        {
            return DeviceInputRules.Invalid("crlNumber", "CRL番号は0以上にしてください。", "The CRL number must not be negative.");
        }

        if (nextUpdate <= thisUpdate)
        {
            return DeviceInputRules.Invalid("nextUpdate", "次回更新日時は発行日時より後にしてください。", "nextUpdate must be after thisUpdate.");
        }

        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked)
        {
            if (CertificateSerial.Normalize(entry.SerialNumber) is not { } serial)
            {
                return DeviceInputRules.Invalid("revoked.serialNumber", $"シリアル番号「{entry.SerialNumber}」は16進数ではありません。", $"Serial \"{entry.SerialNumber}\" is not hex.");
            }

            builder.AddEntry(CertificateSerial.ToBytes(serial), entry.RevokedAt, entry.Reason);
        }

        lock (_signing)
        {
            return builder.Build(Certificate.SubjectName, _signer, crlNumber, nextUpdate, HashAlgorithmName.SHA256, _authorityKeyIdentifier, thisUpdate);
        }
    }

    /// <summary>Checks a presented certificate against this CA; see <see cref="DeviceCertificateValidator"/>.</summary>
    public Result<PresentedDeviceCertificate> Validate(X509Certificate2 presented, RevokedSerialSet revoked, DateTimeOffset now) =>
        DeviceCertificateValidator.Validate(presented, Certificate, revoked, now);

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    internal static string? ReadAttribute(X500DistinguishedName name, string oid) =>
        name.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(r => !r.HasMultipleElements && r.GetSingleElementType().Value == oid)
            ?.GetSingleElementValue();

    /// <summary>
    /// The name as RFC 4514 text, most specific first (<c>CN=…, SERIALNUMBER=…, OU=…, O=…</c>), the same
    /// on every platform (X509Certificate2.Subject prints in encoding order on Linux and reversed on Windows).
    /// </summary>
    internal static string DescribeName(X500DistinguishedName name)
    {
        var parts = name.EnumerateRelativeDistinguishedNames().Reverse().Select(r =>
        {
            var oid = r.GetSingleElementType().Value;
            var label = oid switch
            {
                "2.5.4.3" => "CN",
                "2.5.4.5" => "SERIALNUMBER",
                "2.5.4.11" => "OU",
                "2.5.4.10" => "O",
                _ => oid,
            };
            var value = r.GetSingleElementValue() ?? string.Empty;
            var escaped = string.Concat(value.Select(c => c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '=' ? "\\" + c : c.ToString()));
            return $"{label}={escaped}";
        });
        return string.Join(", ", parts);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>One line of the CRL: which certificate, since when, and why.</summary>
/// <param name="SerialNumber">The serial, hex (any form <see cref="CertificateSerial.Normalize"/> reads).</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">Why, or null for unspecified.</param>
public sealed record RevokedCertificateEntry(string SerialNumber, DateTimeOffset RevokedAt, X509RevocationReason? Reason)
{
    /// <summary>The entry for a revoked device certificate; null when it is not revoked.</summary>
    public static RevokedCertificateEntry? From(DeviceCertificate certificate) =>
        certificate is { RevokedAt: { } at } ? new(certificate.SerialNumber, at, certificate.RevocationReason) : null;
}
