using Microsoft.EntityFrameworkCore;
using Zaitaku.Access;
using Zaitaku.Data;
using Zaitaku.Data.Tasks;
using Zaitaku.Organization;
using Zaitaku.Tasks;

namespace Zaitaku.Web.Tasks;

/// <summary>A section (課・室) with its department, as the inventory and the planner see it.</summary>
public sealed record OrgSection(Guid Id, string Code, string Name, Guid? DepartmentId, string DepartmentCode, string DepartmentName)
{
    /// <summary>The pure record the capacity rules read (ids are the codes people know).</summary>
    public SectionRef ToRef() => new(Code, Name, DepartmentCode, DepartmentName);
}

/// <summary>A staff member as the inventory and the planner see them; <see cref="SectionId"/> is the section even for staff of a 係.</summary>
public sealed record InventoryStaff(Guid Id, string StaffNumber, string Name, EmploymentType Employment, Guid SectionId, string? Position, DateOnly? ActiveTo);

/// <summary>The organisation folded to sections: a 係 counts with its 課, a 課 with its 部.</summary>
public sealed class OrgSections
{
    private readonly Dictionary<Guid, Guid> _sectionOf;

    private OrgSections(IReadOnlyList<OrgSection> sections, Dictionary<Guid, Guid> sectionOf, IReadOnlyList<OrgUnit> departments)
    {
        Sections = sections;
        _sectionOf = sectionOf;
        ById = sections.ToDictionary(s => s.Id);
        ByCode = sections.ToDictionary(s => s.Code, StringComparer.Ordinal);
        Departments = departments;
    }

    /// <summary>Active sections in the organisation's order.</summary>
    public IReadOnlyList<OrgSection> Sections { get; }

    public IReadOnlyDictionary<Guid, OrgSection> ById { get; }

    public IReadOnlyDictionary<string, OrgSection> ByCode { get; }

    /// <summary>Active departments in order.</summary>
    public IReadOnlyList<OrgUnit> Departments { get; }

    /// <summary>The section a unit (課 or 係) counts with, or null for a department or an unknown unit.</summary>
    public Guid? SectionOf(Guid unitId) => _sectionOf.TryGetValue(unitId, out var s) ? s : null;

    /// <summary>The units (the sections and their 係) whose staff count with these sections.</summary>
    public IReadOnlyList<Guid> UnitsOf(IReadOnlySet<Guid> sectionIds) =>
        [.. _sectionOf.Where(p => sectionIds.Contains(p.Value)).Select(p => p.Key)];

    public static async Task<OrgSections> LoadAsync(ZaitakuDb db, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(cancellationToken);
        var byId = units.ToDictionary(u => u.Id);
        var sections = new List<OrgSection>();
        var sectionOf = new Dictionary<Guid, Guid>();
        foreach (var unit in units.Where(u => u.Kind == OrgUnitKind.Section && u.Active))
        {
            var department = unit.ParentId is { } p && byId.TryGetValue(p, out var parent) && parent.Kind == OrgUnitKind.Department ? parent : null;
            sections.Add(new OrgSection(unit.Id, unit.Code, unit.Name, department?.Id, department?.Code ?? "-", department?.Name ?? "（部局なし）"));
            sectionOf[unit.Id] = unit.Id;
        }
        foreach (var unit in units.Where(u => u.Kind == OrgUnitKind.Unit))
        {
            // A 係 counts with the nearest 課 above it.
            var up = unit.ParentId;
            for (var hops = 0; up is { } id && hops < 8 && byId.TryGetValue(id, out var parent); hops++)
            {
                if (parent.Kind == OrgUnitKind.Section && sectionOf.ContainsKey(parent.Id))
                {
                    sectionOf[unit.Id] = parent.Id;
                    break;
                }
                up = parent.ParentId;
            }
        }
        var departments = units.Where(u => u.Kind == OrgUnitKind.Department && u.Active).ToList();
        return new OrgSections(sections, sectionOf, departments);
    }
}

/// <summary>Which sections an inventory load covers.</summary>
/// <param name="SectionIds">The sections; null for the whole municipality.</param>
public sealed record InventoryScope(IReadOnlySet<Guid>? SectionIds)
{
    public static readonly InventoryScope Municipality = new((IReadOnlySet<Guid>?)null);

    public static InventoryScope Section(Guid id) => new(new HashSet<Guid> { id });

    public bool Includes(Guid sectionId) => SectionIds is null || SectionIds.Contains(sectionId);
}

