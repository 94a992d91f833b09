using System.Security.Cryptography;

namespace Zaitaku.Devices.Pki;

/// <summary>
/// The password that protects a certificate hand-out: 16 characters drawn uniformly by the
/// system CSPRNG from 54 letters and digits that cannot be mistaken for one another when read
/// off a screen and typed on the kitting bench (no 0 O o, 1 l I, 2 beside Z, S beside 5): about 92 bits.
/// </summary>
public static class OneTimePassword
{
    /// <summary>The alphabet: unambiguous upper-case, lower-case and digits.</summary>
    public const string Alphabet = "ABCDEFGHJKLMNPQRTUVWXYZabcdefghijkmnpqrstuvwxyz3456789";

    /// <summary>How many characters a password has.</summary>
    public const int Length = 16;

    /// <summary>A new password.</summary>
    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));
}
