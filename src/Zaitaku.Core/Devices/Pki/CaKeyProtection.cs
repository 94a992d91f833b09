using System.Security.Cryptography;

namespace Zaitaku.Devices.Pki;

/// <summary>
/// Protects the CA's private key at rest. ASP.NET Core Data Protection's <c>IDataProtector</c>
/// has the same two methods, so the host adapts it in one line; <see cref="AesGcmCaKeyProtector"/>
/// is the configured-key-file option. <see cref="Unprotect"/> throws
/// <see cref="CryptographicException"/> when the data was not protected by this protector.
/// </summary>
public interface ICaKeyProtector
{
    /// <summary>Encrypts and authenticates.</summary>
    byte[] Protect(byte[] plaintext);

    /// <summary>Checks and decrypts; throws <see cref="CryptographicException"/> on any mismatch.</summary>
    byte[] Unprotect(byte[] protectedData);
}

/// <summary>
/// AES-256-GCM with a 32-byte key the deployment keeps in a file outside the database (so a
/// stolen database alone does not give the CA key). Layout: version 1 | nonce 12 | tag 16 | ciphertext.
/// </summary>
public sealed class AesGcmCaKeyProtector : ICaKeyProtector
{
    private const byte FormatVersion = 1;
    private static readonly byte[] Purpose = "zaitaku/device-ca-key/v1"u8.ToArray();
    private readonly byte[] _key;

    /// <param name="key">Exactly 32 random bytes (see <see cref="NewKey"/>).</param>
    public AesGcmCaKeyProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException($"The CA key-file key must be 32 bytes, not {key.Length}.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>A new random 32-byte key for a key file.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    /// <inheritdoc />
    public byte[] Protect(byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var output = new byte[1 + AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + plaintext.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, 12);
        var tag = output.AsSpan(13, 16);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plaintext, output.AsSpan(29), tag, Purpose);
        return output;
    }

    /// <inheritdoc />
    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (protectedData.Length < 29 || protectedData[0] != FormatVersion)
        {
            throw new CryptographicException("The protected CA key is not in the expected format.");
        }

        var plaintext = new byte[protectedData.Length - 29];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(protectedData.AsSpan(1, 12), protectedData.AsSpan(29), protectedData.AsSpan(13, 16), plaintext, Purpose);
        return plaintext;
    }
}

/// <summary>
/// A CA as stored: its certificate (public, readable by every gateway) and its private key
/// protected by an <see cref="ICaKeyProtector"/> (readable only where certificates are issued).
/// </summary>
/// <param name="CertificateDer">The CA certificate, DER.</param>
/// <param name="ProtectedPrivateKey">The PKCS#8 private key after <see cref="ICaKeyProtector.Protect"/>.</param>
public sealed record ProtectedCaKey(byte[] CertificateDer, byte[] ProtectedPrivateKey);
