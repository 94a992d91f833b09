namespace Zaitaku.Tasks;

/// <summary>
/// 業務棚卸し — the task inventory of a municipality, checked and indexed once: tasks classified,
/// assignments grouped by staff member in flat arrays, so that capacity for 50,000 staff and
/// 200,000 tasks is a few linear passes.
/// </summary>
public sealed class TaskInventory
{
    private const int ReasonKinds = 11;
    private const uint NoRestrictionBit = 1u << (int)TaskReasonKind.NoRestriction;

    private readonly SectionRef[] _sections;
    private readonly StaffRef[] _staff;
    private readonly WorkTask[] _tasks;
    private readonly Dictionary<string, int> _taskIndex;

    // Departments in order of first appearance; each section's department.
    private readonly string[] _departmentIds;
    private readonly string[] _departmentNames;
    private readonly int[] _sectionDepartment;

    private readonly int[] _staffSection;
    private readonly int[] _taskSection;
    private readonly TeleworkClass[] _taskClass;
    private readonly uint[] _taskBlocking;

    // Assignments of staff s are _assignedTask/_assignedPercent[_staffStart[s] .. _staffStart[s + 1]).
    private readonly int[] _staffStart;
    private readonly int[] _assignedTask;
    private readonly int[] _assignedPercent;

    private TaskInventory(SectionRef[] sections, StaffRef[] staff, WorkTask[] tasks, Dictionary<string, int> taskIndex,
        string[] departmentIds, string[] departmentNames, int[] sectionDepartment, int[] staffSection, int[] taskSection,
        TeleworkClass[] taskClass, uint[] taskBlocking, int[] staffStart, int[] assignedTask, int[] assignedPercent)
    {
        _sections = sections;
        _staff = staff;
        _tasks = tasks;
        _taskIndex = taskIndex;
        _departmentIds = departmentIds;
        _departmentNames = departmentNames;
        _sectionDepartment = sectionDepartment;
        _staffSection = staffSection;
        _taskSection = taskSection;
        _taskClass = taskClass;
        _taskBlocking = taskBlocking;
        _staffStart = staffStart;
        _assignedTask = assignedTask;
        _assignedPercent = assignedPercent;
    }

    /// <summary>The tasks, in the order given.</summary>
    public IReadOnlyList<WorkTask> Tasks => _tasks;

    /// <summary>
    /// Checks and indexes an inventory. Refused, naming the row, for: a missing or repeated id, a
    /// reference to an unknown section, staff member or task, a share outside 1..100, a staff
    /// member's shares adding up to more than 100, the same task twice for one staff member, an
    /// unsound section head's decision.
    /// </summary>
    public static Result<TaskInventory> Create(
        IReadOnlyList<SectionRef> sections,
        IReadOnlyList<StaffRef> staff,
        IReadOnlyList<WorkTask> tasks,
        IReadOnlyList<TaskAssignment> assignments)
    {
        var sectionIndex = new Dictionary<string, int>(sections.Count, StringComparer.Ordinal);
        var departmentIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var departmentIds = new List<string>();
        var departmentNames = new List<string>();
        var sectionDepartment = new int[sections.Count];
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            var field = $"sections[{i}]";
            if (string.IsNullOrWhiteSpace(section.Id)) return Missing(field + ".id");
            if (string.IsNullOrWhiteSpace(section.DepartmentId)) return Missing(field + ".departmentId");
            if (!sectionIndex.TryAdd(section.Id, i)) return Duplicate(field + ".id", section.Id, $"sections[{sectionIndex[section.Id]}]");
            if (!departmentIndex.TryGetValue(section.DepartmentId, out var department))
            {
                department = departmentIds.Count;
                departmentIndex.Add(section.DepartmentId, department);
                departmentIds.Add(section.DepartmentId);
                departmentNames.Add(section.DepartmentName ?? "");
            }

            sectionDepartment[i] = department;
        }

        var staffIndex = new Dictionary<string, int>(staff.Count, StringComparer.Ordinal);
        var staffSection = new int[staff.Count];
        for (var i = 0; i < staff.Count; i++)
        {
            var member = staff[i];
            var field = $"staff[{i}]";
            if (string.IsNullOrWhiteSpace(member.Id)) return Missing(field + ".id");
            if (!staffIndex.TryAdd(member.Id, i)) return Duplicate(field + ".id", member.Id, $"staff[{staffIndex[member.Id]}]");
            if (!sectionIndex.TryGetValue(member.SectionId ?? "", out staffSection[i])) return Unknown(field + ".sectionId", member.SectionId, "所属", "section");
        }

