using System.Security.Cryptography;
using System.Text;

namespace Zaitaku.Identity;

/// <summary>
/// One-use recovery codes for a lost authenticator: shown once, stored only as hashes.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;

    // No 0/O, 1/I/L: codes are read from paper.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>New codes, formatted XXXXX-XXXXX.</summary>
    public static IReadOnlyList<string> Generate()
    {
        var codes = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 10);
            codes[i] = $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
        }
        return codes;
    }

    /// <summary>The stored form of a code: SHA-256 of the normalised code, hex.</summary>
    public static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(Normalize(code))));

    /// <summary>Upper case, no spaces or hyphens, so that codes typed loosely still match.</summary>
    public static string Normalize(string code) =>
        new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
