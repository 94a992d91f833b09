using System.Globalization;
using System.Text;
using Zaitaku.Access;
using Zaitaku.Gateway.Policy;
using Zaitaku.Gateway.Proxy;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Gateway.Portal;

/// <summary>What the portal's home page shows about today.</summary>
internal sealed record PortalStatus(
    DateOnly Today,
    bool Approved,
    TimeOnly? OvertimeUntil,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    TimeOnly WorkStart,
    TimeOnly WorkEnd,
    string? Route,
    bool RouteClosed);

/// <summary>A system tile: open now, or the reasons it is not.</summary>
internal sealed record PortalTile(SystemTarget System, AccessDecision Decision);

/// <summary>The portal's pages, server-rendered HTML in the console's look, Japanese first.</summary>
internal static class PortalPages
{
    private static string E(string? text) => GatewayPages.Encode(text);

    public static string SignIn(string tenantName, string assetTag, string antiforgeryField, string antiforgeryToken, string? error, string? notice, string loginId) =>
        GatewayPages.Frame("サインイン", $"""
            <h1>在宅勤務ポータル <span class="muted" lang="en">Telework portal</span></h1>
            <p class="lead">ログインID（職員番号）・パスワード・認証アプリのワンタイムパスワードを入力してください。 <span class="muted" lang="en">Sign in with your staff number, password and the one-time code of your authenticator app.</span></p>
            <p>この端末: <span data-testid="asset-tag">{E(assetTag)}</span>（{E(tenantName)}が貸与）</p>
            {(notice is null ? "" : $"""<div class="alert alert--info" role="status" data-testid="notice"><p>{E(notice)}</p></div>""")}
            {(error is null ? "" : $"""<div class="alert alert--error" role="alert" data-testid="error"><p>{E(error)}</p></div>""")}
            <form method="post" action="/portal/login" class="form">
            <input type="hidden" name="{E(antiforgeryField)}" value="{E(antiforgeryToken)}">
            <div class="field"><label class="field__label" for="login">ログインID（職員番号） <span class="muted" lang="en">Sign-in ID</span></label>
            <input class="input--medium" id="login" name="login" autocomplete="username" required value="{E(loginId)}"></div>
            <div class="field"><label class="field__label" for="password">パスワード <span class="muted" lang="en">Password</span></label>
            <input class="input--medium" id="password" name="password" type="password" autocomplete="current-password" required></div>
            <div class="field"><label class="field__label" for="code">ワンタイムパスワード <span class="muted" lang="en">One-time code</span></label>
            <p class="field__help" id="code-help">認証アプリに表示される6桁の数字。アプリが使えないときは回復コード。</p>
            <input class="input--narrow" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20" aria-describedby="code-help"></div>
            <div class="form-actions"><button class="button" type="submit">サインイン <span lang="en">Sign in</span></button></div>
            </form>
            """, Header(tenantName, null));

