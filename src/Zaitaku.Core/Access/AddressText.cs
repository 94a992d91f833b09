using System.Net;
using System.Net.Sockets;

namespace Zaitaku.Access;

/// <summary>
/// Strict parsing of addresses and CIDR ranges written by people (scenario files, route
/// settings, X-Forwarded-For). <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also takes
/// legacy IPv4 forms (<c>010.20.3.4</c> is octal 8.20.3.4, <c>167904004</c> is one number), which
/// would let one text mean two addresses; here IPv4 is only dotted decimal.
/// </summary>
public static class AddressText
{
    /// <summary>
    /// Parses IPv4 as four decimal octets without leading zeros, or IPv6 in any RFC 4291 text
    /// form (compressed, full, mixed with a dotted IPv4 tail, any hex case); no zone, no brackets.
    /// </summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.IndexOf(':') < 0)
        {
            if (!TryParseIPv4(text, out var value)) return false;
            Span<byte> bytes = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            address = new IPAddress(bytes);
            return true;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.')) return false;
        }

        var lastColon = text.LastIndexOf(':');
        if (text[lastColon..].IndexOf('.') >= 0 && !TryParseIPv4(text[(lastColon + 1)..], out _)) return false;
        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
        address = parsed;
        return true;
    }

    /// <summary>
    /// Parses <c>address/prefix</c> with a strict address, a decimal prefix without leading zeros
    /// and no host bits set. <paramref name="problem"/> says what is wrong in English and Japanese.
    /// </summary>
    public static bool TryParseCidr(ReadOnlySpan<char> text, out IPAddress network, out int prefixLength, out LocalizedText problem)
    {
        network = IPAddress.None;
        prefixLength = 0;
        problem = default;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            problem = new("「アドレス/プレフィックス長」の形式ではありません", "not in address/prefix form");
            return false;
        }

        if (!TryParseAddress(text[..slash], out var address))
        {
            problem = new("アドレスが正しくありません", "not a valid address");
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!TryParseDecimal(text[(slash + 1)..], max, out prefixLength))
        {
            problem = new($"プレフィックス長は 0 から {max} の整数です", $"the prefix length must be a whole number from 0 to {max}");
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        var masked = bytes[..written].ToArray();
        for (var bit = prefixLength; bit < written * 8; bit++) masked[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        var maskedAddress = new IPAddress(masked);
        if (!masked.AsSpan().SequenceEqual(bytes[..written]))
        {
            problem = new($"プレフィックス長より後ろのビットが 0 ではありません（{maskedAddress}/{prefixLength} のことですか）",
                $"host bits are set (did you mean {maskedAddress}/{prefixLength}?)");
            return false;
        }

        network = maskedAddress;
        return true;
    }

    private static bool TryParseIPv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        while (true)
        {
            var dot = text.IndexOf('.');
            var part = dot < 0 ? text : text[..dot];
            if (!TryParseDecimal(part, 255, out var octet)) return false;
            value = (value << 8) | (uint)octet;
            parts++;
            if (dot < 0) break;
            text = text[(dot + 1)..];
        }

        return parts == 4;
    }

    // Digits only, no sign, no leading zero (so "010" is not silently octal anywhere downstream).
    private static bool TryParseDecimal(ReadOnlySpan<char> text, int max, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0')) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }

        return value <= max;
    }
}
