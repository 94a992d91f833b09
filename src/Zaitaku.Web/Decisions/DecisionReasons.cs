using Zaitaku.Access;

namespace Zaitaku.Web.Decisions;

/// <summary>A code the decision log lists, with what it means in words.</summary>
/// <param name="Code">The stable code, e.g. <c>route_not_closed</c>.</param>
/// <param name="Text">What it means; null for a code this console does not know.</param>
public sealed record DecisionReason(string Code, LocalizedText? Text);

/// <summary>
/// How people read the codes of the decision log: the access decision's own explanations (the words
/// the denial page shows), and the gateway's block codes of screen controls.
/// </summary>
public static class DecisionReasons
{
    // The gateway's block codes (Zaitaku.Gateway.Proxy.BlockCodes); the console does not reference the gateway.
    private static readonly (string Code, LocalizedText Text)[] Blocks =
    [
        ("download_blocked", new("ファイルのダウンロードを遮断しました。", "A file download was blocked.")),
        ("upload_blocked", new("ファイルのアップロードを遮断しました。", "An upload was blocked.")),
        ("page_too_large", new("ページが大きすぎるため、透かしを付けられず遮断しました。", "The page was too large to watermark and was blocked.")),
        ("request_malformed", new("不正な形式の要求のため転送しませんでした。", "The request was malformed and was not forwarded.")),
        ("upstream_failed", new("庁内システムから応答がありませんでした。", "The internal system did not answer.")),
        ("decision_log_unavailable", new("判定の記録を書き込めなかったため、要求を拒否しました。", "The decision log could not be written, so the request was refused.")),
    ];

    /// <summary>Every code a search can ask for: the reason codes in their order, then the block codes.</summary>
    public static IReadOnlyList<DecisionReason> All { get; } =
        ReasonCodes.All.Select(r => new DecisionReason(r.ToCode(), r.Explanation()))
            .Concat(Blocks.Select(b => new DecisionReason(b.Code, b.Text))).ToArray();

    /// <summary>The codes of a comma-separated list as logged, each with its meaning.</summary>
    public static IReadOnlyList<DecisionReason> Parse(string? reasons) =>
        string.IsNullOrEmpty(reasons) ? [] : reasons.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Of).ToArray();

    /// <summary>One code with its meaning; an unknown code keeps no text rather than a guess.</summary>
    public static DecisionReason Of(string code)
    {
        if (ReasonCodes.TryParse(code, out var reason)) return new DecisionReason(code, reason.Explanation());
        foreach (var (known, text) in Blocks)
        {
            if (known == code) return new DecisionReason(code, text);
        }
        return new DecisionReason(code, null);
    }

    /// <summary>"meaning (code)" in the current language, for exports; the code alone when unknown.</summary>
    public static string Label(DecisionReason reason) => reason.Text is { } text ? $"{text.Current} ({reason.Code})" : reason.Code;
}
