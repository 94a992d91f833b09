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
            <section class="auth">
            <h1>在宅勤務ポータル <span class="muted" lang="en">Telework portal</span></h1>
            <p>{E(tenantName)}　端末 <span data-testid="asset-tag">{E(assetTag)}</span></p>
            {(notice is null ? "" : $"""<div class="alert alert--info" role="status" data-testid="notice"><p>{E(notice)}</p></div>""")}
            {(error is null ? "" : $"""<div class="alert alert--error" role="alert" data-testid="error"><p>{E(error)}</p></div>""")}
            <form method="post" action="/portal/login" class="form">
            <input type="hidden" name="{E(antiforgeryField)}" value="{E(antiforgeryToken)}">
            <div class="field"><label class="field__label" for="login">ログインID <span class="muted" lang="en">Sign-in ID</span></label>
            <input class="field__input" id="login" name="login" autocomplete="username" required value="{E(loginId)}"></div>
            <div class="field"><label class="field__label" for="password">パスワード <span class="muted" lang="en">Password</span></label>
            <input class="field__input" id="password" name="password" type="password" autocomplete="current-password" required></div>
            <div class="field"><label class="field__label" for="code">ワンタイムパスワード（6桁） <span class="muted" lang="en">One-time code</span></label>
            <input class="field__input" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="20"></div>
            <button class="button button--primary" type="submit">サインイン <span lang="en">Sign in</span></button>
            </form>
            </section>
            """);

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
                open.Append($"""<li class="card" data-testid="tile-{E(tile.System.Slug)}"><a class="card__title" href="/s/{E(tile.System.Slug)}/"><span class="">{E(tile.System.Name)}</span>""");
                if (tile.System.Description is { Length: > 0 } d) open.Append($"""<span class="card__body muted">{E(d)}</span>""");
                open.Append("</a></li>");
            }
            else
            {
                var reasons = string.Join("、", tile.Decision.Reasons.Select(r => r.Explanation().Ja));
                closed.Append($"""<li data-testid="closed-{E(tile.System.Slug)}"><strong>{E(tile.System.Name)}</strong>: {E(reasons)} <code>{E(string.Join(",", tile.Decision.Reasons.ToCodes()))}</code></li>""");
            }
        }
        var day = JapaneseDate.FormatWithWeekday(status.Today);
        var approval = status.Approved
            ? $"""<span class="chip chip--success">承認済み</span>{(status.OvertimeUntil is { } ot ? $" 時間外勤務 {ot:HH\\:mm} まで承認" : "")}"""
            : """<span class="chip chip--warning">承認なし</span> 今日の在宅勤務は承認されていません。所属長に申請してください。""";
        string workday;
        if (status.StartedAt is null)
        {
            workday = $"""
                <p data-testid="workday">未始業 <span class="muted" lang="en">not started</span></p>
                <form method="post" action="/portal/workday/start">{af}<button class="button button--primary" type="submit" {(status.Approved ? "" : "disabled")}>始業 <span lang="en">Start work</span></button></form>
                """;
        }
        else if (status.EndedAt is null)
        {
            workday = $"""
                <p data-testid="workday">始業 {Time(status.StartedAt.Value)}（勤務中） <span class="muted" lang="en">working since {Time(status.StartedAt.Value)}</span></p>
                <form method="post" action="/portal/workday/end" class="form">{af}
                <div class="field"><label class="field__label" for="report">業務報告 <span class="muted" lang="en">Work report</span></label>
                <textarea class="field__input" id="report" name="report" rows="3" maxlength="2000"></textarea></div>
                <button class="button" type="submit">終業 <span lang="en">End work</span></button></form>
                """;
        }
        else
        {
            workday = $"""<p data-testid="workday">始業 {Time(status.StartedAt.Value)}・終業 {Time(status.EndedAt.Value)} <span class="muted" lang="en">day ended</span></p>""";
        }
        var route = status.Route is null ? "経路不明" : status.RouteClosed ? $"閉域（{status.Route}）" : $"開放経路（{status.Route}）: インターネット系の許可されたシステムのみ";
        return GatewayPages.Frame("在宅勤務ポータル", $"""
            <h1>在宅勤務ポータル <span class="muted" lang="en">Telework portal</span></h1>
            <p><span data-testid="staff">{E(session.StaffName)}（職員番号 {E(session.StaffNumber)}）</span>　{E(policy.TenantName)}　端末 {E(device.AssetTag)}　接続経路 {E(route)}</p>
            <form method="post" action="/portal/logout">{af}<button class="button button--secondary button--small" type="submit">サインアウト <span lang="en">Sign out</span></button></form>
            {(message is null ? "" : $"""<div class="alert alert--info" role="status" data-testid="notice"><p>{E(message)}</p></div>""")}
            {(error is null ? "" : $"""<div class="alert alert--error" role="alert" data-testid="error"><p>{E(error)}</p></div>""")}
            <section class="card" aria-labelledby="today">
            <h2 id="today">今日の状況 <span class="muted" lang="en">Today</span> — {E(day)}</h2>
            <p data-testid="approval">在宅勤務: {approval}</p>
            <p>勤務時間 {status.WorkStart:HH\:mm}〜{(status.OvertimeUntil ?? status.WorkEnd):HH\:mm}</p>
            {workday}
            {(session.SecondFactor ? "" : """<div class="alert alert--warning" role="alert"><p>二要素認証が未登録のため、庁内システムは開けません。庁内で管理画面の「アカウント設定」からワンタイムパスワードを登録してください。</p></div>""")}
            </section>
            <section aria-labelledby="systems">
            <h2 id="systems">利用できるシステム <span class="muted" lang="en">Systems you may open now</span></h2>
            {(open.Length == 0 ? """<p data-testid="no-tiles">今開けるシステムはありません。</p>""" : $"""<ul class="cards" data-testid="tiles">{open}</ul>""")}
            {(closed.Length == 0 ? "" : $"""<details><summary>今は開けないシステムと理由</summary><ul data-testid="closed">{closed}</ul></details>""")}
            </section>
            """);
    }

    private static string Time(DateTimeOffset instant) => JapanTime.ToTokyo(instant).ToString("HH:mm", CultureInfo.InvariantCulture);
}