/// <summary>
/// The inventory of a scope loaded from the database and checked by the pure rules: the tasks and
/// who does them, each staff member's eligibility and the capacity of each section. Staff of the
/// scope are counted with all their tasks, also tasks of other sections (兼務).
/// </summary>
public sealed class InventorySnapshot
{
    public required OrgSections Org { get; init; }

    /// <summary>Sections in the scope, in the organisation's order.</summary>
    public required IReadOnlyList<OrgSection> Sections { get; init; }

    /// <summary>Active staff of the scope's sections.</summary>
    public required IReadOnlyList<InventoryStaff> Staff { get; init; }

    /// <summary>Tasks of the scope's sections, and tasks elsewhere that its staff do.</summary>
    public required IReadOnlyList<InventoryTask> Tasks { get; init; }

    public required IReadOnlyList<ShareRow> Assignments { get; init; }

    /// <summary>The registered systems of the tenant.</summary>
    public required IReadOnlyDictionary<Guid, Zaitaku.Systems.RegisteredSystem> Systems { get; init; }

    /// <summary>The checked inventory (ids are codes and staff numbers).</summary>
    public required TaskInventory Inventory { get; init; }

    /// <summary>Capacity and each staff member's eligibility.</summary>
    public required CapacityReport Capacity { get; init; }

    public required EligibilityRule Rule { get; init; }

    private Dictionary<Guid, InventoryStaff>? _staffById;
    private Dictionary<string, InventoryTask>? _taskByCode;
    private Dictionary<string, StaffEligibility>? _eligibility;
    private ILookup<Guid, ShareRow>? _byTask;
    private ILookup<Guid, ShareRow>? _byStaff;

    public IReadOnlyDictionary<Guid, InventoryStaff> StaffById => _staffById ??= Staff.ToDictionary(s => s.Id);

    public IReadOnlyDictionary<string, InventoryTask> TaskByCode => _taskByCode ??= Tasks.ToDictionary(t => t.Code, StringComparer.Ordinal);

    public ILookup<Guid, ShareRow> AssignmentsByTask => _byTask ??= Assignments.ToLookup(a => a.TaskId);

    public ILookup<Guid, ShareRow> AssignmentsByStaff => _byStaff ??= Assignments.ToLookup(a => a.StaffId);

    /// <summary>A staff member's eligibility by staff number.</summary>
    public StaffEligibility? EligibilityOf(string staffNumber) =>
        (_eligibility ??= Capacity.Staff.ToDictionary(e => e.StaffId, StringComparer.Ordinal)).GetValueOrDefault(staffNumber);

    /// <summary>The classification of a task with its reasons.</summary>
    public TaskClassification Classify(InventoryTask task) => TaskClassifier.Classify(InventoryLoader.ToWorkTask(task, Systems));

    /// <summary>The capacity figures of a section of the scope.</summary>
    public CapacityFigures? SectionFigures(string code) => Capacity.Sections.FirstOrDefault(s => s.Id == code);
}

/// <summary>The stored inventory was changed behind the rules' back (it cannot happen through Zaitaku); the message names the row.</summary>
public sealed record InventoryInconsistent(Error Inner) : Error("task_inventory_inconsistent",
    new($"業務棚卸しの登録内容に矛盾があります：{Inner.Message.Ja}", $"The stored inventory is inconsistent: {Inner.Message.En}"));

/// <summary>Loads the inventory of a scope and runs the pure rules on it.</summary>
public static class InventoryLoader
{
    /// <summary>A registered system as the classification sees it; a system no longer registered counts as not allowed.</summary>
    public static SystemRef ToSystemRef(Guid id, IReadOnlyDictionary<Guid, Zaitaku.Systems.RegisteredSystem> systems) =>
        systems.TryGetValue(id, out var s)
            ? new SystemRef(s.Slug, s.Name, ToSegment(s.Segment), s.Remote)
            : new SystemRef(id.ToString(), "登録が削除されたシステム", SystemSegment.Lgwan, false);

    public static SystemSegment ToSegment(Segment segment) => segment switch
    {
        Segment.MyNumber => SystemSegment.MyNumber,
        Segment.Lgwan => SystemSegment.Lgwan,
        _ => SystemSegment.Internet,
    };

    public static WorkTask ToWorkTask(InventoryTask task, IReadOnlyDictionary<Guid, Zaitaku.Systems.RegisteredSystem> systems, string? sectionCode = null) =>
        new(task.Code, sectionCode ?? "", task.Name, task.CounterWork, task.ConfidentialPersonalData,
            task.SystemIds.Select(id => ToSystemRef(id, systems)).ToList(), task.PaperOriginals, task.SameRoom, task.Override);

