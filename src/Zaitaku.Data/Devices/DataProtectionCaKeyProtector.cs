using Microsoft.AspNetCore.DataProtection;
using Zaitaku.Devices.Pki;

namespace Zaitaku.Data.Devices;

/// <summary>
/// Protects a tenant CA's private key with ASP.NET Core Data Protection (the deployment's key ring,
/// kept apart from the rows it protects). <see cref="IDataProtector.Unprotect"/> throws
/// <see cref="System.Security.Cryptography.CryptographicException"/> on a wrong key or tampering, as the contract asks.
/// </summary>
public sealed class DataProtectionCaKeyProtector(IDataProtectionProvider provider) : ICaKeyProtector
{
    /// <summary>The name <see cref="TenantDeviceAuthority.KeyProtection"/> records for this protector.</summary>
    public const string Name = "data-protection";

    private readonly IDataProtector _protector = provider.CreateProtector("Zaitaku.Devices.CaPrivateKey.v1");

    /// <inheritdoc />
    public byte[] Protect(byte[] plaintext) => _protector.Protect(plaintext);

    /// <inheritdoc />
    public byte[] Unprotect(byte[] protectedData) => _protector.Unprotect(protectedData);
}
