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
/// <param name="StaffId">The staff member.</param>
/// <param name="Day">The planned home day.</param>
/// <param name="Code">The stable code of the rule it breaks (e.g. <c>telework_too_late</c>).</param>
/// <param name="Why">The rule and the day, in Japanese and English.</param>
public sealed record SkippedDay(Guid StaffId, DateOnly Day, string Code, LocalizedText Why);

/// <summary>
/// Where planning meets the other features: the work calendar, rules and telework requests of the
/// work feature and the telework PCs in service of the device register. The console plans through
/// this seam only; <see cref="WorkPlanningSources"/> is what the host registers.
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

    /// <summary>
    /// Stages telework requests for the home days of an accepted plan in the caller's unit of work,
    /// approved or for approval as the rules say, and names each day the rules refuse. Nothing is
    /// saved: the caller saves them with the plan's acceptance in one transaction, then calls
    /// <see cref="SavedAsync"/>.
    /// </summary>
    Task<Result<CreatedRequests>> CreateRequestsAsync(ClaimsPrincipal user, Guid planId, string note, IReadOnlyList<PlannedHomeDays> days, CancellationToken cancellationToken);

    /// <summary>After the acceptance is saved: sends the notifications' e-mails and today's presence changes.</summary>
    Task SavedAsync(CancellationToken cancellationToken);
}