    /// <summary>The tenant's settings, or the defaults until saved.</summary>
    public static async Task<TaskSettings> SettingsAsync(ZaitakuDb db, CancellationToken cancellationToken) =>
        await db.TaskSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new TaskSettings();

    /// <summary>Loads the inventory of the scope for staff active on <paramref name="on"/> (default today).</summary>
    public static async Task<Result<InventorySnapshot>> LoadAsync(ZaitakuDb db, InventoryScope scope, DateOnly? on = null, CancellationToken cancellationToken = default)
    {
        var day = on ?? JapanTime.Today(db.Time);
        var settings = await SettingsAsync(db, cancellationToken);
        var org = await OrgSections.LoadAsync(db, cancellationToken);
        var sections = org.Sections.Where(s => scope.Includes(s.Id)).ToList();
        var systems = await db.Systems.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);

        List<StaffRow> staffRows;
        List<ShareRow> assignments;
        List<InventoryTask> tasks;
        if (scope.SectionIds is { } sectionIds)
        {
            var units = org.UnitsOf(sectionIds);
            staffRows = (await db.Staff.AsNoTracking()
                .Where(s => units.Contains(s.SectionId) && s.ActiveFrom <= day && (s.ActiveTo == null || s.ActiveTo >= day))
                .OrderBy(s => s.StaffNumber)
                .Select(s => new { s.Id, s.StaffNumber, s.FamilyName, s.GivenName, s.Employment, s.SectionId, s.Position, s.ActiveTo })
                .ToListAsync(cancellationToken))
                .Select(s => new StaffRow(s.Id, s.StaffNumber, s.FamilyName, s.GivenName, s.Employment, s.SectionId, s.Position, s.ActiveTo)).ToList();
            var staffIdList = staffRows.Select(s => s.Id).ToList();
            var sectionIdList = sectionIds.ToList();
            assignments = (await db.TaskAssignments.AsNoTracking().Where(a => staffIdList.Contains(a.StaffId))
                .Select(a => new { a.TaskId, a.StaffId, a.Percent }).ToListAsync(cancellationToken))
                .Select(a => new ShareRow(a.TaskId, a.StaffId, a.Percent)).ToList();
            var assigned = assignments.Select(a => a.TaskId).Distinct().ToList();
            tasks = await db.Tasks.AsNoTracking().Where(t => sectionIdList.Contains(t.SectionId) || assigned.Contains(t.Id)).ToListAsync(cancellationToken);
        }
        else
        {
            // The whole municipality: up to hundreds of thousands of rows, read without EF's materialisation.
            staffRows = await InventoryRows.StaffAsync(db, day, cancellationToken);
            assignments = await InventoryRows.SharesAsync(db, cancellationToken);
            tasks = await InventoryRows.TasksAsync(db, cancellationToken);
        }

        var staff = new List<InventoryStaff>(staffRows.Count);
        foreach (var s in staffRows)
        {
            if (org.SectionOf(s.SectionId) is not { } section) continue;
            staff.Add(new InventoryStaff(s.Id, s.StaffNumber, $"{s.FamilyName} {s.GivenName}", s.Employment, section, s.Position, s.ActiveTo));
        }
        var staffNumbers = new Dictionary<Guid, string>(staff.Count);
        foreach (var s in staff) staffNumbers[s.Id] = s.StaffNumber;

        // Tasks of a section closed since are shown nowhere and counted for nobody.
        tasks.RemoveAll(t => !org.ById.ContainsKey(t.SectionId));
        tasks.Sort((a, b) => a.SortOrder != b.SortOrder ? a.SortOrder.CompareTo(b.SortOrder) : string.CompareOrdinal(a.Code, b.Code));
        var taskCodes = new Dictionary<Guid, string>(tasks.Count);
        foreach (var t in tasks) taskCodes[t.Id] = t.Code;
        assignments.RemoveAll(a => !taskCodes.ContainsKey(a.TaskId) || !staffNumbers.ContainsKey(a.StaffId));

        // Sections of the rules' inventory: the scope's, and those of other sections' tasks its staff do.
        var refSections = sections.ToList();
        var inScope = sections.Select(s => s.Id).ToHashSet();
        foreach (var sectionId in tasks.Select(t => t.SectionId).Distinct())
        {
            if (inScope.Add(sectionId)) refSections.Add(org.ById[sectionId]);
        }

