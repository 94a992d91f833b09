namespace Zaitaku.Devices.Posture;

/// <summary>Versions and OS builds written as 1 to 4 dot-separated non-negative integers, compared number by number (missing parts are 0).</summary>
public static class DottedVersion
{
    /// <summary>True when <paramref name="text"/> is 1 to 4 dot-separated decimal integers (no signs, no spaces).</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Negative, zero or positive as <paramref name="a"/> is lower than, equal to or higher than <paramref name="b"/>; both must be valid.</summary>
    public static int Compare(string a, string b)
    {
        if (!TryParse(a, out var x) || !TryParse(b, out var y))
        {
            throw new ArgumentException($"\"{a}\" or \"{b}\" is not a dotted version.");
        }

        for (var i = 0; i < 4; i++)
        {
            var left = i < x.Length ? x[i] : 0;
            var right = i < y.Length ? y[i] : 0;
            if (left != right)
            {
                return left.CompareTo(right);
            }
        }

        return 0;
    }

    private static bool TryParse(string? text, out long[] parts)
    {
        parts = [];
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        var pieces = text.Split('.');
        if (pieces.Length > 4)
        {
            return false;
        }

        var result = new long[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            if (piece.Length is 0 or > 9 || !piece.All(char.IsAsciiDigit))
            {
                return false;
            }

            result[i] = long.Parse(piece, System.Globalization.CultureInfo.InvariantCulture);
        }

        parts = result;
        return true;
    }
}
