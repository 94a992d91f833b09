using Microsoft.AspNetCore.DataProtection;
using Zaitaku.Data.Accounts;
using Zaitaku.Identity;

namespace Zaitaku.Data.Accounts;

/// <summary>Keeps TOTP secrets encrypted at rest with ASP.NET Core Data Protection.</summary>
public sealed class TotpSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Zaitaku.Accounts.Totp.v1");

    public string Protect(byte[] secret) => _protector.Protect(Base32.Encode(secret));

    public byte[]? Unprotect(UserAccount account) =>
        account.TotpSecretProtected is { } stored ? Base32.Decode(_protector.Unprotect(stored)) : null;
}
