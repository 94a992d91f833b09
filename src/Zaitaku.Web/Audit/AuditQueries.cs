using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Audit;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Audit;

/// <summary>A search of the audit trail; dates are Tokyo dates, inclusive.</summary>
public sealed record AuditSearch(DateOnly? From = null, DateOnly? To = null, string? Actor = null, string? Action = null, string? Target = null, string? Text = null, int Page = 1, int PageSize = 50);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, long Total, int Page, int PageSize);

/// <summary>
/// Reads the audit trail of the caller's chain only: the tenant's, or for a prefecture operator the
/// deployment's. The chain is part of every query.
/// </summary>
public sealed class AuditQueries(ZaitakuDb db)
{
    public const int MaxExportRows = 200_000;

    public async Task<AuditPage> SearchAsync(ClaimsPrincipal user, AuditSearch search, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, search.Page);
        var size = Math.Clamp(search.PageSize, 1, 200);
        var query = Filter(user, search);
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Sequence).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new AuditPage(items, total, page, size);
    }

    public Task<List<string>> ActionsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        Chain(user).Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    public IQueryable<AuditRecord> Filter(ClaimsPrincipal user, AuditSearch search)
    {
        var query = Chain(user);
        if (search.From is { } from) { var start = JapanTime.At(from, TimeOnly.MinValue); query = query.Where(a => a.At >= start); }
        if (search.To is { } to) { var end = JapanTime.At(to.AddDays(1), TimeOnly.MinValue); query = query.Where(a => a.At < end); }
        if (!string.IsNullOrWhiteSpace(search.Actor)) query = query.Where(a => a.ActorName.Contains(search.Actor.Trim()));
        if (!string.IsNullOrWhiteSpace(search.Action)) query = query.Where(a => a.Action == search.Action.Trim());
        if (!string.IsNullOrWhiteSpace(search.Target)) query = query.Where(a => a.TargetId == search.Target.Trim() || a.TargetType == search.Target.Trim());
        if (!string.IsNullOrWhiteSpace(search.Text)) query = query.Where(a => a.Summary.Contains(search.Text.Trim()));
        return query;
    }

    private IQueryable<AuditRecord> Chain(ClaimsPrincipal user)
    {
        var chainId = user.GetTenantId() ?? (user.IsOperator() ? AuditChain.Deployment : (Guid?)null);
        // A caller with neither a tenant nor the operator claim sees nothing.
        return chainId is { } id ? db.AuditRecords.AsNoTracking().Where(a => a.ChainId == id) : db.AuditRecords.Where(_ => false);
    }

    public static string ActionLabel(string action) => action switch
    {
        "auth.signin" => Localization.Tx.T("ログイン", "Signed in"),
        "auth.signin_failed" => Localization.Tx.T("ログイン失敗", "Sign-in failed"),
        "auth.signout" => Localization.Tx.T("ログアウト", "Signed out"),
        "auth.locked_out" => Localization.Tx.T("アカウントロック", "Locked out"),
        "auth.sessions_ended" => Localization.Tx.T("全セッション終了", "All sessions ended"),
        "auth.second_factor_enrolled" => Localization.Tx.T("二要素認証の設定", "Second factor enrolled"),
        "auth.password_changed" => Localization.Tx.T("パスワード変更", "Password changed"),
        "staff.created" => Localization.Tx.T("職員の登録", "Staff created"),
        "staff.updated" => Localization.Tx.T("職員の変更", "Staff changed"),
        "staff.import_committed" => Localization.Tx.T("職員の取込", "Staff import"),
        "staff.exported" => Localization.Tx.T("職員一覧の出力", "Staff export"),
        "orgunit.created" => Localization.Tx.T("組織の作成", "Unit created"),
        "orgunit.updated" => Localization.Tx.T("組織の変更", "Unit changed"),
        "audit.exported" => Localization.Tx.T("監査ログの出力", "Audit export"),
        "audit.purged" => Localization.Tx.T("保存期間を過ぎた記録の削除", "Retention purge"),
        _ => action,
    };
}

internal static class AuditFeature
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services) => services.AddScoped<AuditQueries>();

    public static void MapAuditDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit/export", ExportAsync).RequireAuthorization(Policies.AuditReaders).ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(HttpContext http, AuditQueries queries, ZaitakuDb db, string? format,
        DateOnly? from, DateOnly? to, string? actor, string? action, string? target, string? text, CancellationToken cancellationToken)
    {
        if (TabularWriter.ParseFormat(format) is not { } kind)
            return ErrorResults.Problem(new FieldError("format", new($"形式「{format}」は使えません（csv, csv-sjis, xlsx）。", $"Unknown format \"{format}\" (csv, csv-sjis, xlsx).")));
        var records = await queries.Filter(http.User, new AuditSearch(from, to, actor, action, target, text))
            .OrderBy(a => a.Sequence).Take(AuditQueries.MaxExportRows).ToListAsync(cancellationToken);
        string[] header = ["連番", "日時", "操作者", "操作", "対象種別", "対象ID", "内容", "IPアドレス", "前レコードのハッシュ", "ハッシュ"];
        var rows = records.Select(r => (IReadOnlyList<string?>)
        [
            r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Localization.Tx.DateTimeSeconds(r.At), r.ActorName, r.Action,
            r.TargetType, r.TargetId, r.Summary, r.IpAddress, r.PreviousHash, r.Hash,
        ]);
        var bytes = TabularWriter.Write(kind, header, rows.ToList(), "監査ログ");
        db.Audit("audit.exported", "", "", AuditJson.Of(new { format = kind.ToString(), rows = records.Count, from, to, actor, action, target, text }));
        await db.SaveChangesAsync(cancellationToken);
        var date = JapanTime.Today(db.Time).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(bytes, TabularWriter.ContentType(kind), $"audit-{date}.{TabularWriter.Extension(kind)}");
    }
}
