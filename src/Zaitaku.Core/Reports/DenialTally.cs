using Zaitaku.Access;

namespace Zaitaku.Reports;

/// <summary>How often the gateway denied for one reason.</summary>
/// <param name="Code">The stable reason code (<c>route_not_closed</c>), or the raw text of a code this build does not know.</param>
/// <param name="Reason">The reason, when the code is known.</param>
/// <param name="Count">Denied requests that listed this reason (a request denied for two reasons counts under both).</param>
public sealed record DenialReasonCount(string Code, ReasonCode? Reason, long Count)
{
    /// <summary>The plain-language explanation people read, or the code itself.</summary>
    public LocalizedText Explanation => Reason is { } r ? r.Explanation()
        : Code == DenialTally.Other ? new("上位以外の理由の合計", "All other reasons") : new(Code, Code);
}

/// <summary>Counts the gateway's denials by reason from the decision log's comma-separated reason lists.</summary>
public static class DenialTally
{
    /// <summary>The code of the entry that sums the reasons below the top ones.</summary>
    public const string Other = "other";

    /// <summary>
    /// Reason counts from the number of denials per distinct reason list, most frequent first (equal counts in the
    /// order of the checks). <paramref name="denials"/> counts requests; the total of requests is their sum.
    /// </summary>
    public static IReadOnlyList<DenialReasonCount> ByReason(IEnumerable<(string Reasons, long Count)> denials)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reasons, count) in denials)
        {
            var codes = reasons.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (codes.Length == 0) codes = [""];
            foreach (var code in codes.Distinct(StringComparer.Ordinal)) counts[code] = counts.GetValueOrDefault(code) + count;
        }

        return counts
            .Select(c => new DenialReasonCount(c.Key, ReasonCodes.TryParse(c.Key, out var reason) ? reason : null, c.Value))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Reason is { } r ? (int)r : int.MaxValue)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The <paramref name="top"/> most frequent reasons, the rest summed into one 「その他」 entry when there are more.</summary>
    public static IReadOnlyList<DenialReasonCount> Top(IReadOnlyList<DenialReasonCount> byReason, int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (byReason.Count <= top) return byReason;
        return [.. byReason.Take(top), new DenialReasonCount(Other, null, byReason.Skip(top).Sum(c => c.Count))];
    }
}
