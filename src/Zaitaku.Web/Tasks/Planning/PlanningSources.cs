using System.Security.Claims;
using Zaitaku.Organization;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Web.Tasks.Planning;

/// <summary>The parts of the tenant's work rules (勤務規程) that planning needs.</summary>
/// <param name="MaxHomeDaysPerWeek">At most this many telework days in a calendar week.</param>
/// <param name="MinOfficeDaysPerWeek">At least this many office days in a calendar week.</param>
/// <param name="ApprovalRequired">Telework days need the section head's approval (所属長の承認).</param>
/// <param name="EligibleEmployment">Employment types that may telework at all (条件付採用 and 会計年度任用 not, unless the tenant says so).</param>
public sealed record PlanningRules(int MaxHomeDaysPerWeek, int MinOfficeDaysPerWeek, bool ApprovalRequired, IReadOnlySet<EmploymentType> EligibleEmployment)
{
    /// <summary>DOMAIN.md's defaults: 4 days at home and 1 in the office a week, approval needed, regular and re-employed staff.</summary>
    public static readonly PlanningRules Default = new(4, 1, true, new HashSet<EmploymentType> { EmploymentType.Regular, EmploymentType.Reemployed });
}

/// <summary>What is already decided for the staff of a period: approved telework (pinned at home), telework asked for (wishes) and leave.</summary>
public sealed record PinnedDays(
    IReadOnlyDictionary<Guid, IReadOnlyList<DateOnly>> ApprovedHome,
    IReadOnlyDictionary<Guid, IReadOnlyList<DateOnly>> RequestedHome,
    IReadOnlyDictionary<Guid, IReadOnlyList<DateOnly>> Leave)
{
    public static readonly PinnedDays None = new(new Dictionary<Guid, IReadOnlyList<DateOnly>>(), new Dictionary<Guid, IReadOnlyList<DateOnly>>(), new Dictionary<Guid, IReadOnlyList<DateOnly>>());
}

/// <summary>A staff member's home days of an accepted plan, to become telework requests.</summary>
public sealed record PlannedHomeDays(Guid StaffId, Guid SectionId, IReadOnlyList<DateOnly> Days);

/// <summary>What accepting a plan created: days approved at once, days waiting for the section head, and days the work rules refused.</summary>
public sealed record CreatedRequests(int Approved, int Pending, IReadOnlyList<SkippedDay> Skipped);

/// <summary>A planned home day that did not become a request, and why.</summary>
public sealed record SkippedDay(Guid StaffId, DateOnly Day, LocalizedText Why);

/// <summary>
/// Where planning meets the other features: the work calendar, rules, requests and leave (issue 4)
/// and the telework PCs in service (issue 3). The console plans with whatever implementation the
/// host registers; <see cref="StandalonePlanningSources"/> stands in until those features exist.
/// </summary>
public interface IPlanningSources
{
    /// <summary>The tenant's working days (holidays, the year-end closure, its closure days).</summary>
    Task<WorkCalendar> CalendarAsync(CancellationToken cancellationToken);

    Task<PlanningRules> RulesAsync(CancellationToken cancellationToken);

    /// <summary>Approved and requested telework days and leave of the staff between the dates.</summary>
    Task<PinnedDays> PinnedAsync(IReadOnlyCollection<Guid> staffIds, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Telework PCs in service (kitted and in stock, or lent), or null when the device register is not kept in Zaitaku.</summary>
    Task<int?> TeleworkPcsAsync(CancellationToken cancellationToken);

    /// <summary>Creates telework requests for the home days of an accepted plan, approved or for approval as the rules say.</summary>
    Task<Result<CreatedRequests>> CreateRequestsAsync(ClaimsPrincipal user, Guid planId, IReadOnlyList<PlannedHomeDays> days, CancellationToken cancellationToken);

    /// <summary>False while accepting a plan cannot create requests (no request feature).</summary>
    bool CanCreateRequests { get; }
}

/// <summary>Accepting needs the telework requests of issue 4.</summary>
public sealed record RequestsUnavailable() : Error("plan_requests_unavailable",
    new("在宅勤務の申請機能がまだ導入されていないため、計画から申請を作成できません。計画は保存されています。",
        "Telework requests are not available yet, so the plan cannot create them; the plan is kept."))
{
    public override ErrorKind Kind => ErrorKind.Conflict;
}

/// <summary>
/// Planning without the work and device features: the national calendar, DOMAIN.md's default
/// rules, nothing pinned, PCs as HR entered them in the task settings, and no requests.
/// </summary>
public sealed class StandalonePlanningSources : IPlanningSources
{
    public bool CanCreateRequests => false;

    public Task<WorkCalendar> CalendarAsync(CancellationToken cancellationToken) => Task.FromResult(new WorkCalendar(JapaneseHolidays.Official));

    public Task<PlanningRules> RulesAsync(CancellationToken cancellationToken) => Task.FromResult(PlanningRules.Default);

    public Task<PinnedDays> PinnedAsync(IReadOnlyCollection<Guid> staffIds, DateOnly from, DateOnly to, CancellationToken cancellationToken) => Task.FromResult(PinnedDays.None);

    public Task<int?> TeleworkPcsAsync(CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    public Task<Result<CreatedRequests>> CreateRequestsAsync(ClaimsPrincipal user, Guid planId, IReadOnlyList<PlannedHomeDays> days, CancellationToken cancellationToken) =>
        Task.FromResult<Result<CreatedRequests>>(new RequestsUnavailable());
}
