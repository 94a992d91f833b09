using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Data;
using Zaitaku.Data.Devices;
using Zaitaku.Devices.Pki;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Devices;

/// <summary>What the technician sees once after a certificate is issued: the password and two single-use links.</summary>
/// <param name="Password">The one-time password of both files; shown once, stored nowhere.</param>
/// <param name="Pkcs12Link">The link to the .p12 file.</param>
/// <param name="PemLink">The link to the .pem file (certificate and encrypted private key).</param>
/// <param name="ExpiresAt">When the links stop working (UTC).</param>
/// <param name="CertificatePem">The certificate (public), for the page to show.</param>
/// <param name="SerialNumber">The certificate's serial.</param>
public sealed record HandoutLinks(string Password, string Pkcs12Link, string PemLink, DateTimeOffset ExpiresAt, string CertificatePem, string SerialNumber);

/// <summary>A hand-out file fetched by its single-use link.</summary>
public sealed record HandoutDownload(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The one-time certificate hand-out on a server-rendered console. The page that issues the
/// certificate shows the password in its response only; the files wait, protected with Data
/// Protection, behind two random single-use links that only the issuing user can open, for
/// <see cref="DeviceOptions.HandoutLifetime"/>. The first download deletes the file; so does expiry.
/// Stored in the database (not in memory), so it works behind a load balancer with several consoles.
/// </summary>
public sealed class CertificateHandouts(ZaitakuDb db, IDataProtectionProvider dataProtection, IOptions<DeviceOptions> options)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Zaitaku.Devices.CertificateHandout.v1");

    /// <summary>Keeps the hand-out's files for download; saved with the caller's unit of work.</summary>
    public HandoutLinks Keep(Guid deviceId, string assetTag, DeviceCertificateHandout handout, string serialNumber)
    {
        var now = db.Time.GetUtcNow();
        var expires = now + options.Value.HandoutLifetime;
        var safeName = new string(assetTag.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        var pem = handout.CertificatePem.TrimEnd() + "\n" + handout.EncryptedPrivateKeyPem.TrimEnd() + "\n";
        var p12 = Add(deviceId, $"{safeName}.p12", "application/x-pkcs12", handout.Pkcs12, now, expires);
        var pemLink = Add(deviceId, $"{safeName}.pem", "application/x-pem-file", Encoding.ASCII.GetBytes(pem), now, expires);
        return new HandoutLinks(handout.Password, p12, pemLink, expires, handout.CertificatePem, serialNumber);
    }

    /// <summary>The file behind a link, once: deleted as it is read. Refused for another user, after expiry, or a second time.</summary>
    public async Task<Result<HandoutDownload>> TakeAsync(string token, CancellationToken cancellationToken = default)
    {
        var now = db.Time.GetUtcNow();
        var hash = Hash(token);
        // Expired files of the tenant go whenever anyone takes one.
        await db.CertificateHandouts.Where(h => h.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var file = await db.CertificateHandouts.SingleOrDefaultAsync(h => h.TokenHash == hash, cancellationToken);
        if (file is null || file.CreatedBy != db.TenantScope.ActorUserId)
            return new NotFoundError(new("証明書の受け渡しファイル（リンクは1回限り・発行した本人のみ・有効期限あり）", "The certificate hand-out file (single-use, for the issuer only, time-limited)"));
        var content = _protector.Unprotect(file.ProtectedContent);
        db.CertificateHandouts.Remove(file);
        db.Audit("device.certificate_handout_downloaded", nameof(Zaitaku.Devices.TeleworkDevice), file.DeviceId.ToString(),
            Data.Audit.AuditJson.Of(new { file = file.FileName }));
        await db.SaveChangesAsync(cancellationToken);
        return new HandoutDownload(file.FileName, file.ContentType, content);
    }

    private string Add(Guid deviceId, string fileName, string contentType, byte[] content, DateTimeOffset now, DateTimeOffset expires)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        db.CertificateHandouts.Add(new CertificateHandoutFile
        {
            Id = Guid.NewGuid(),
            DeviceId = deviceId,
            TokenHash = Hash(token),
            FileName = fileName,
            ContentType = contentType,
            ProtectedContent = _protector.Protect(content),
            CreatedBy = db.TenantScope.ActorUserId ?? Guid.Empty,
            CreatedAt = now,
            ExpiresAt = expires,
        });
        return $"/devices/handouts/{token}";
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));
}
