using Microsoft.EntityFrameworkCore;
using Zaitaku.Data;
using Zaitaku.Data.Tasks;
using Zaitaku.Planning;
using Zaitaku.Tasks;

namespace Zaitaku.Web.Tasks.Planning;

/// <summary>What a section head or HR asks the planner for.</summary>
/// <param name="Mode">Normal operations or the emergency (BCP).</param>
/// <param name="Scope">A section, a department or the municipality.</param>
/// <param name="UnitId">The section or department; null for the municipality.</param>
/// <param name="From">First day of the period.</param>
/// <param name="To">Last day of the period.</param>
/// <param name="DevicePool">Telework PCs available each day; null to take them from the device register or the settings.</param>
/// <param name="TargetPercent">Normal mode: home staff-days at most this share of present staff-days; null for no cap.</param>
/// <param name="TimeLimitSeconds">How long the planner may work.</param>
public sealed record PlanRequest(PlanMode Mode, PlanScope Scope, Guid? UnitId, DateOnly From, DateOnly To, int? DevicePool, int? TargetPercent, int TimeLimitSeconds);

/// <summary>A period with no working day.</summary>
public sealed record PlanNoWorkingDays(DateOnly From, DateOnly To) : Error("plan_no_working_days",
    new($"{From:yyyy-MM-dd}〜{To:yyyy-MM-dd} に勤務日がありません。", $"There is no working day from {From:yyyy-MM-dd} to {To:yyyy-MM-dd}."));

/// <summary>The scope has nobody to plan.</summary>
public sealed record PlanNoStaff() : Error("plan_no_staff",
    new("計画する職員がいません（対象の所属に在職中の職員がいません）。", "There is nobody to plan: the scope has no employed staff."));

/// <summary>A value of the request is out of range.</summary>
public sealed record PlanFieldError(string Field, LocalizedText Problem) : Error("plan_invalid",
    new($"{PlanFields.Label(Field).Ja}: {Problem.Ja}", $"{PlanFields.Label(Field).En}: {Problem.En}"));

public static class PlanFields
{
    public static LocalizedText Label(string field) => field switch
    {
        "from" => new("開始日", "From"),
        "to" => new("終了日", "To"),
        "devicePool" => new("使用できる端末の台数", "Telework PCs available"),
        "targetPercent" => new("在宅の上限（%）", "Home cap (%)"),
        "timeLimit" => new("計算時間の上限（秒）", "Time limit (seconds)"),
        "scope" => new("対象", "Scope"),
        _ => new(field, field),
    };
}

/// <summary>
/// Builds the planner's instance from what Zaitaku knows: the working days of the calendar, each
/// staff member's eligibility from their tasks (and the work rules' employment types), the weekly
/// limits, the section minimums, the PCs, approved telework (pinned at home), telework asked for
/// (wishes) and leave. In emergency mode the weekly limits and minimums are the emergency ones,
/// there is no cap, alternating teams A/B are the wishes, and staff whose home work needs no
/// system (phone and mail only) need no PC.
/// </summary>
public sealed class PlanBuilder(ZaitakuDb db, InventoryService inventories, IPlanningSources sources)
{
    /// <summary>The longest period one plan covers (about three months of working days).</summary>
    public const int MaxDays = 66;

