using System.Buffers;
using System.Text;

namespace Zaitaku.Access;

/// <summary>Why a path is <c>path_invalid</c>; <see cref="None"/> for a path that normalised.</summary>
public enum PathProblem
{
    /// <summary>The path normalised.</summary>
    None,

    /// <summary>The path does not start with <c>/</c>.</summary>
    NotAbsolute,

    /// <summary>Longer than <see cref="RequestPath.MaxLength"/> characters.</summary>
    TooLong,

    /// <summary>A <c>%</c> not followed by two hex digits.</summary>
    BadPercentEncoding,

    /// <summary><c>%2F</c>: an upstream that decodes it would see another path than the one decided on.</summary>
    EncodedSlash,

    /// <summary><c>\</c> or <c>%5C</c>: some servers (IIS) take it as a separator.</summary>
    Backslash,

    /// <summary><c>%25</c> followed by two hex digits: a second decode downstream would change the path.</summary>
    DoubleEncoding,

    /// <summary>A control character, plain or encoded (NUL <c>%00</c>, CR, LF, DEL, C1 controls).</summary>
    ControlCharacter,

    /// <summary>Encoded bytes that are not valid UTF-8 (overlong <c>%C0%AE</c>, truncated, surrogates), or a lone surrogate.</summary>
    InvalidUtf8,

    /// <summary><c>//</c>: servers disagree whether it is one separator, so the prefix match could be bypassed.</summary>
    EmptySegment,

    /// <summary>A segment <c>..;x</c> or <c>.;x</c>: Java servers strip the parameter and then go up a level.</summary>
    DotSegmentWithParameters,
}

/// <summary>
/// Normalises a raw request path the way the decision reads it (RFC 3986 §6.2.2): percent-encodings
/// of unreserved characters decoded, other encodings in upper-case hex, raw characters that a URI
/// may not carry (non-ASCII, space, ...) percent-encoded as UTF-8, dot segments removed
/// (§5.2.4). The result is pure ASCII. Anything whose meaning could differ between the gateway
/// and an upstream is refused with a <see cref="PathProblem"/> instead of guessed at.
/// </summary>
public static class RequestPath
{
    /// <summary>Longest raw path accepted (Kestrel's default request line limit is 8 KB).</summary>
    public const int MaxLength = 8192;

    // RFC 3986 §3.3 pchar and "/", without "%": text made only of these needs no decoding or encoding.
    private static readonly SearchValues<char> PlainPathCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/");

    /// <summary>
    /// True when the path (without query) is already in normal form: absolute, plain characters
    /// only, no empty segment and no segment starting with a dot. The decision's fast path.
    /// </summary>
    public static bool IsNormal(ReadOnlySpan<char> path) =>
        path.Length is > 0 and <= MaxLength
        && path[0] == '/'
        && !path.ContainsAnyExcept(PlainPathCharacters)
        && path.IndexOf("//") < 0
        && path.IndexOf("/.") < 0;

    /// <summary>A buffer of this many characters always holds the normalised form of a raw path of the given length.</summary>
    // A raw BMP character becomes three UTF-8 bytes of three characters each.
    public static int BufferLength(int rawLength) => Math.Max(1, rawLength * 9);

    /// <summary>The normalised path, or null with the problem; allocates (for logs, tests and the console).</summary>
    public static string? Normalize(string rawPath, out PathProblem problem)
    {
        var raw = rawPath.AsSpan();
        var query = raw.IndexOf('?');
        if (query >= 0) raw = raw[..query];
        if (raw.Length > MaxLength)
        {
            problem = PathProblem.TooLong;
            return null;
        }

        var buffer = new char[BufferLength(raw.Length)];
        problem = Normalize(raw, buffer, out var length);
        return problem == PathProblem.None ? new string(buffer, 0, length) : null;
    }

    /// <summary>
    /// Writes the normalised form of <paramref name="raw"/> into <paramref name="destination"/>
    /// (at least <see cref="BufferLength"/> long); allocation-free.
    /// </summary>
    public static PathProblem Normalize(ReadOnlySpan<char> raw, Span<char> destination, out int length)
    {
        length = 0;
        var query = raw.IndexOf('?');
        if (query >= 0) raw = raw[..query];
        if (raw.Length > MaxLength) return PathProblem.TooLong;
        if (raw.Length == 0)
        {
            // RFC 3986 §6.2.3: an empty http path is "/".
            destination[0] = '/';
            length = 1;
            return PathProblem.None;
        }

        if (raw[0] != '/') return PathProblem.NotAbsolute;

        var problem = Canonicalize(raw, destination, out length);
        if (problem != PathProblem.None) return problem;
        problem = FindDoubleEncoding(destination[..length]);
        if (problem != PathProblem.None) return problem;
        return RemoveDotSegments(destination, ref length);
    }

