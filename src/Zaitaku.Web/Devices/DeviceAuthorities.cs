using System.Numerics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Devices;
using Zaitaku.Devices.Pki;

namespace Zaitaku.Web.Devices;

/// <summary>
/// The current tenant's certificate authority: created with the tenant's code and name the first
/// time a certificate is needed, stored with its key protected, loaded with the key only here.
/// </summary>
public sealed class DeviceAuthorities(ZaitakuDb db, IDataProtectionProvider dataProtection, IOptions<DeviceOptions> options)
{
    /// <summary>The name <see cref="TenantDeviceAuthority.KeyProtection"/> records for the key-file protector.</summary>
    public const string KeyFileProtection = "key-file";

    /// <summary>The tenant's CA with its signing key, created on first use.</summary>
    public async Task<Result<DeviceCertificateAuthority>> OpenAsync(CancellationToken cancellationToken = default)
    {
        var (protector, protectorName) = Protector();
        var stored = await db.DeviceAuthorities.SingleOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            if (stored.KeyProtection != protectorName)
            {
                return new CaKeyUnreadable(new(
                    $"鍵は「{stored.KeyProtection}」で保護されていますが、このサーバーの設定は「{protectorName}」です（Devices:CaKeyFile を確認してください）。",
                    $"the key is protected with \"{stored.KeyProtection}\" but this server is configured for \"{protectorName}\" (check Devices:CaKeyFile)."));
            }
            return DeviceCertificateAuthority.Import(new ProtectedCaKey(stored.CertificateDer, stored.PrivateKeyProtected), protector);
        }

        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == db.TenantScope.TenantId, cancellationToken);
        var now = db.Time.GetUtcNow();
        var created = DeviceCertificateAuthority.Create(tenant.Code, tenant.Name, now);
        if (!created.IsOk) return created;
        var authority = created.Value;
        var exported = authority.Export(protector);
        db.DeviceAuthorities.Add(new TenantDeviceAuthority
        {
            Id = Guid.NewGuid(),
            TenantId = tenant.Id,
            CertificateDer = exported.CertificateDer,
            SubjectKey = SubjectKey(authority.Certificate.SubjectName),
            PrivateKeyProtected = exported.ProtectedPrivateKey,
            KeyProtection = protectorName,
            CreatedAt = now,
            NotAfter = authority.NotAfter,
        });
        db.Audit("device_ca.created", nameof(TenantDeviceAuthority), tenant.Id.ToString(), Data.Audit.AuditJson.Of(new
        {
            subject = authority.Certificate.Subject,
            notAfter = authority.NotAfter,
            keyProtection = protectorName,
        }));
        return authority;
    }

    /// <summary>The tenant CA's certificate as PEM, or null before the first certificate was issued.</summary>
    public async Task<string?> CertificatePemAsync(CancellationToken cancellationToken = default)
    {
        var stored = await db.DeviceAuthorities.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return stored is null ? null : PemEncoding.WriteString("CERTIFICATE", stored.CertificateDer);
    }

    /// <summary>
    /// A new CRL (DER) listing every revoked device certificate of the tenant, with the next CRL
    /// number; valid for 7 days. Null before the tenant has a CA.
    /// </summary>
    public async Task<Result<byte[]>?> PublishCrlAsync(CancellationToken cancellationToken = default)
    {
        var stored = await db.DeviceAuthorities.SingleOrDefaultAsync(cancellationToken);
        if (stored is null) return null;
        var opened = await OpenAsync(cancellationToken);
        if (!opened.IsOk) return Result<byte[]>.Fail(opened.Error!);
        using var authority = opened.Value;
        var revoked = await db.DeviceCertificates.AsNoTracking().Where(c => c.RevokedAt != null)
            .Select(c => new { c.SerialNumber, c.RevokedAt, c.RevocationReason }).ToListAsync(cancellationToken);
        var now = db.Time.GetUtcNow();
        stored.LastCrlNumber++;
        var crl = authority.BuildCrl(revoked.Select(r => new RevokedCertificateEntry(r.SerialNumber, r.RevokedAt!.Value, r.RevocationReason)),
            new BigInteger(stored.LastCrlNumber), now, now.AddDays(7));
        if (!crl.IsOk) return crl;
        await db.SaveChangesAsync(cancellationToken);
        return crl;
    }

    /// <summary>How a subject or issuer name is looked up: its DER as upper-case hex.</summary>
    public static string SubjectKey(System.Security.Cryptography.X509Certificates.X500DistinguishedName name) => Convert.ToHexString(name.RawData);

    private (ICaKeyProtector Protector, string Name) Protector()
    {
        if (options.Value.CaKeyFile is { Length: > 0 } path)
        {
            var key = File.ReadAllBytes(path);
            if (key.Length != 32)
                throw new InvalidOperationException($"Devices:CaKeyFile {path} must hold exactly 32 bytes, not {key.Length}.");
            return (new AesGcmCaKeyProtector(key), KeyFileProtection);
        }
        return (new DataProtectionCaKeyProtector(dataProtection), DataProtectionCaKeyProtector.Name);
    }
}
