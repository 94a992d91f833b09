using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Zaitaku.Devices.Pki;

/// <summary>
/// A freshly issued device certificate with its private key, held only in memory until it is
/// handed to the kitting technician once (<see cref="CreateHandout"/>). Zaitaku keeps only
/// <see cref="Record"/>; the key is gone when this is disposed.
/// </summary>
public sealed class IssuedDeviceCertificate : IDisposable
{
    private readonly ECDsa _key;

    internal IssuedDeviceCertificate(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
        Record = new DeviceCertificate
        {
            SerialNumber = CertificateSerial.Normalize(certificate.SerialNumber)!,
            Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256),
            Subject = DeviceCertificateAuthority.DescribeName(certificate.SubjectName),
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        };
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>What the device record keeps.</summary>
    public DeviceCertificate Record { get; }

    /// <summary>
    /// The one-time hand-out: PKCS#12 (AES-256, SHA-256) and PEM (certificate, and the private key
    /// as encrypted PKCS#8), both protected by one new <see cref="OneTimePassword"/> shown once.
    /// </summary>
    public DeviceCertificateHandout CreateHandout()
    {
        var password = OneTimePassword.New();
        return new DeviceCertificateHandout(
            ExportPkcs12(password),
            password,
            Certificate.ExportCertificatePem(),
            ExportEncryptedPrivateKeyPem(password));
    }

    /// <summary>
    /// PBKDF2 iterations of the hand-out files. Iterations slow down the guessing of a password a
    /// person chose; the hand-out's password is 16 characters drawn at random (about 92 bits), which
    /// no number of guesses reaches, so 100 keeps the files standard PBES2 while the hand-out costs
    /// about as much as the issuance itself (2,000, the .NET default, cost four times the issuance).
    /// </summary>
    public const int HandoutPbkdf2Iterations = 100;

    private static readonly PbeParameters HandoutEncryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, HandoutPbkdf2Iterations);

    /// <summary>PKCS#12 with the certificate and key, PBES2 AES-256-CBC with SHA-256 (<see cref="HandoutPbkdf2Iterations"/> iterations; the password is random).</summary>
    public byte[] ExportPkcs12(string password) => Certificate.ExportPkcs12(HandoutEncryption, password);

    /// <summary>The private key as an encrypted PKCS#8 PEM (<c>ENCRYPTED PRIVATE KEY</c>), readable by OpenSSL-based agents.</summary>
    public string ExportEncryptedPrivateKeyPem(string password) => _key.ExportEncryptedPkcs8PrivateKeyPem(password, HandoutEncryption);

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}

/// <summary>
/// What the kitting technician receives once: the files to install and the password to type.
/// Nothing of it is stored by Zaitaku.
/// </summary>
/// <param name="Pkcs12">The .p12 file (certificate and private key).</param>
/// <param name="Password">The one-time password of both files, shown once.</param>
/// <param name="CertificatePem">The certificate, PEM.</param>
/// <param name="EncryptedPrivateKeyPem">The private key, encrypted PKCS#8 PEM.</param>
public sealed record DeviceCertificateHandout(byte[] Pkcs12, string Password, string CertificatePem, string EncryptedPrivateKeyPem);