    /// <summary>
    /// True when <paramref name="prefix"/> (normalised, no trailing slash) covers the normalised
    /// path: equal, or followed by <c>/</c> or <c>;</c> (a path parameter), ignoring ASCII case so that a
    /// case-insensitive upstream cannot be reached around the rule.
    /// </summary>
    public static bool Covers(ReadOnlySpan<char> prefix, ReadOnlySpan<char> path) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == prefix.Length || path[prefix.Length] is '/' or ';');

    private static PathProblem Canonicalize(ReadOnlySpan<char> raw, Span<char> dst, out int w)
    {
        w = 0;
        var i = 0;
        Span<byte> utf8 = stackalloc byte[4];
        while (i < raw.Length)
        {
            // Most of a path is plain characters: copy each run of them at once.
            var special = raw[i..].IndexOfAnyExcept(PlainPathCharacters);
            var plain = special < 0 ? raw.Length - i : special;
            raw.Slice(i, plain).CopyTo(dst[w..]);
            w += plain;
            i += plain;
            if (i == raw.Length) break;

            var c = raw[i];
            if (c == '%')
            {
                if (!TryHexByte(raw, i, out var b)) return PathProblem.BadPercentEncoding;
                if (b < 0x80)
                {
                    i += 3;
                    if (IsUnreserved((char)b))
                    {
                        dst[w++] = (char)b;
                        continue;
                    }

                    if (b == '/') return PathProblem.EncodedSlash;
                    if (b == '\\') return PathProblem.Backslash;
                    if (b < 0x20 || b == 0x7F) return PathProblem.ControlCharacter;
                    WriteEscape(dst, ref w, b);
                    continue;
                }

                var problem = CopyEncodedUtf8(raw, ref i, dst, ref w);
                if (problem != PathProblem.None) return problem;
                continue;
            }

            if (c == '\\') return PathProblem.Backslash;
            if (c < 0x20 || c == 0x7F) return PathProblem.ControlCharacter;
            if (c < 0x80)
            {
                if (IsPathCharacter(c)) dst[w++] = c;
                else WriteEscape(dst, ref w, (byte)c);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(raw[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done) return PathProblem.InvalidUtf8;
            if (rune.Value <= 0x9F) return PathProblem.ControlCharacter;
            var count = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..count]) WriteEscape(dst, ref w, b);
            i += consumed;
        }

        return PathProblem.None;
    }

    // One UTF-8 sequence of percent-encoded bytes, validated strictly (RFC 3629: no overlong
    // forms, no surrogates, nothing above U+10FFFF), copied as upper-case escapes.
    private static PathProblem CopyEncodedUtf8(ReadOnlySpan<char> raw, ref int i, Span<char> dst, ref int w)
    {
        TryHexByte(raw, i, out var lead);
        var (continuation, low, high) = lead switch
        {
            >= 0xC2 and <= 0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xED => (2, 0x80, 0x9F),
            >= 0xE1 and <= 0xEF => (2, 0x80, 0xBF),
            0xF0 => (3, 0x90, 0xBF),
            >= 0xF1 and <= 0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => (0, 0, 0),
        };
        if (continuation == 0) return PathProblem.InvalidUtf8;

        WriteEscape(dst, ref w, lead);
        i += 3;
        for (var k = 0; k < continuation; k++)
        {
            if (i >= raw.Length || raw[i] != '%') return PathProblem.InvalidUtf8;
            if (!TryHexByte(raw, i, out var b)) return PathProblem.BadPercentEncoding;
            if (b < low || b > high) return PathProblem.InvalidUtf8;
            if (k == 0 && lead == 0xC2 && b <= 0x9F) return PathProblem.ControlCharacter;
            WriteEscape(dst, ref w, b);
            i += 3;
            (low, high) = (0x80, 0xBF);
        }

        return PathProblem.None;
    }

    private static PathProblem FindDoubleEncoding(ReadOnlySpan<char> path)
    {
        for (var p = path.IndexOf("%25"); p >= 0; p = NextIndex(path, p + 3, "%25"))
        {
            if (p + 4 < path.Length && char.IsAsciiHexDigit(path[p + 3]) && char.IsAsciiHexDigit(path[p + 4])) return PathProblem.DoubleEncoding;
        }

        return PathProblem.None;
    }

    private static int NextIndex(ReadOnlySpan<char> path, int from, string value)
    {
        var found = path[from..].IndexOf(value);
        return found < 0 ? -1 : from + found;
    }

    // RFC 3986 §5.2.4 in place: the output never outruns the input, so one buffer is enough.
    private static PathProblem RemoveDotSegments(Span<char> path, ref int length)
    {
        // Without "/." or "//" there is no dot or empty segment to deal with.
        if (path[..length].IndexOf("/.") < 0 && path[..length].IndexOf("//") < 0) return PathProblem.None;

        var read = 0;
        var write = 0;
        while (read < length)
        {
            var start = read + 1;
            var next = path[start..length].IndexOf('/');
            var end = next < 0 ? length : start + next;
            var segment = path[start..end];
            var last = end == length;
            if (segment.Length == 0 && !last) return PathProblem.EmptySegment;

            if (segment is ".")
            {
                if (last) path[write++] = '/';
            }
            else if (segment is "..")
            {
                write = Math.Max(0, path[..write].LastIndexOf('/'));
                if (last) path[write++] = '/';
            }
            else if (segment.StartsWith(".;") || segment.StartsWith("..;"))
            {
                return PathProblem.DotSegmentWithParameters;
            }
            else
            {
                path[write++] = '/';
                segment.CopyTo(path[write..]);
                write += segment.Length;
            }

            read = end;
        }

        if (write == 0) path[write++] = '/';
        length = write;
        return PathProblem.None;
    }

    private static bool TryHexByte(ReadOnlySpan<char> raw, int percent, out byte value)
    {
        value = 0;
        if (percent + 2 >= raw.Length) return false;
        var high = HexValue(raw[percent + 1]);
        var low = HexValue(raw[percent + 2]);
        if (high < 0 || low < 0) return false;
        value = (byte)((high << 4) | low);
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private static void WriteEscape(Span<char> dst, ref int w, byte b)
    {
        const string hex = "0123456789ABCDEF";
        dst[w++] = '%';
        dst[w++] = hex[b >> 4];
        dst[w++] = hex[b & 0xF];
    }

    // RFC 3986 §2.3.
    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    // RFC 3986 §3.3 pchar plus "/": what may stand unencoded in a path.
    private static bool IsPathCharacter(char c) =>
        IsUnreserved(c) || c is '/' or ':' or '@' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';
}
