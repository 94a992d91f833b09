using System.Security.Cryptography;

namespace Zaitaku.Devices.Pki;

/// <summary>
/// Certificate serial numbers as text. The canonical form is upper-case hex of the minimal DER
/// integer, as <c>X509Certificate2.SerialNumber</c> prints it (a leading 00 when the top bit is
/// set, so the number stays positive); OpenSSL prints the same number without that 00 and with
/// colons, and both read the same here.
/// </summary>
public static class CertificateSerial
{
    /// <summary>A new random positive serial of exactly 128 bits (16 bytes, top bit set) as DER integer bytes.</summary>
    public static byte[] NewRandom()
    {
        var bytes = new byte[17];
        RandomNumberGenerator.Fill(bytes.AsSpan(1));
        bytes[0] = 0x00; // keeps the integer positive
        bytes[1] |= 0x80; // fixes the length at 128 bits, so every serial has the same size
        return bytes;
    }

    /// <summary>The canonical text of a serial given as hex (any case, colons or spaces allowed); null when not hex.</summary>
    public static string? Normalize(string? hex)
    {
        if (string.IsNullOrWhiteSpace(hex))
        {
            return null;
        }

        var digits = new string(hex.Where(c => c is not (':' or ' ')).ToArray()).ToUpperInvariant();
        if (digits.Length == 0 || !digits.All(char.IsAsciiHexDigitUpper))
        {
            return null;
        }

        if (digits.Length % 2 == 1)
        {
            digits = "0" + digits;
        }

        var start = 0;
        while (start + 2 < digits.Length && digits[start] == '0' && digits[start + 1] == '0' && digits[start + 2] < '8')
        {
            start += 2;
        }

        digits = digits[start..];
        return digits[0] >= '8' ? "00" + digits : digits;
    }

    /// <summary>The DER integer bytes of a canonical serial.</summary>
    public static byte[] ToBytes(string canonical) => Convert.FromHexString(canonical);
}
