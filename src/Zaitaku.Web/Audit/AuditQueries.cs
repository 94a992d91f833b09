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

    /// <summary>How people read an action code: 「職員の変更」 for <c>staff.updated</c>; unknown codes as they are.</summary>
    public static string ActionLabel(string action)
    {
        var known = action switch
        {
            "auth.signin" => new LocalizedText("ログイン", "Signed in"),
            "auth.signin_failed" => new("ログイン失敗", "Sign-in failed"),
            "auth.signout" => new("ログアウト", "Signed out"),
            "auth.locked_out" => new("アカウントロック", "Locked out"),
            "auth.sessions_ended" => new("全セッション終了", "All sessions ended"),
            "auth.session_ended" => new("セッション終了", "Session ended"),
            "auth.second_factor_enrolled" => new("二要素認証の設定", "Second factor enrolled"),
            "auth.recovery_code_used" => new("回復コードの使用", "Recovery code used"),
            "auth.password_changed" => new("パスワード変更", "Password changed"),
            "account.password_reset" => new("仮パスワードの発行", "Password reset"),
            "account.second_factor_reset" => new("二要素認証の解除", "Second factor reset"),
            "account.unlocked" => new("ロック解除", "Unlocked"),
            "staff.import_committed" => new("職員の取込", "Staff import"),
            "staff.exported" => new("職員一覧の出力", "Staff export"),
            "audit.exported" => new("監査ログの出力", "Audit export"),
            "decisions.exported" => new("アクセス判定の記録の出力", "Access decision export"),
            "audit.purged" => new("保存期間を過ぎた記録の削除", "Retention purge"),
            "survey.answered" => new("意向調査への回答", "Survey answered"),
            "survey.answer_corrected" => new("意向調査の回答の修正", "Survey answer corrected"),
            "survey.exported" => new("意向調査の集計の出力", "Survey results export"),
            "report.exported" => new("月次報告の出力", "Monthly report export"),
            "task.override" => new("所属長の判断（業務の判定の変更）", "Section head's decision on a task"),
            "task.override_cleared" => new("所属長の判断の取消し", "Section head's decision withdrawn"),
            "task.import_committed" => new("業務棚卸しの取込", "Task inventory import"),
            "task.exported" => new("業務棚卸しの出力", "Task inventory export"),
            "rotationplan.accepted" => new("交代計画の確定", "Rotation plan accepted"),
            "rotationplan.exported" => new("交代計画の出力", "Rotation plan export"),
            _ => (LocalizedText?)null,
        };
        if (known is { } text) return text.Current;
        var dot = action.LastIndexOf('.');
        if (dot < 0) return action;
        var kind = action[..dot] switch
        {
            "staff" => new LocalizedText("職員", "staff"),
            "orgunit" => new("組織", "unit"),
            "role" => new("権限", "role"),
            "account" => new("アカウント", "account"),
            "apitoken" => new("APIトークン", "API token"),
            "tenant" => new("自治体", "municipality"),
            "system" => new("庁内システム", "internal system"),
            "route" => new("ネットワーク経路", "network route"),
            "gatewaysettings" => new("ゲートウェイ設定", "gateway settings"),
            "budgetscenario" => new("予算案", "budget scenario"),
            "budget" => new("年度予算", "fiscal-year budget"),
            "survey" => new("意向調査", "readiness survey"),
            "task" => new("業務", "task"),
            "taskassignment" => new("担当割合", "task share"),
            "sectionstaffing" => new("最低限の出勤者", "minimum staffing"),
            "tasksettings" => new("業務棚卸しの設定", "task settings"),
            "rotationplan" => new("交代計画", "rotation plan"),
            _ => new(action[..dot], action[..dot]),
        };
        var verb = action[(dot + 1)..] switch
        {
            "created" => new LocalizedText("登録", "created"),
            "updated" => new("変更", "changed"),
            "deleted" => new("削除", "deleted"),
            var other => new(other, other),
        };
        return Localization.Tx.IsEnglish ? $"{char.ToUpperInvariant(kind.En[0])}{kind.En[1..]} {verb.En}" : $"{kind.Ja}の{verb.Ja}";
    }

    /// <summary>
    /// The summary as lines people read: <c>Position: 主事 → 主任</c> for a change, <c>Name: …</c> for values;
    /// anything that is not such JSON is shown as it is.
    /// </summary>
    public static IReadOnlyList<string> SummaryLines(string summary)
    {
        if (string.IsNullOrWhiteSpace(summary)) return [];
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(summary);
            if (json.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object) return [summary];
            var lines = new List<string>();
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name is "Id" or "TenantId") continue;
                var value = property.Value;
                lines.Add(value.ValueKind == System.Text.Json.JsonValueKind.Array && value.GetArrayLength() == 2
                    ? $"{property.Name}: {Show(value[0])} → {Show(value[1])}"
                    : $"{property.Name}: {Show(value)}");
            }
            return lines;
        }
        catch (System.Text.Json.JsonException)
        {
            return [summary];
        }
    }

    private static string Show(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Null => "—",
        System.Text.Json.JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : "—",
        _ => value.GetRawText(),
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