    public async Task<Result<PlanInput>> BuildAsync(PlanRequest request, CancellationToken cancellationToken = default)
    {
        if (request.To < request.From) return new PlanFieldError("to", new("開始日以降の日にしてください", "must not be before the start"));
        if (request.DevicePool is < 0) return new PlanFieldError("devicePool", new("0 以上にしてください", "must be 0 or more"));
        if (request.TargetPercent is < 1 or > 100) return new PlanFieldError("targetPercent", new("1～100% にしてください（上限なしは空欄）", "use 1 to 100% (empty for none)"));
        if (request.TimeLimitSeconds is < 1 or > 600) return new PlanFieldError("timeLimit", new("1～600 秒にしてください", "use 1 to 600 seconds"));

        var calendar = await sources.CalendarAsync(cancellationToken);
        var days = calendar.WorkingDays(request.From, request.To);
        if (days.Count == 0) return new PlanNoWorkingDays(request.From, request.To);
        if (days.Count > MaxDays) return new PlanFieldError("to", new($"期間は勤務日 {MaxDays} 日までにしてください（{days.Count} 日あります）", $"keep the period within {MaxDays} working days ({days.Count} given)"));

        var org = await OrgSections.LoadAsync(db, cancellationToken);
        HashSet<Guid>? sectionIds = request.Scope switch
        {
            PlanScope.Section when request.UnitId is { } id && org.ById.ContainsKey(id) => [id],
            PlanScope.Department when request.UnitId is { } id && org.Departments.Any(d => d.Id == id) => org.Sections.Where(s => s.DepartmentId == id).Select(s => s.Id).ToHashSet(),
            PlanScope.Municipality => null,
            _ => [],
        };
        if (sectionIds is { Count: 0 }) return new PlanFieldError("scope", new("所属または部局を選んでください", "choose a section or department"));
        var loaded = await inventories.LoadAsync(new InventoryScope(sectionIds), days[0], cancellationToken);
        if (!loaded.IsOk) return loaded.Error!;
        var inventory = loaded.Value;
        if (inventory.Staff.Count == 0) return new PlanNoStaff();

        var settings = await InventoryLoader.SettingsAsync(db, cancellationToken);
        var rules = await sources.RulesAsync(cancellationToken);
        var emergency = request.Mode == PlanMode.Emergency;
        var pinned = await sources.PinnedAsync(inventory.Staff.Select(s => s.Id).ToList(), days[0], days[^1], cancellationToken);
        var staffings = await db.SectionStaffing.AsNoTracking().ToDictionaryAsync(s => s.SectionId, cancellationToken);

        var taskClass = inventory.Tasks.ToDictionary(t => t.Id, t => inventory.Classify(t).Effective);
        var phoneMailTask = inventory.Tasks.ToDictionary(t => t.Id, t => taskClass[t.Id] != TeleworkClass.Office && NeedsNoSystem(inventory, t));
        var daySet = days.ToHashSet();
        var staff = new List<RotationStaff>();
        var staffMeta = new List<PlanStaff>();
        var staffBySection = inventory.Staff.ToLookup(s => s.SectionId);
        foreach (var section in inventory.Sections)
        {
            var members = staffBySection[section.Id];
            var alternating = 0;
            foreach (var member in members)
            {
                var eligibility = inventory.EligibilityOf(member.StaffNumber);
                var reasons = eligibility?.Reasons.Select(k => k.Code()).ToList() ?? [TaskReasonKind.NoTasksListed.Code()];
                var cls = ToEligibility(eligibility?.Eligibility ?? TeleworkClass.Office);
                if (!rules.EligibleEmployment.Contains(member.Employment))
                {
                    cls = Eligibility.Office;
                    reasons = ["employment_not_eligible", .. reasons];
                }

                var leave = Within(pinned.Leave, member.Id, daySet);
                if (member.ActiveTo is { } last) leave.UnionWith(days.Where(d => d > last));
                var approved = Within(pinned.ApprovedHome, member.Id, daySet);
                approved.ExceptWith(leave);
                // Phone and mail only: some of their work can be done at home, and none of that work needs an internal system.
                var homeWork = inventory.AssignmentsByStaff[member.Id].Where(a => taskClass.GetValueOrDefault(a.TaskId, TeleworkClass.Office) != TeleworkClass.Office).ToList();
                var phoneMail = homeWork.Count > 0 && homeWork.All(a => phoneMailTask[a.TaskId]);

                string? team = null;
                HashSet<DateOnly> wishes;
                if (emergency)
                {
                    // Alternating teams: staff who cannot all be at home every day take turns, A on odd and B on even working days.
                    team = cls == Eligibility.Office ? null : alternating++ % 2 == 0 ? "A" : "B";
                    var offset = team == "B" ? 1 : 0;
                    wishes = team is null ? [] : days.Where((_, i) => i % 2 == offset).ToHashSet();
                }
                else
                {
                    wishes = Within(pinned.RequestedHome, member.Id, daySet);
                }
                wishes.ExceptWith(leave);
                wishes.ExceptWith(approved);

                staff.Add(new RotationStaff
                {
                    Id = member.StaffNumber,
                    Section = section.Code,
                    Eligibility = cls,
                    Leave = Sorted(leave),
                    FixedHome = Sorted(approved),
                    PrefersHome = Sorted(wishes),
                    NeedsDevice = !(emergency && phoneMail),
                });
                staffMeta.Add(new PlanStaff(member.StaffNumber, member.Id, member.Name, section.Code, cls, reasons, team, phoneMail));
            }
        }
        if (staff.Count == 0) return new PlanNoStaff();

        var sections = inventory.Sections.Select(s =>
        {
            var staffing = staffings.GetValueOrDefault(s.Id) ?? new SectionStaffing();
            return new RotationSection
            {
                Id = s.Code,
                MinOffice = emergency ? staffing.EmergencyMinOffice : staffing.MinOffice,
                MinOfficeShare = (emergency ? staffing.EmergencyMinOfficePercent : staffing.MinOfficePercent) / 100m,
            };
        }).ToList();
        var sectionMeta = inventory.Sections.Select(s => new PlanSection(s.Code, s.Id, s.Name, s.DepartmentName,
            emergency ? PhoneMailTasks(inventory, s.Id, phoneMailTask) : [])).ToList();

        var pool = request.DevicePool ?? await sources.TeleworkPcsAsync(cancellationToken) ?? settings.TeleworkPcs ?? staff.Count;
        var presentDays = staff.Sum(s => days.Count - s.Leave.Count);
        int? target = !emergency && request.TargetPercent is { } percent ? (int)Math.Floor(presentDays * percent / 100m) : null;
        var instance = new RotationInstance
        {
            Days = days,
            Rules = emergency
                ? new RotationRules { MaxHomeDaysPerWeek = settings.EmergencyMaxHomeDaysPerWeek, MinOfficeDaysPerWeek = settings.EmergencyMinOfficeDaysPerWeek }
                : new RotationRules { MaxHomeDaysPerWeek = rules.MaxHomeDaysPerWeek, MinOfficeDaysPerWeek = rules.MinOfficeDaysPerWeek },
            DevicePool = pool,
            TargetHomeDays = target,
            Sections = sections,
            Staff = staff,
        };
        var valid = RotationInstanceJson.Validate(instance);
        if (!valid.IsOk) return valid.Error!;
        return new PlanInput(instance, staffMeta, sectionMeta);
    }