    public static string Home(TenantPolicy policy, PortalSession session, PortalDevice device, PortalStatus status, IReadOnlyList<PortalTile> tiles,
        string antiforgeryField, string antiforgeryToken, string? message, string? error)
    {
        var af = $"""<input type="hidden" name="{E(antiforgeryField)}" value="{E(antiforgeryToken)}">""";
        var open = new StringBuilder();
        var closed = new StringBuilder();
        foreach (var tile in tiles)
        {
            if (tile.Decision.Allow)
            {
                open.Append($"""<li class="card" data-testid="tile-{E(tile.System.Slug)}"><h3 class="card__title">{E(tile.System.Name)}</h3>""");
                if (tile.System.Description is { Length: > 0 } d) open.Append($"""<div class="card__body"><p>{E(d)}</p></div>""");
                open.Append($"""<div class="card__footer"><a class="button button--secondary button--small" href="/s/{E(tile.System.Slug)}/" aria-label="{E(tile.System.Name)}を開く">開く <span lang="en">Open</span></a></div></li>""");
            }
            else
            {
                var reasons = string.Join("", tile.Decision.Reasons.Select(r => $"""<li>{E(r.Explanation().Ja)} <code>{E(r.ToCode())}</code></li>"""));
                closed.Append($"""<li data-testid="closed-{E(tile.System.Slug)}"><strong>{E(tile.System.Name)}</strong><ul>{reasons}</ul></li>""");
            }
        }
        var day = JapaneseDate.FormatWithWeekday(status.Today);
        var approval = status.Approved
            ? $"""<span class="chip chip--success">承認済み</span>{(status.OvertimeUntil is { } ot ? $" 時間外勤務 {ot:HH\\:mm} まで承認" : "")}"""
            : """<span class="chip chip--warning">承認なし</span> 今日の在宅勤務は承認されていません。所属長に申請してください。""";
        string workday;
        string action;
        if (status.StartedAt is null)
        {
            workday = """未始業 <span class="muted" lang="en">not started</span>""";
            action = $"""
                <form method="post" action="/portal/workday/start">{af}<button class="button" type="submit" {(status.Approved ? "" : "disabled")}>始業 <span lang="en">Start work</span></button></form>
                """;
        }
        else if (status.EndedAt is null)
        {
            workday = $"""始業 {Time(status.StartedAt.Value)}（勤務中） <span class="muted" lang="en">working since {Time(status.StartedAt.Value)}</span>""";
            action = $"""
                <form method="post" action="/portal/workday/end" class="form">{af}
                <div class="field"><label class="field__label" for="report">業務報告 <span class="muted" lang="en">Work report</span></label>
                <p class="field__help" id="report-help">今日行った業務を簡潔に記入します（2000文字以内）。終業すると、このポータルのセッションも終わります。</p>
                <textarea id="report" name="report" rows="3" maxlength="2000" aria-describedby="report-help"></textarea></div>
                <div class="form-actions"><button class="button" type="submit">終業 <span lang="en">End work</span></button></div></form>
                """;
        }
        else
        {
            workday = $"""始業 {Time(status.StartedAt.Value)}・終業 {Time(status.EndedAt.Value)} <span class="muted" lang="en">day ended</span>""";
            action = "";
        }
        var route = status.Route is null ? "経路不明" : status.RouteClosed ? $"閉域（{status.Route}）" : $"開放経路（{status.Route}）: インターネット接続系の許可されたシステムのみ";
        var none = status.StartedAt is null && status.Approved ? "今開けるシステムはありません。始業すると、許可されたシステムをここから開けます。" : "今開けるシステムはありません。";
        var header = Header(policy.TenantName, $"""
            <span data-testid="staff">{E(session.StaffName)}（職員番号 {E(session.StaffNumber)}）</span>
            <form method="post" action="/portal/logout">{af}<button class="button button--secondary button--small" type="submit">サインアウト</button></form>
            """);
        return GatewayPages.Frame("在宅勤務ポータル", $"""
            <div class="page-header"><h1>在宅勤務ポータル <span class="muted" lang="en">Telework portal</span></h1></div>
            {(message is null ? "" : $"""<div class="alert alert--info" role="status" data-testid="notice"><p>{E(message)}</p></div>""")}
            {(error is null ? "" : $"""<div class="alert alert--error" role="alert" data-testid="error"><p>{E(error)}</p></div>""")}
            <h2 id="today">今日の状況 <span class="muted" lang="en">Today</span></h2>
            <dl class="summary-list" aria-labelledby="today">
            <dt>日付</dt><dd>{E(day)}</dd>
            <dt>在宅勤務</dt><dd data-testid="approval">{approval}</dd>
            <dt>勤務時間</dt><dd>{status.WorkStart:HH\:mm}〜{(status.OvertimeUntil ?? status.WorkEnd):HH\:mm}</dd>
            <dt>始業・終業</dt><dd data-testid="workday">{workday}</dd>
            <dt>端末</dt><dd>{E(device.AssetTag)}</dd>
            <dt>接続経路</dt><dd>{E(route)}</dd>
            </dl>
            {action}
            {(session.SecondFactor ? "" : """<div class="alert alert--warning" role="alert"><p>二要素認証が未登録のため、庁内システムは開けません。庁内で管理画面の「アカウント設定」からワンタイムパスワードを登録してください。</p></div>""")}
            <section class="section" aria-labelledby="systems">
            <h2 id="systems">利用できるシステム <span class="muted" lang="en">Systems you may open now</span></h2>
            {(open.Length == 0 ? $"""<p data-testid="no-tiles">{E(none)}</p>""" : $"""<ul class="cards" data-testid="tiles">{open}</ul>""")}
            {(closed.Length == 0 ? "" : $"""<details><summary>今は開けないシステムと理由（{tiles.Count(t => !t.Decision.Allow)}件）</summary><ul data-testid="closed">{closed}</ul></details>""")}
            </section>
            """, header);
    }

    /// <summary>The header's right side: the municipality, and the signed-in person with the sign-out button.</summary>
    private static string Header(string tenantName, string? user) =>
        $"""<span class="app-header__tenant">{E(tenantName)}</span>{(user is null ? "" : $"""<div class="app-header__user">{user}</div>""")}""";

    private static string Time(DateTimeOffset instant) => JapanTime.ToTokyo(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
}