        // One SystemRef per registered system, shared by every task that uses it.
        var systemRefs = systems.ToDictionary(p => p.Key, p => ToSystemRef(p.Key, systems));
        var coreTasks = new List<WorkTask>(tasks.Count);
        foreach (var t in tasks)
        {
            var used = new SystemRef[t.SystemIds.Count];
            for (var i = 0; i < used.Length; i++) used[i] = systemRefs.TryGetValue(t.SystemIds[i], out var r) ? r : ToSystemRef(t.SystemIds[i], systems);
            coreTasks.Add(new WorkTask(t.Code, org.ById[t.SectionId].Code, t.Name, t.CounterWork, t.ConfidentialPersonalData, used, t.PaperOriginals, t.SameRoom, t.Override));
        }
        var coreShares = new List<TaskAssignment>(assignments.Count);
        foreach (var a in assignments) coreShares.Add(new TaskAssignment(staffNumbers[a.StaffId], taskCodes[a.TaskId], a.Percent));

        var inventory = TaskInventory.Create(
            refSections.Select(s => s.ToRef()).ToList(),
            staff.Select(s => new StaffRef(s.StaffNumber, org.ById[s.SectionId].Code)).ToList(),
            coreTasks, coreShares);
        if (!inventory.IsOk) return new InventoryInconsistent(inventory.Error!);
        var capacity = inventory.Value.Capacity(settings.Rule);
        if (!capacity.IsOk) return capacity.Error!;
        return new InventorySnapshot
        {
            Org = org, Sections = sections, Staff = staff, Tasks = tasks, Assignments = assignments, Systems = systems,
            Inventory = inventory.Value, Capacity = capacity.Value, Rule = settings.Rule,
        };
    }
}

/// <summary>
/// The last whole-municipality inventory of each tenant, kept while nothing changed: every change
/// Zaitaku makes (tasks, shares, staff, organisation, systems, settings) appends to the tenant's
/// audit chain, so the chain head's sequence says exactly whether the inventory may have changed.
/// A capacity view of 50,000 staff and 200,000 tasks then costs one small query when nothing did.
/// </summary>
public sealed class InventoryCache(TimeProvider time)
{
    /// <summary>How long an unused entry is kept.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    /// <summary>Tenants kept at once (a prefecture's deployment serves many).</summary>
    public const int MaxTenants = 8;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Entry> _entries = new();

    private sealed record Entry(long Sequence, DateOnly Day, InventorySnapshot Snapshot, DateTimeOffset UsedAt);

    public async Task<Result<InventorySnapshot>> MunicipalityAsync(ZaitakuDb db, DateOnly day, CancellationToken cancellationToken)
    {
        if (db.TenantScope.TenantId is not { } tenant) return await InventoryLoader.LoadAsync(db, InventoryScope.Municipality, day, cancellationToken);
        var sequence = await db.AuditChainHeads.AsNoTracking().Where(h => h.ChainId == tenant).Select(h => (long?)h.LastSequence).SingleOrDefaultAsync(cancellationToken) ?? -1;
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(tenant, out var entry) && entry.Sequence == sequence && entry.Day == day)
        {
            _entries[tenant] = entry with { UsedAt = now };
            return entry.Snapshot;
        }
        var loaded = await InventoryLoader.LoadAsync(db, InventoryScope.Municipality, day, cancellationToken);
        if (!loaded.IsOk) return loaded;
        _entries[tenant] = new Entry(sequence, day, loaded.Value, now);
        foreach (var (key, old) in _entries)
        {
            if (now - old.UsedAt > MaxAge) _entries.TryRemove(key, out _);
        }
        while (_entries.Count > MaxTenants && _entries.MinBy(e => e.Value.UsedAt) is var oldest) _entries.TryRemove(oldest.Key, out _);
        return loaded;
    }
}

/// <summary>The inventory of a scope for the console: the whole municipality through <see cref="InventoryCache"/>, smaller scopes fresh.</summary>
public sealed class InventoryService(ZaitakuDb db, InventoryCache cache)
{
    public Task<Result<InventorySnapshot>> LoadAsync(InventoryScope scope, DateOnly? on = null, CancellationToken cancellationToken = default) =>
        scope.SectionIds is null
            ? cache.MunicipalityAsync(db, on ?? JapanTime.Today(db.Time), cancellationToken)
            : InventoryLoader.LoadAsync(db, scope, on, cancellationToken);
}
