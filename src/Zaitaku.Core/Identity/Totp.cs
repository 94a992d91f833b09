using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Zaitaku.Identity;

/// <summary>The HMAC of a one-time password (RFC 6238 allows SHA-1, SHA-256 and SHA-512).</summary>
public enum TotpAlgorithm
{
    Sha1,
    Sha256,
    Sha512,
}

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP). Authenticator apps use SHA-1,
/// six digits and 30-second steps, which are the defaults.
/// </summary>
public static class Totp
{
    public const int DefaultDigits = 6;
    public static readonly TimeSpan DefaultStep = TimeSpan.FromSeconds(30);

    /// <summary>The time step (counter) of an instant: seconds since the Unix epoch divided by the step.</summary>
    public static long TimeStep(DateTimeOffset instant, TimeSpan? step = null) =>
        instant.ToUnixTimeSeconds() / (long)(step ?? DefaultStep).TotalSeconds;

    /// <summary>The code for a counter (RFC 4226 §5.3 dynamic truncation).</summary>
    public static string Code(ReadOnlySpan<byte> key, long counter, int digits = DefaultDigits, TotpAlgorithm algorithm = TotpAlgorithm.Sha1)
    {
        if (digits is < 6 or > 9) throw new ArgumentOutOfRangeException(nameof(digits));
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[64];
        var length = algorithm switch
        {
            TotpAlgorithm.Sha1 => HMACSHA1.HashData(key, message, hash),
            TotpAlgorithm.Sha256 => HMACSHA256.HashData(key, message, hash),
            _ => HMACSHA512.HashData(key, message, hash),
        };
        var offset = hash[length - 1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7fffffff) % Pow10(digits);
        return binary.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The code at an instant.</summary>
    public static string Code(ReadOnlySpan<byte> key, DateTimeOffset instant, int digits = DefaultDigits, TotpAlgorithm algorithm = TotpAlgorithm.Sha1) =>
        Code(key, TimeStep(instant), digits, algorithm);

    /// <summary>
    /// The time step a code matches, allowing one step of clock drift either way, and never a step at
    /// or before <paramref name="lastUsedStep"/> (a code is good once: replay is refused).
    /// </summary>
    public static long? Verify(ReadOnlySpan<byte> key, string code, DateTimeOffset now, long? lastUsedStep = null, int window = 1)
    {
        code = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != DefaultDigits || !code.All(char.IsAsciiDigit)) return null;
        var current = TimeStep(now);
        for (var step = current - window; step <= current + window; step++)
        {
            if (lastUsedStep is { } last && step <= last) continue;
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(key, step)),
                    System.Text.Encoding.ASCII.GetBytes(code)))
                return step;
        }
        return null;
    }

    /// <summary>A new random secret of 160 bits, the size RFC 4226 recommends.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    /// <summary>The otpauth URI authenticator apps read from a QR code.</summary>
    public static string ProvisioningUri(string issuer, string account, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";

    private static int Pow10(int digits)
    {
        var result = 1;
        for (var i = 0; i < digits; i++) result *= 10;
        return result;
    }
}

/// <summary>RFC 4648 base32 without padding, as authenticator apps expect secrets.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var builder = new System.Text.StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                builder.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) builder.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return builder.ToString();
    }

    public static byte[] Decode(string text)
    {
        text = text.Trim().TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException($"Not a base32 character: '{c}'");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
