using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Work;
using Zaitaku.Devices;
using Zaitaku.Organization;
using Zaitaku.Web.Work;
using Zaitaku.Work.Calendar;

namespace Zaitaku.Web.Tasks.Planning;

/// <summary>
/// Planning from the tenant's own records: its work calendar (national holidays with its imported
/// years, the year-end closure, its closure days), its work rules, its telework requests (approved:
/// pinned at home; pending: wishes) and the telework PCs in service in its device register.
/// Accepting a plan asks for telework through the work feature's <see cref="TeleworkRequests"/>.
/// Zaitaku keeps no leave (休暇) record, so no day is leave apart from those after an appointment ends.
/// </summary>
public sealed class WorkPlanningSources(ZaitakuDb db, WorkSettings settings, TeleworkRequests requests, Notifications notifications, PresenceBroadcaster presence)
    : IPlanningSources
{
    /// <summary>Kitted and in stock (貸与可能) or lent (貸与中): not ordered, in kitting, returned, broken, lost or disposed of.</summary>
    public static readonly IReadOnlyList<DeviceState> InService = [DeviceState.Ready, DeviceState.Lent];

    private IReadOnlyList<Guid> _approvedToday = [];

    public Task<WorkCalendar> CalendarAsync(CancellationToken cancellationToken) => settings.CalendarAsync(cancellationToken);

    public async Task<PlanningRules> RulesAsync(CancellationToken cancellationToken)
    {
        var rules = await settings.RulesAsync(cancellationToken);
        var eligible = Enum.GetValues<EmploymentType>().Where(rules.IsEligible).ToHashSet();
        return new PlanningRules(rules.MaxTeleworkDaysPerWeek, rules.MinOfficeDaysPerWeek, rules.ApprovalRequired, eligible);
    }

    public async Task<PinnedDays> PinnedAsync(IReadOnlyCollection<Guid> staffIds, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var wanted = staffIds as IReadOnlySet<Guid> ?? staffIds.ToHashSet();
        // One range read on the (tenant, date, status) index, kept to the plan's staff in memory: a municipality's plan names most of its staff anyway.
        var rows = await db.TeleworkRequests.AsNoTracking()
            .Where(r => r.Date >= from && r.Date <= to && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Approved))
            .Select(r => new { r.StaffId, r.Date, r.Status }).ToListAsync(cancellationToken);
        IReadOnlyDictionary<Guid, IReadOnlyList<DateOnly>> Of(RequestStatus status) => rows.Where(r => r.Status == status && wanted.Contains(r.StaffId))
            .GroupBy(r => r.StaffId).ToDictionary(g => g.Key, g => (IReadOnlyList<DateOnly>)g.Select(r => r.Date).Order().ToList());
        return new PinnedDays(Of(RequestStatus.Approved), Of(RequestStatus.Pending), new Dictionary<Guid, IReadOnlyList<DateOnly>>());
    }

    public async Task<int?> TeleworkPcsAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Devices.AsNoTracking().GroupBy(d => d.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // A tenant that keeps no PC in the register has no register: the task settings' count applies.
        if (counts.Count == 0) return null;
        return counts.Where(c => InService.Contains(c.State)).Sum(c => c.Count);
    }

    public async Task<Result<CreatedRequests>> CreateRequestsAsync(ClaimsPrincipal user, Guid planId, string note, IReadOnlyList<PlannedHomeDays> days, CancellationToken cancellationToken)
    {
        var actor = WorkActor.From(user);
        var staged = await requests.StageOnBehalfAsync(actor, planId, days.Select(d => new TeleworkOnBehalf(d.StaffId, d.Days)).ToList(), note, cancellationToken);
        _approvedToday = staged.ApprovedToday;
        return new CreatedRequests(staged.Approved, staged.Pending,
            staged.Refused.Select(r => new SkippedDay(r.StaffId, r.Problem.Date, r.Problem.Code, r.Problem.Message)).ToList());
    }

    public async Task SavedAsync(CancellationToken cancellationToken)
    {
        notifications.AfterSave();
        foreach (var staffId in _approvedToday) await presence.StaffChangedAsync(staffId, cancellationToken);
        _approvedToday = [];
    }
}
