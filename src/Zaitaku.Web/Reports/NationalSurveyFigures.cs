using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Access;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Systems;
using Zaitaku.Work;
using FiscalYear = Zaitaku.Work.Calendar.FiscalYear;

namespace Zaitaku.Web.Reports;

/// <summary>
/// The figures of a fiscal year that national telework surveys of municipalities ask for
/// (総務省「地方公共団体におけるテレワークの取組状況調査」): see docs/reports.md for the choice of fields.
/// </summary>
/// <param name="FiscalYear">The year (April to March).</param>
/// <param name="AsOf">The day counts of staff and PCs refer to: the year's last day, or today while it runs.</param>
/// <param name="Introduced">テレワークの導入状況: at least one telework day was worked in the year.</param>
/// <param name="Staff">職員数: staff employed on <see cref="AsOf"/>.</param>
/// <param name="EligibleStaff">対象職員数: of them, staff the work rules make eligible for telework.</param>
/// <param name="TeleworkedStaff">実施職員数（実人数）: staff with at least one telework day in the year.</param>
/// <param name="TeleworkDays">延べ実施日数: telework days worked in the year.</param>
/// <param name="FirstTeleworkDay">The year's first telework day, or null.</param>
/// <param name="LeasedPcs">貸与端末（テレワーク専用PC）: PCs registered and not disposed of on <see cref="AsOf"/>.</param>
/// <param name="Systems">利用可能な業務システム: systems on the telework allow-list with their segment.</param>
/// <param name="Routes">接続方式: the routes the gateway knows, closed or open.</param>
public sealed record NationalSurveyReport(
    FiscalYear FiscalYear, DateOnly AsOf, bool Introduced, int Staff, int EligibleStaff, int TeleworkedStaff, int TeleworkDays, DateOnly? FirstTeleworkDay,
    int LeasedPcs, IReadOnlyList<(string Name, Segment Segment)> Systems, IReadOnlyList<(string Name, RouteKind Kind)> Routes)
{
    /// <summary>実施職員1人あたりの平均実施日数 (one decimal), or null when nobody teleworked.</summary>
    public decimal? DaysPerTeleworker => TeleworkedStaff == 0 ? null : Math.Round(TeleworkDays / (decimal)TeleworkedStaff, 1);

    /// <summary>実施率: teleworked staff (in the year) of the staff employed on <see cref="AsOf"/>, percent (one decimal), or null.</summary>
    public decimal? StaffSharePercent => Staff == 0 ? null : Math.Round(TeleworkedStaff * 100m / Staff, 1);

    /// <summary>The figures as label/value rows, the page's table and the CSV alike.</summary>
    public IReadOnlyList<(string Item, string Value, string Source)> Items()
    {
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var closed = Routes.Where(r => r.Kind == RouteKind.Closed).Select(r => r.Name).ToList();
        var open = Routes.Where(r => r.Kind == RouteKind.Open).Select(r => r.Name).ToList();
        return
        [
            ("年度", $"{FiscalYear.StartYear}年度（{FiscalYear.FirstDay:yyyy-MM-dd}～{FiscalYear.LastDay:yyyy-MM-dd}）", ""),
            ("基準日", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "年度末（年度の途中は今日）"),
            ("テレワークの導入状況", Introduced ? "導入済み" : "未導入", "年度内に在宅勤務の記録が1日以上あるか"),
            ("導入しているテレワークの形態", Introduced ? "在宅勤務" : "", "Zaitaku が記録するのは在宅勤務のみ（サテライトオフィス・モバイルワークは対象外）"),
            ("年度内の最初の在宅勤務日", FirstTeleworkDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", "勤務記録"),
            ("職員数", N(Staff), "基準日の在職者（職員名簿）"),
            ("テレワークの対象職員数", N(EligibleStaff), "基準日の在職者のうち勤務規程で対象となる雇用区分の職員"),
            ("テレワークを実施した職員数（実人数）", N(TeleworkedStaff), "年度内に在宅勤務の記録がある職員"),
            ("職員数に占める実施職員の割合(%)", StaffSharePercent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", "年度内の実施職員数 ÷ 基準日の職員数（年度途中の退職者を含むため100%を超えることがあります）"),
            ("延べ実施日数", N(TeleworkDays), "年度内の在宅勤務の記録の数"),
            ("実施職員1人あたりの平均実施日数", DaysPerTeleworker?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", ""),
            ("使用端末", LeasedPcs > 0 ? "テレワーク専用の貸与端末" : "", "端末管理"),
            ("貸与端末の台数", N(LeasedPcs), "基準日に登録され廃棄されていない端末"),
            ("接続方式", Routes.Count == 0 ? "" : "画面転送方式（画面のみ転送、ファイルの持ち出し不可）", "Zaitaku のゲートウェイ"),
            ("通信経路（閉域）", string.Join("、", closed), "登録された経路（閉域VPN・閉域SIM）"),
            ("通信経路（閉域以外）", string.Join("、", open), "登録された経路"),
            ("テレワークで利用できる業務システム数", N(Systems.Count), "在宅勤務の許可リストにあるシステム"),
            ("テレワークで利用できる業務システム", string.Join("、", Systems.Select(s => $"{s.Name}（{RegisteredSystem.SegmentLabel(s.Segment).Ja}）")), ""),
            ("マイナンバー利用事務系への接続", "不可", "三層の対策により常に拒否（設定では変えられません）"),
        ];
    }
}

/// <summary>Reads the national survey's figures of a fiscal year.</summary>
public sealed class NationalSurveyFigures(ZaitakuDb db, WorkSettings settings)
{
    public async Task<NationalSurveyReport> BuildAsync(int fiscalYear, CancellationToken cancellationToken = default)
    {
        var year = new FiscalYear(fiscalYear);
        var today = JapanTime.Today(db.Time);
        var asOf = year.LastDay <= today ? year.LastDay : today < year.FirstDay ? year.FirstDay : today;
        var (first, last) = (year.FirstDay, year.LastDay);

        var home = db.Workdays.AsNoTracking().Where(w => w.Date >= first && w.Date <= last && w.Place == WorkPlace.Home);
        var teleworkDays = await home.CountAsync(cancellationToken);
        var teleworked = await home.Select(w => w.StaffId).Distinct().CountAsync(cancellationToken);
        DateOnly? firstDay = teleworkDays == 0 ? null : await home.MinAsync(w => w.Date, cancellationToken);

        var rules = await settings.RulesAsync(cancellationToken);
        var employed = await db.Staff.AsNoTracking().Where(s => s.ActiveFrom <= asOf && (s.ActiveTo == null || s.ActiveTo >= asOf))
            .GroupBy(s => s.Employment).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var staff = employed.Sum(e => e.Count);
        var eligible = employed.Where(e => rules.IsEligible(e.Key)).Sum(e => e.Count);

        var asOfEnd = JapanTime.At(asOf.AddDays(1), TimeOnly.MinValue);
        var pcs = await db.Devices.AsNoTracking().CountAsync(d => d.State != DeviceState.Disposed && d.RegisteredAt < asOfEnd, cancellationToken);
        var systems = (await db.Systems.AsNoTracking().Where(s => s.Remote && s.Segment != Segment.MyNumber).OrderBy(s => s.SortOrder).ThenBy(s => s.Slug)
            .Select(s => new { s.Name, s.Segment }).ToListAsync(cancellationToken)).Select(s => (s.Name, s.Segment)).ToList();
        var routes = (await db.Routes.AsNoTracking().OrderBy(r => r.Slug).Select(r => new { r.Name, r.Kind }).ToListAsync(cancellationToken))
            .Select(r => (r.Name, r.Kind)).ToList();
        return new NationalSurveyReport(year, asOf, teleworkDays > 0, staff, eligible, teleworked, teleworkDays, firstDay, pcs, systems, routes);
    }
}