        var taskIndex = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        var taskSection = new int[tasks.Count];
        var taskClass = new TeleworkClass[tasks.Count];
        var taskBlocking = new uint[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var field = $"tasks[{i}]";
            if (string.IsNullOrWhiteSpace(task.Id)) return Missing(field + ".id");
            if (string.IsNullOrWhiteSpace(task.Name)) return Missing(field + ".name");
            if (!taskIndex.TryAdd(task.Id, i)) return Duplicate(field + ".id", task.Id, $"tasks[{taskIndex[task.Id]}]");
            if (!sectionIndex.TryGetValue(task.SectionId ?? "", out taskSection[i])) return Unknown(field + ".sectionId", task.SectionId, "所属", "section");
            if (task.Systems is null) return Missing(field + ".systems");
            if (!Enum.IsDefined(task.PaperOriginals)) return new TaskInputError(TaskErrorCodes.OutOfRange, field + ".paperOriginals", "頻度が不明です", "unknown frequency");
            if (!Enum.IsDefined(task.SameRoom)) return new TaskInputError(TaskErrorCodes.OutOfRange, field + ".sameRoom", "頻度が不明です", "unknown frequency");
            var badDecision = TaskClassifier.CheckOverride(task, field + ".override");
            if (badDecision is not null) return badDecision;

            var (computed, kinds) = TaskClassifier.Compute(task);
            var effective = TaskClassifier.Effective(task, computed, kinds, out var applied);
            taskClass[i] = effective;

            // What keeps the task out of home: the rules' reasons, and the section head where the decision changed the class.
            var blocking = kinds.Mask & ~NoRestrictionBit;
            if (applied && effective != computed) blocking |= TaskReasonSet.Bit(TaskReasonKind.SectionHeadOverride);
            taskBlocking[i] = effective == TeleworkClass.Home ? 0 : blocking;
        }

        // Group assignments by staff member (counting sort), checking each row.
        var staffStart = new int[staff.Count + 1];
        var rowStaff = new int[assignments.Count];
        var rowTask = new int[assignments.Count];
        var totals = new int[staff.Count];
        for (var i = 0; i < assignments.Count; i++)
        {
            var row = assignments[i];
            var field = $"assignments[{i}]";
            if (!staffIndex.TryGetValue(row.StaffId ?? "", out rowStaff[i])) return Unknown(field + ".staffId", row.StaffId, "職員", "staff member");
            if (!taskIndex.TryGetValue(row.TaskId ?? "", out rowTask[i])) return Unknown(field + ".taskId", row.TaskId, "業務", "task");
            if (row.Percent is < 1 or > 100)
            {
                return new TaskInputError(TaskErrorCodes.OutOfRange, field + ".percent",
                    $"{row.Percent}% は範囲外です（1～100%）", $"{row.Percent}% is out of range (1..100%)");
            }

            totals[rowStaff[i]] += row.Percent;
            if (totals[rowStaff[i]] > 100)
            {
                return new TaskInputError(TaskErrorCodes.SharesAboveWhole, field + ".percent",
                    $"職員 {row.StaffId} の業務割合の合計が100%を超えます", $"the shares of staff member {row.StaffId} add up to more than 100%");
            }

            staffStart[rowStaff[i] + 1]++;
        }

        for (var s = 0; s < staff.Count; s++) staffStart[s + 1] += staffStart[s];
        var next = staffStart[..^1];
        var assignedTask = new int[assignments.Count];
        var assignedPercent = new int[assignments.Count];
        var assignedRow = new int[assignments.Count];
        for (var i = 0; i < assignments.Count; i++)
        {
            var slot = next[rowStaff[i]]++;
            assignedTask[slot] = rowTask[i];
            assignedPercent[slot] = assignments[i].Percent;
            assignedRow[slot] = i;
        }

        // A task twice for one staff member is refused (two shares of one task are more likely a slip than meant).
        for (var s = 0; s < staff.Count; s++)
        {
            var count = staffStart[s + 1] - staffStart[s];
            if (count < 2) continue;
            if (count <= 8)
            {
                for (var a = staffStart[s]; a < staffStart[s + 1]; a++)
                {
                    for (var b = a + 1; b < staffStart[s + 1]; b++)
                    {
                        if (assignedTask[a] == assignedTask[b]) return RepeatedAssignment(assignedRow[b], assignedRow[a]);
                    }
                }
            }
            else
            {
                var seen = new Dictionary<int, int>(count);
                for (var a = staffStart[s]; a < staffStart[s + 1]; a++)
                {
                    if (!seen.TryAdd(assignedTask[a], assignedRow[a])) return RepeatedAssignment(assignedRow[a], seen[assignedTask[a]]);
                }
            }
        }

