namespace Zaitaku.Web.Devices;

/// <summary>How the console issues and hands out device certificates (configuration section <c>Devices</c>).</summary>
public sealed record DeviceOptions
{
    /// <summary>Validity of a new device certificate, in days (default 730, two years; at most 3,652).</summary>
    public int CertificateValidityDays { get; init; } = 730;

    /// <summary>
    /// A file of exactly 32 random bytes that protects the tenant CAs' private keys (AES-256-GCM), kept
    /// outside the database and its backups; when not set, ASP.NET Core Data Protection protects them.
    /// </summary>
    public string? CaKeyFile { get; init; }

    /// <summary>How long a certificate hand-out's single-use download links work (default 15 minutes).</summary>
    public TimeSpan HandoutLifetime { get; init; } = TimeSpan.FromMinutes(15);
}