    /// <summary>
    /// 電話・メールのみ: a task that can be done at home (in rotation or not) and needs no internal
    /// system, or only Internet-segment ones (mail, the web) — what staff could do from home in
    /// spring 2020, before any telework PC.
    /// </summary>
    public static bool IsPhoneAndMail(InventorySnapshot inventory, InventoryTask task) =>
        inventory.Classify(task).Effective != TeleworkClass.Office && NeedsNoSystem(inventory, task);

    private static bool NeedsNoSystem(InventorySnapshot inventory, InventoryTask task) =>
        task.SystemIds.All(id => inventory.Systems.TryGetValue(id, out var s) && s.Segment == Access.Segment.Internet);

    private static IReadOnlyList<PhoneMailTask> PhoneMailTasks(InventorySnapshot inventory, Guid sectionId, Dictionary<Guid, bool> phoneMail) =>
        [.. inventory.Tasks.Where(t => t.SectionId == sectionId && phoneMail.GetValueOrDefault(t.Id))
            .Select(t => new PhoneMailTask(t.Code, t.Name, inventory.AssignmentsByTask[t.Id].Sum(a => a.Percent) / 100.0))];

    private static Eligibility ToEligibility(TeleworkClass value) => value switch
    {
        TeleworkClass.Home => Eligibility.Home,
        TeleworkClass.Rotation => Eligibility.Rotation,
        _ => Eligibility.Office,
    };

    private static HashSet<DateOnly> Within(IReadOnlyDictionary<Guid, IReadOnlyList<DateOnly>> days, Guid staffId, HashSet<DateOnly> period) =>
        days.TryGetValue(staffId, out var list) ? list.Where(period.Contains).ToHashSet() : [];

    private static List<DateOnly> Sorted(HashSet<DateOnly> days) => [.. days.Order()];
}