        return new TaskInventory([.. sections], [.. staff], [.. tasks], taskIndex, [.. departmentIds], [.. departmentNames], sectionDepartment,
            staffSection, taskSection, taskClass, taskBlocking, staffStart, assignedTask, assignedPercent);
    }

    /// <summary>The classification of a task with its reasons, or null for an unknown id.</summary>
    public TaskClassification? Classify(string taskId) =>
        _taskIndex.TryGetValue(taskId, out var i) ? TaskClassifier.Classify(_tasks[i]) : null;

    /// <summary>
    /// Capacity of every section, department and the municipality, with each staff member's
    /// eligibility, the reasons that block the most and the gap to each target.
    /// </summary>
    public Result<CapacityReport> Capacity(EligibilityRule? rule = null, IReadOnlyList<CapacityTarget>? targets = null)
    {
        rule ??= EligibilityRule.Default;
        targets ??= CapacityTarget.Defaults;
        var invalid = rule.Validate();
        if (invalid is not null) return invalid;
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i].HomeShare is < 0m or > 1m)
            {
                return new TaskInputError(TaskErrorCodes.OutOfRange, $"targets[{i}].homeShare", "0～1 で指定してください", "must be 0..1");
            }
        }

        var sectionCount = _sections.Length;
        var byClass = new int[sectionCount * 3];
        var reasonStaff = new int[sectionCount * ReasonKinds];
        var reasonTime = new double[sectionCount * ReasonKinds];
        var reasonTasks = new int[sectionCount * ReasonKinds];

        for (var t = 0; t < _tasks.Length; t++)
        {
            var baseIndex = _taskSection[t] * ReasonKinds;
            for (var m = _taskBlocking[t]; m != 0; m &= m - 1) reasonTasks[baseIndex + System.Numerics.BitOperations.TrailingZeroCount(m)]++;
        }

        var eligibility = new StaffEligibility[_staff.Length];
        for (var s = 0; s < _staff.Length; s++)
        {
            int home = 0, rotation = 0, office = 0;
            uint mask = 0;
            var start = _staffStart[s];
            var end = _staffStart[s + 1];
            for (var a = start; a < end; a++)
            {
                var task = _assignedTask[a];
                var percent = _assignedPercent[a];
                switch (_taskClass[task])
                {
                    case TeleworkClass.Home: home += percent; break;
                    case TeleworkClass.Rotation: rotation += percent; break;
                    default: office += percent; break;
                }

                mask |= _taskBlocking[task];
            }

            var section = _staffSection[s];
            var listed = home + rotation + office;
            if (listed == 0) mask = TaskReasonSet.Bit(TaskReasonKind.NoTasksListed);
            var cls = rule.Classify(home, rotation, office);
            byClass[section * 3 + (int)cls]++;

            var baseIndex = section * ReasonKinds;
            if (cls != TeleworkClass.Home)
            {
                for (var m = mask; m != 0; m &= m - 1) reasonStaff[baseIndex + System.Numerics.BitOperations.TrailingZeroCount(m)]++;
            }

            if (listed == 0)
            {
                reasonTime[baseIndex + (int)TaskReasonKind.NoTasksListed] += 1.0;
            }
            else
            {
                for (var a = start; a < end; a++)
                {
                    var share = (double)_assignedPercent[a] / listed;
                    for (var m = _taskBlocking[_assignedTask[a]]; m != 0; m &= m - 1) reasonTime[baseIndex + System.Numerics.BitOperations.TrailingZeroCount(m)] += share;
                }
            }

            eligibility[s] = new StaffEligibility(_staff[s].Id, _sections[section].Id, cls, home, rotation, office, new TaskReasonSet(mask));
        }

        // Sections first; departments and the municipality sum them, so rotation is halved per section as the planner does.
        var departmentCount = _departmentIds.Length;
        var departmentTotals = new Totals[departmentCount];
        for (var d = 0; d < departmentCount; d++) departmentTotals[d] = new Totals();
        var municipalityTotals = new Totals();
        var sectionFigures = new CapacityFigures[sectionCount];
        var sectionTotals = new Totals();
        for (var c = 0; c < sectionCount; c++)
        {
            sectionTotals.Clear();
            sectionTotals.AddSection(byClass, reasonStaff, reasonTime, reasonTasks, c);
            departmentTotals[_sectionDepartment[c]].AddSection(byClass, reasonStaff, reasonTime, reasonTasks, c);
            municipalityTotals.AddSection(byClass, reasonStaff, reasonTime, reasonTasks, c);
            var section = _sections[c];
            sectionFigures[c] = sectionTotals.ToFigures(CapacityScope.Section, section.Id, section.Name ?? "", section.DepartmentId, targets);
        }

        var departmentFigures = new CapacityFigures[departmentCount];
        for (var d = 0; d < departmentCount; d++)
        {
            departmentFigures[d] = departmentTotals[d].ToFigures(CapacityScope.Department, _departmentIds[d], _departmentNames[d], null, targets);
        }

        var municipality = municipalityTotals.ToFigures(CapacityScope.Municipality, "", "全庁", null, targets);
        return new CapacityReport(municipality, departmentFigures, sectionFigures, eligibility, rule);
    }

    private static TaskInputError Missing(string field) =>
        new(TaskErrorCodes.MissingValue, field, "必須項目がありません", "required value is missing");

    private static TaskInputError Duplicate(string field, string id, string first) =>
        new(TaskErrorCodes.DuplicateId, field, $"「{id}」は {first} と重複しています", $"\"{id}\" repeats {first}");

    private static TaskInputError Unknown(string field, string? id, string ja, string en) =>
        new(TaskErrorCodes.UnknownReference, field, $"「{id}」という{ja}はありません", $"there is no {en} \"{id}\"");

    private static TaskInputError RepeatedAssignment(int row, int first) =>
        new(TaskErrorCodes.DuplicateAssignment, $"assignments[{row}].taskId",
            $"同じ職員・業務の組み合わせが assignments[{first}] にもあります（割合は1行にまとめてください）",
            $"the same staff member and task are in assignments[{first}] too (put the share in one row)");

    /// <summary>Running sums of a scope while sections are added.</summary>
    private sealed class Totals
    {
        private readonly int[] _reasonStaff = new int[ReasonKinds];
        private readonly double[] _reasonTime = new double[ReasonKinds];
        private readonly int[] _reasonTasks = new int[ReasonKinds];
        private int _home, _rotation, _office, _atHome;

        public void Clear()
        {
            _home = _rotation = _office = _atHome = 0;
            Array.Clear(_reasonStaff);
            Array.Clear(_reasonTime);
            Array.Clear(_reasonTasks);
        }

        public void AddSection(int[] byClass, int[] reasonStaff, double[] reasonTime, int[] reasonTasks, int section)
        {
            var home = byClass[section * 3];
            var rotation = byClass[section * 3 + 1];
            _home += home;
            _rotation += rotation;
            _office += byClass[section * 3 + 2];
            _atHome += home + rotation / 2;
            for (var k = 0; k < ReasonKinds; k++)
            {
                _reasonStaff[k] += reasonStaff[section * ReasonKinds + k];
                _reasonTime[k] += reasonTime[section * ReasonKinds + k];
                _reasonTasks[k] += reasonTasks[section * ReasonKinds + k];
            }
        }

        public CapacityFigures ToFigures(CapacityScope scope, string id, string name, string? departmentId, IReadOnlyList<CapacityTarget> targets)
        {
            var staff = _home + _rotation + _office;
            var blocking = new List<ReasonCount>();
            for (var k = 0; k < ReasonKinds; k++)
            {
                if (_reasonStaff[k] > 0 || _reasonTime[k] > 0 || _reasonTasks[k] > 0)
                {
                    blocking.Add(new ReasonCount((TaskReasonKind)k, _reasonStaff[k], _reasonTime[k], _reasonTasks[k]));
                }
            }

            blocking.Sort((a, b) => b.Staff != a.Staff ? b.Staff.CompareTo(a.Staff) : b.TaskTimeFte.CompareTo(a.TaskTimeFte));
            var gaps = new TargetGap[targets.Count];
            for (var i = 0; i < targets.Count; i++)
            {
                var required = (int)Math.Ceiling(targets[i].HomeShare * staff);
                gaps[i] = new TargetGap(targets[i], required, _atHome - required);
            }

            return new CapacityFigures(scope, id, name, departmentId, staff, _home, _rotation, _office, _atHome, blocking, gaps);
        }
    }
}
