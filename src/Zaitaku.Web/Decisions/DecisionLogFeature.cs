using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Organization;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Decisions;

/// <summary>The console's view of the gateway's decision log: search, one request, export.</summary>
internal static class DecisionLogFeature
{
    /// <summary>情報政策課 and 監査: read and export the decision log of their municipality.</summary>
    public const string Readers = "decision-readers";

    public static IServiceCollection AddDecisionLog(this IServiceCollection services)
    {
        services.AddScoped<DecisionQueries>();
        // The console's own policy (second factor included) with the two roles; set up after Policies.Configure.
        services.Configure<AuthorizationOptions>(options => options.AddPolicy(Readers, AuthorizationPolicy.Combine(
            options.GetPolicy(Policies.Console) ?? throw new InvalidOperationException("The console's authorization policies must be added before the decision log's."),
            new AuthorizationPolicyBuilder().RequireClaim(ZaitakuClaims.Role, nameof(Role.ItAdmin), nameof(Role.Auditor)).Build())));
        return services;
    }

    public static void MapDecisionDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/decisions/export", ExportAsync).RequireAuthorization(Readers).ExcludeFromDescription();

    /// <summary>The header of the export, one column per field of a row of the page and the chain fields.</summary>
    internal static readonly string[] Header =
    [
        "日時", "要求ID", "職員番号", "氏名", "端末", "送信元アドレス", "経路", "システム", "メソッド", "パス", "判定", "理由コード", "理由",
        "ステータス", "バイト数", "所要時間（ミリ秒）", "ゲートウェイ", "連番", "ハッシュ",
    ];

    private static async Task<IResult> ExportAsync(HttpContext http, DecisionQueries queries, ZaitakuDb db, string? format,
        string? from, string? to, string? staff, string? device, string? system, string? outcome, string? reason, string? request, string? address,
        CancellationToken cancellationToken)
    {
        if (TabularWriter.ParseFormat(format) is not { } kind)
            return ErrorResults.Problem(new FieldError("format", new($"形式「{format}」は使えません（csv, csv-sjis, xlsx）。", $"Unknown format \"{format}\" (csv, csv-sjis, xlsx).")));
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (!DecisionSearch.IsValidTime(value))
                return ErrorResults.Problem(new FieldError(name, new($"日時「{value}」を読み取れません（例: 2026-11-26T09:00）。", $"Cannot read the time \"{value}\" (e.g. 2026-11-26T09:00).")));
        }

        var search = new DecisionSearch(from, to, staff, device, system, DecisionSearch.ParseOutcome(outcome), reason, request, address);
        var rows = new List<IReadOnlyList<string?>>();
        await foreach (var row in queries.ExportAsync(search, cancellationToken)) rows.Add(Cells(row));
        var bytes = kind == TabularFormat.Xlsx
            ? TabularWriter.WriteSheets([("判定の記録", Header, rows)])
            : TabularWriter.Write(kind, Header, rows);
        db.Audit("decisions.exported", "", "", AuditJson.Of(new
        {
            format = kind.ToString(), rows = rows.Count, from, to, staff, device, system, outcome = DecisionSearch.OutcomeText(search.Outcome), reason, request, address,
        }));
        await db.SaveChangesAsync(cancellationToken);
        var date = JapanTime.Today(db.Time).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return TypedResults.File(bytes, TabularWriter.ContentType(kind), $"decisions-{date}.{TabularWriter.Extension(kind)}");
    }

    private static IReadOnlyList<string?> Cells(DecisionRow row)
    {
        var d = row.Decision;
        var reasons = row.Reasons;
        return
        [
            Localization.Tx.DateTimeSeconds(d.At), d.RequestId, d.StaffNumber, row.StaffName, d.DeviceSerial, d.SourceAddress, d.Route, d.System,
            d.Method, d.Path, OutcomeLabel(row), string.Join(',', reasons.Select(r => r.Code)), string.Join(" / ", reasons.Select(DecisionReasons.Label)),
            row.Status?.ToString(CultureInfo.InvariantCulture), row.Result?.Bytes?.ToString(CultureInfo.InvariantCulture),
            row.Result?.DurationMs?.ToString("0.###", CultureInfo.InvariantCulture), d.Node, d.Sequence.ToString(CultureInfo.InvariantCulture), d.Hash,
        ];
    }

    /// <summary>許可, 拒否 or 遮断 (allowed, then blocked by a screen control).</summary>
    public static string OutcomeLabel(DecisionRow row) =>
        row.Blocked ? Localization.Tx.T("遮断", "Blocked") : row.Denied ? Localization.Tx.T("拒否", "Denied") : Localization.Tx.T("許可", "Allowed");
}
