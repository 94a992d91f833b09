using System.Globalization;
using Zaitaku.Data;
using Zaitaku.Readiness;
using Zaitaku.Web.Problems;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tabular;

namespace Zaitaku.Web.Readiness;

/// <summary>The survey's results by section as a file (counts only; no individual answers leave Zaitaku).</summary>
internal static class ReadinessDownloads
{
    public static void MapReadinessDownloads(this IEndpointRouteBuilder app) =>
        app.MapGet("/surveys/{surveyId:guid}/export", ExportAsync)
            .RequireAuthorization(Policies.ReportReaders)
            .ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(Guid surveyId, string? format, ReadinessService readiness, ZaitakuDb db, CancellationToken cancellationToken)
    {
        if (TabularWriter.ParseFormat(format) is not { } kind)
            return ErrorResults.Problem(new FieldError("format", new($"形式「{format}」は使えません（csv, csv-sjis, xlsx）。", $"Unknown format \"{format}\" (csv, csv-sjis, xlsx).")));
        var results = await readiness.ResultsAsync(surveyId, cancellationToken);
        if (results is null) return ErrorResults.Problem(new NotFoundError(new("意向調査", "The survey")));
        var (header, rows) = Table(results);
        db.Audit("survey.exported", "ReadinessSurvey", surveyId.ToString(), Data.Audit.AuditJson.Of(new { format = kind.ToString(), rows = rows.Count }));
        await db.SaveChangesAsync(cancellationToken);
        var bytes = TabularWriter.Write(kind, header, rows, "意向調査");
        return TypedResults.File(bytes, TabularWriter.ContentType(kind), $"readiness-survey-{results.Survey.OpenedAt:yyyyMMdd}.{TabularWriter.Extension(kind)}");
    }

    /// <summary>One row per section and a total row; a column per answer of each question.</summary>
    internal static (List<string> Header, List<IReadOnlyList<string?>> Rows) Table(SurveyResults results)
    {
        var header = new List<string> { "所属コード", "部局", "所属", "在職者数", "回答者数" };
        header.AddRange(Enum.GetValues<HomeConnection>().Select(v => $"回線: {ReadinessQuestions.Label(v).Ja}"));
        header.AddRange(Enum.GetValues<HomePc>().Select(v => $"PC: {ReadinessQuestions.Label(v).Ja}"));
        header.AddRange(Enum.GetValues<HomeWorkspace>().Select(v => $"場所: {ReadinessQuestions.Label(v).Ja}"));
        header.AddRange(["育児・介護: 育児", "育児・介護: 介護", "育児・介護: 特にない"]);
        header.AddRange(Enum.GetValues<TeleworkWish>().Select(v => $"希望: {ReadinessQuestions.Label(v).Ja}"));
        header.Add("回線・PC・場所がそろう");

        static IReadOnlyList<string?> Row(string code, string department, string name, int staff, ReadinessCounts c)
        {
            var cells = new List<int> { staff, c.Respondents };
            cells.AddRange(c.HomeConnection);
            cells.AddRange(c.HomePc);
            cells.AddRange(c.Workspace);
            cells.AddRange([c.ChildCare, c.FamilyCare, c.NoCareDuties]);
            cells.AddRange(c.Wish);
            cells.Add(c.ReadyWithOwnPc);
            return [code, department, name, .. cells.Select(n => n.ToString(CultureInfo.InvariantCulture))];
        }

        var rows = results.Sections.Select(s => Row(s.Code, s.Department, s.Name, s.ActiveStaff, s.Counts)).ToList();
        rows.Add(Row("", "", "合計", results.ActiveStaff, results.Total));
        return (header, rows);
    }
}
