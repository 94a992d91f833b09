using Zaitaku.Organization;
using Zaitaku.Readiness;

namespace Zaitaku.Data.Readiness;

/// <summary>
/// A round of the readiness survey (意向調査): HR opens it, staff answer once, HR closes it. At most
/// one round of a municipality is open at a time.
/// </summary>
public sealed class ReadinessSurvey : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The title staff see, e.g. 「令和8年度 テレワークに関する意向調査」.</summary>
    public required string Title { get; set; }

    /// <summary>The last day staff may answer or correct (Tokyo date), or null for "until HR closes the round".</summary>
    public DateOnly? Deadline { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When HR closed the round; null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>True when staff may answer on <paramref name="today"/>: not closed and not past the deadline.</summary>
    public bool AcceptsAnswersOn(DateOnly today) => ClosedAt is null && (Deadline is null || today <= Deadline);
}

/// <summary>
/// One staff member's answer to a round. The section is the one the staff member belonged to when
/// answering, so results by section do not move when staff change sections later. One per staff
/// member and round (a unique index), correctable until the round stops taking answers.
/// </summary>
public sealed class ReadinessResponse : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SurveyId { get; set; }

    public Guid StaffId { get; set; }

    /// <summary>The staff member's section when answering.</summary>
    public Guid SectionId { get; set; }

    public HomeConnection HomeConnection { get; set; }

    public HomePc HomePc { get; set; }

    public HomeWorkspace Workspace { get; set; }

    public CareDuties CareDuties { get; set; }

    public TeleworkWish Wish { get; set; }

    /// <summary>The optional free comment.</summary>
    public string? Comment { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }

    /// <summary>The last correction, or null when never corrected.</summary>
    public DateTimeOffset? CorrectedAt { get; set; }

    public ReadinessAnswerSet ToAnswers() => new(HomeConnection, HomePc, Workspace, CareDuties, Wish, Comment);
}
