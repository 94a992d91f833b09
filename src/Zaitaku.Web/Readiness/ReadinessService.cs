using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Data;
using Zaitaku.Data.Audit;
using Zaitaku.Data.Readiness;
using Zaitaku.Organization;
using Zaitaku.Readiness;
using Zaitaku.Web.Problems;

namespace Zaitaku.Web.Readiness;

/// <summary>A second answer to the same round: refused; the first stays as it was.</summary>
public sealed record SurveyAlreadyAnswered(DateTimeOffset AnsweredAt) : Error("survey_already_answered",
    new($"この意向調査には既に回答しています（{Localization.Tx.DateTime(AnsweredAt)}）。回答は1人1回です。内容を直すときは「回答を修正する」を使ってください。",
        $"You have already answered this survey ({Localization.Tx.DateTime(AnsweredAt)}); each staff member answers once. To change your answer, use \"Correct my answer\"."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>A round that no longer takes answers or corrections.</summary>
public sealed record SurveyNotOpen(string Title) : Error("survey_not_open",
    new($"「{Title}」は回答の受付を終了しています。回答・修正はできません。", $"\"{Title}\" no longer takes answers or corrections."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Opening a round while another is open.</summary>
public sealed record SurveyAlreadyOpen(string Title) : Error("survey_already_open",
    new($"「{Title}」が回答受付中です。新しい調査を始める前に締め切ってください。", $"\"{Title}\" is still open; close it before opening a new round."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>Only a staff member (an account linked to the staff list, employed today) answers.</summary>
public sealed record NotARespondent() : Error("survey_not_respondent",
    new("このアカウントは職員名簿の職員に結び付いていないため、意向調査に回答できません。", "This account is not linked to a member of staff, so it cannot answer the survey."))
{
    public override ErrorKind Kind => ErrorKind.Forbidden;
}

/// <summary>How one section answered, with its size today for the response rate.</summary>
/// <param name="SectionId">The section.</param>
/// <param name="Code">所属コード.</param>
/// <param name="Name">The section's name.</param>
/// <param name="Department">The department's name, or empty.</param>
/// <param name="ActiveStaff">Staff employed in the section today.</param>
/// <param name="Counts">Its answers.</param>
public sealed record SectionReadiness(Guid SectionId, string Code, string Name, string Department, int ActiveStaff, ReadinessCounts Counts)
{
    /// <summary>Respondents as a share of the section's staff (0 for an empty section).</summary>
    public decimal ResponseRate => ActiveStaff == 0 ? 0m : Counts.Respondents / (decimal)ActiveStaff;
}

/// <summary>A round's results: by section (sections without answers included) and for the municipality.</summary>
public sealed record SurveyResults(ReadinessSurvey Survey, IReadOnlyList<SectionReadiness> Sections, ReadinessCounts Total, int ActiveStaff);

/// <summary>A round in the list, with its number of answers.</summary>
public sealed record SurveyRound(ReadinessSurvey Survey, int Respondents);

/// <summary>
/// The readiness survey (意向調査): HR opens and closes rounds, staff answer once per round and may
/// correct their answer while the round takes answers; results are counted by section and feed
/// capacity (issue 6) and the budget's option (3).
/// </summary>
public sealed class ReadinessService(ZaitakuDb db)
{
    private DateOnly Today => JapanTime.Today(db.Time);

    public async Task<List<SurveyRound>> RoundsAsync(CancellationToken cancellationToken = default)
    {
        var surveys = await db.ReadinessSurveys.AsNoTracking().OrderByDescending(s => s.OpenedAt).ToListAsync(cancellationToken);
        var counts = await db.ReadinessResponses.GroupBy(r => r.SurveyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return surveys.Select(s => new SurveyRound(s, counts.GetValueOrDefault(s.Id))).ToList();
    }

    public Task<ReadinessSurvey?> FindRoundAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.ReadinessSurveys.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The round staff answer now: open and not past its deadline; null when there is none.</summary>
    public async Task<ReadinessSurvey?> CurrentRoundAsync(CancellationToken cancellationToken = default)
    {
        var open = await db.ReadinessSurveys.AsNoTracking().Where(s => s.ClosedAt == null).OrderByDescending(s => s.OpenedAt).FirstOrDefaultAsync(cancellationToken);
        return open is not null && open.AcceptsAnswersOn(Today) ? open : null;
    }

    /// <summary>Opens a round; refused while another is open.</summary>
    public async Task<Result<ReadinessSurvey>> OpenAsync(string? title, DateOnly? deadline, CancellationToken cancellationToken = default)
    {
        var name = (title ?? "").Trim();
        if (name.Length is 0 or > 100) return new FieldError("title", new("調査名は1～100文字で入力してください。", "the title must be 1 to 100 characters."));
        if (deadline is { } last && last < Today)
            return new FieldError("deadline", new($"回答期限 {last:yyyy/MM/dd} は過ぎています。今日以降の日付にしてください。", $"the deadline {last:yyyy-MM-dd} has passed; choose today or later."));
        if (await db.ReadinessSurveys.Where(s => s.ClosedAt == null).Select(s => s.Title).FirstOrDefaultAsync(cancellationToken) is { } open)
            return new SurveyAlreadyOpen(open);
        var survey = new ReadinessSurvey { Id = Guid.NewGuid(), Title = name, Deadline = deadline, OpenedAt = db.Time.GetUtcNow() };
        db.ReadinessSurveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        return survey;
    }

    /// <summary>Closes a round: no more answers or corrections.</summary>
    public async Task<Result<ReadinessSurvey>> CloseAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var survey = await FindRoundAsync(id, cancellationToken);
        if (survey is null) return new NotFoundError(new("意向調査", "The survey"));
        if (survey.ClosedAt is not null) return new SurveyNotOpen(survey.Title);
        survey.ClosedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return survey;
    }

    public Task<ReadinessResponse?> AnswerOfAsync(Guid surveyId, Guid staffId, CancellationToken cancellationToken = default) =>
        db.ReadinessResponses.AsNoTracking().SingleOrDefaultAsync(r => r.SurveyId == surveyId && r.StaffId == staffId, cancellationToken);

    /// <summary>Records a staff member's answer; a second answer to the same round is refused and changes nothing.</summary>
    public async Task<Result<ReadinessResponse>> AnswerAsync(Guid surveyId, Guid? staffId, ReadinessAnswerSet answers, CancellationToken cancellationToken = default)
    {
        var (survey, staff, refused) = await CheckRespondentAsync(surveyId, staffId, cancellationToken);
        if (refused is not null) return refused;
        if (await AnswerOfAsync(surveyId, staff!.Id, cancellationToken) is { } earlier) return new SurveyAlreadyAnswered(earlier.AnsweredAt);
        if (answers.Validate() is { } invalid) return invalid;
        var response = new ReadinessResponse
        {
            Id = Guid.NewGuid(), SurveyId = survey!.Id, StaffId = staff.Id, SectionId = staff.SectionId, AnsweredAt = db.Time.GetUtcNow(),
        };
        Apply(response, answers);
        db.ReadinessResponses.Add(response);
        db.Audit("survey.answered", nameof(ReadinessResponse), response.Id.ToString(), AuditJson.Of(new { survey = survey.Title, staff = staff.StaffNumber }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two submissions at once: the unique index let one through; this one is the second answer.
            db.ChangeTracker.Clear();
            if (await AnswerOfAsync(surveyId, staff.Id, CancellationToken.None) is { } raced) return new SurveyAlreadyAnswered(raced.AnsweredAt);
            throw;
        }

        return response;
    }

    /// <summary>Replaces a staff member's answer while the round takes answers.</summary>
    public async Task<Result<ReadinessResponse>> CorrectAsync(Guid surveyId, Guid? staffId, ReadinessAnswerSet answers, CancellationToken cancellationToken = default)
    {
        var (survey, staff, refused) = await CheckRespondentAsync(surveyId, staffId, cancellationToken);
        if (refused is not null) return refused;
        var response = await db.ReadinessResponses.SingleOrDefaultAsync(r => r.SurveyId == surveyId && r.StaffId == staff!.Id, cancellationToken);
        if (response is null) return new NotFoundError(new("修正する回答", "The answer to correct"));
        if (answers.Validate() is { } invalid) return invalid;
        Apply(response, answers);
        response.CorrectedAt = db.Time.GetUtcNow();
        db.Audit("survey.answer_corrected", nameof(ReadinessResponse), response.Id.ToString(), AuditJson.Of(new { survey = survey!.Title, staff = staff!.StaffNumber }));
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    private async Task<(ReadinessSurvey? Survey, StaffMember? Staff, Error? Refused)> CheckRespondentAsync(Guid surveyId, Guid? staffId, CancellationToken cancellationToken)
    {
        var survey = await db.ReadinessSurveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken);
        if (survey is null) return (null, null, new NotFoundError(new("意向調査", "The survey")));
        if (!survey.AcceptsAnswersOn(Today)) return (survey, null, new SurveyNotOpen(survey.Title));
        var staff = staffId is { } id ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        if (staff is null || !staff.IsActiveOn(Today)) return (survey, null, new NotARespondent());
        return (survey, staff, null);
    }

    private static void Apply(ReadinessResponse response, ReadinessAnswerSet answers)
    {
        response.HomeConnection = answers.HomeConnection;
        response.HomePc = answers.HomePc;
        response.Workspace = answers.Workspace;
        response.CareDuties = answers.CareDuties;
        response.Wish = answers.Wish;
        response.Comment = string.IsNullOrWhiteSpace(answers.Comment) ? null : answers.Comment.Trim();
    }

    /// <summary>A round's answers counted by section (the section when answering), every section listed.</summary>
    public async Task<SurveyResults?> ResultsAsync(Guid surveyId, CancellationToken cancellationToken = default)
    {
        var survey = await db.ReadinessSurveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == surveyId, cancellationToken);
        if (survey is null) return null;
        var rows = await db.ReadinessResponses.AsNoTracking().Where(r => r.SurveyId == surveyId)
            .Select(r => new { r.SectionId, r.HomeConnection, r.HomePc, r.Workspace, r.CareDuties, r.Wish })
            .ToListAsync(cancellationToken);
        var today = Today;
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        var staffBySection = await db.Staff.Where(s => s.ActiveFrom <= today && (s.ActiveTo == null || s.ActiveTo >= today))
            .GroupBy(s => s.SectionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var answersBySection = rows.GroupBy(r => r.SectionId)
            .ToDictionary(g => g.Key, g => ReadinessTally.Count(g.Select(r => new ReadinessAnswerSet(r.HomeConnection, r.HomePc, r.Workspace, r.CareDuties, r.Wish))));
        var byId = units.ToDictionary(u => u.Id);
        var sectionIds = units.Where(u => u.Kind != OrgUnitKind.Department && u.Active).Select(u => u.Id)
            .Concat(answersBySection.Keys).Concat(staffBySection.Keys).Distinct();
        var sections = sectionIds.Select(id =>
            {
                var unit = byId.GetValueOrDefault(id);
                var department = unit?.ParentId is { } parent && byId.TryGetValue(parent, out var p) ? p.Name : "";
                return (Unit: unit, Result: new SectionReadiness(id, unit?.Code ?? "", unit?.Name ?? "?", department,
                    staffBySection.GetValueOrDefault(id), answersBySection.GetValueOrDefault(id) ?? ReadinessCounts.Empty));
            })
            .Where(s => s.Result.ActiveStaff > 0 || s.Result.Counts.Respondents > 0)
            .OrderBy(s => s.Unit?.SortOrder ?? int.MaxValue).ThenBy(s => s.Result.Code, StringComparer.Ordinal)
            .Select(s => s.Result).ToList();
        var total = sections.Aggregate(ReadinessCounts.Empty, (sum, s) => sum.Plus(s.Counts));
        return new SurveyResults(survey, sections, total, staffBySection.Values.Sum());
    }

    /// <summary>
    /// The results the budget's option (3) and capacity planning read: the most recently opened round
    /// that has answers (open or closed); null when no round has any.
    /// </summary>
    public async Task<SurveyResults?> LatestResultsAsync(CancellationToken cancellationToken = default)
    {
        var answered = await db.ReadinessSurveys.AsNoTracking()
            .Where(s => db.ReadinessResponses.Any(r => r.SurveyId == s.Id))
            .OrderByDescending(s => s.OpenedAt).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        return answered is { } id ? await ResultsAsync(id, cancellationToken) : null;
    }
}

internal static class ReadinessFeature
{
    public static IServiceCollection AddReadiness(this IServiceCollection services) => services.AddScoped<ReadinessService>();
}
