using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Zaitaku.Access;

namespace Zaitaku.Gateway.Proxy;

/// <summary>
/// The gateway's own pages: the denial page (every reason in plain words, its code, and the request id
/// to quote to the help desk), the block page of a screen control, and the frame of the portal.
/// Plain HTML with the console's stylesheet; no script.
/// </summary>
internal static class GatewayPages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => Html.Encode(text ?? "");

    /// <summary>A whole page in the console's shell; <paramref name="header"/> goes on the header's right (municipality, person, sign-out).</summary>
    public static string Frame(string title, string body, string? header = null) => $$"""
        <!DOCTYPE html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{Encode(title)}} - 在宅 Zaitaku</title>
        <link rel="stylesheet" href="/__zaitaku/tokens.css">
        <link rel="stylesheet" href="/__zaitaku/zaitaku.css">
        </head>
        <body>
        <a class="skip-link" href="#main">本文へ移動</a>
        <div class="app app--portal">
        <header class="app-header"><a class="app-header__brand" href="/portal/"><span class="app-header__mark" aria-hidden="true">在</span><span class="app-header__product">在宅 <span class="app-header__product-en">Zaitaku</span></span></a>{{header}}</header>
        <main id="main" class="app-main" tabindex="-1">
        {{body}}
        </main>
        <footer class="app-footer"><span>在宅 Zaitaku ゲートウェイ / gateway</span></footer>
        </div>
        </body>
        </html>
        """;

    /// <summary>The denial page: what was refused, why (every reason), and the request id.</summary>
    public static string Denied(AccessDecision decision, string requestId, string? systemName)
    {
        var reasons = new StringBuilder();
        foreach (var reason in decision.Reasons)
        {
            var text = reason.Explanation();
            reasons.Append($"""<li><span>{Encode(text.Ja)}</span><br><span class="muted" lang="en">{Encode(text.En)}</span> <code>{reason.ToCode()}</code></li>""");
        }
        var what = systemName is null ? "" : $"""<p class="lead">開こうとしたもの: <strong data-testid="system">{Encode(systemName)}</strong></p>""";
        return Frame("アクセスできません", $"""
            <h1>アクセスできません <span class="muted" lang="en">Access denied</span></h1>
            {what}
            <div class="alert alert--error" role="alert">
            <p class="alert__title">次の理由で、この操作は許可されていません。</p>
            <ul class="reasons" data-testid="reasons">{reasons}</ul>
            </div>
            <p>ヘルプデスク（情報政策課）にお問い合わせの際は、次の受付番号をお伝えください。 <span class="muted" lang="en">Quote this request id to the help desk.</span></p>
            <p class="lead"><strong>受付番号</strong> <code data-testid="request-id">{Encode(requestId)}</code></p>
            <p><a href="/portal/">ポータルへ戻る / Back to the portal</a></p>
            """);
    }

    /// <summary>The page shown in place of a response a screen control blocked.</summary>
    public static string Blocked(string code, string requestId) => Frame("操作がブロックされました", $"""
        <h1>この操作はできません <span class="muted" lang="en">Blocked</span></h1>
        <div class="alert alert--warning" role="alert">
        <p class="alert__title">{Encode(BlockText(code).Ja)}</p>
        <p lang="en">{Encode(BlockText(code).En)}</p>
        </div>
        <p>在宅勤務では画面の表示だけができます（画面転送のみ）。必要なときは登庁して操作してください。</p>
        <p>受付番号 / request id: <code data-testid="request-id">{Encode(requestId)}</code> <code>{Encode(code)}</code></p>
        <p><a href="/portal/">ポータルへ戻る / Back to the portal</a></p>
        """);

    public static LocalizedText BlockText(string code) => code switch
    {
        BlockCodes.Download => new("ファイルのダウンロードは禁止されています。", "File downloads are blocked while teleworking."),
        BlockCodes.Upload => new("ファイルのアップロードは禁止されています。", "Uploads are blocked while teleworking."),
        BlockCodes.TooLarge => new("このページは大きすぎるため、透かしを付けて表示できません。", "This page is too large to show with a watermark."),
        _ => new("この操作は禁止されています。", "This is blocked while teleworking."),
    };
}

/// <summary>The codes of blocks by screen controls, logged like reason codes.</summary>
internal static class BlockCodes
{
    public const string Download = "download_blocked";
    public const string Upload = "upload_blocked";
    public const string TooLarge = "page_too_large";
    public const string Malformed = "request_malformed";
    public const string UpstreamFailed = "upstream_failed";
    public const string LogUnavailable = "decision_log_unavailable";
    public const string NotFound = "not_found";
}
