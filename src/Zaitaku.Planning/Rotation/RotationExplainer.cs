namespace Zaitaku.Planning;

/// <summary>
/// Explains a plan for the console: per day, which rules bind; per staff-day in the office, why.
/// Works on any plan of the instance (also one a section head edited), not only the planner's.
/// </summary>
public sealed class RotationExplainer
{
    private readonly RotationProblem _p;
    private readonly Dictionary<string, int> _staffIndex;
    private readonly Dictionary<DateOnly, int> _dayIndex;
    private readonly bool[] _home;
    private readonly int[] _weekHome;     // [staff * Weeks + week]
    private readonly int[] _sectionHome;  // [section * Days + day]
    private readonly int[] _rotationHome; // [section * Days + day]
    private readonly int[] _devices;      // [day]
    private readonly int _total;

    private RotationExplainer(RotationProblem p, RotationPlan plan)
    {
        _p = p;
        Plan = plan;
        _staffIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < p.StaffCount; i++) _staffIndex[p.Instance.Staff[i].Id] = i;
        _dayIndex = [];
        for (var d = 0; d < p.Days; d++) _dayIndex[p.Instance.Days[d]] = d;
        _home = new bool[p.StaffCount * p.Days];
        _weekHome = new int[p.StaffCount * p.Weeks];
        _sectionHome = new int[p.SectionCount * p.Days];
        _rotationHome = new int[p.SectionCount * p.Days];
        _devices = new int[p.Days];
        if (plan.Status == PlanStatus.Infeasible) return;
        for (var i = 0; i < p.StaffCount; i++)
        {
            var days = plan.Assignments[p.Instance.Staff[i].Id];
            for (var d = 0; d < p.Days; d++)
            {
                if (days[d] != DayPlace.Home) continue;
                _home[p.At(i, d)] = true;
                _weekHome[(i * p.Weeks) + p.WeekOfDay[d]]++;
                var sd = p.SectionDay(p.SectionOf[i], d);
                _sectionHome[sd]++;
                if (p.EligibilityOf[i] == Eligibility.Rotation) _rotationHome[sd]++;
                if (p.NeedsDevice[i]) _devices[d]++;
                _total++;
            }
        }
    }

    /// <summary>The plan explained.</summary>
    public RotationPlan Plan { get; }

    /// <summary>What cannot be met, for an infeasible instance.</summary>
    public IReadOnlyList<PlanConflict> Conflicts => Plan.Conflicts;

    /// <summary>Prepares the explanation of a plan of this instance (one entry per staff member, one place per day).</summary>
    public static RotationExplainer For(RotationInstance instance, RotationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(plan);
        var p = RotationProblem.Compile(instance);
        if (plan.Status != PlanStatus.Infeasible)
        {
            foreach (var staff in instance.Staff)
            {
                if (!plan.Assignments.TryGetValue(staff.Id, out var days) || days.Count != p.Days)
                    throw new ArgumentException($"the plan has no {p.Days} days for staff {staff.Id}", nameof(plan));
            }
        }

        return new RotationExplainer(p, plan);
    }

    /// <summary>Every day with its counts and binding rules.</summary>
    public IReadOnlyList<DayExplanation> Days() => [.. Enumerable.Range(0, _p.Days).Select(Day)];

    /// <summary>One day with its counts and binding rules.</summary>
    public DayExplanation Day(DateOnly day) => Day(_dayIndex[day]);

    private DayExplanation Day(int d)
    {
        var date = RotationInstanceJson.Format(_p.Instance.Days[d]);
        var binding = new List<BindingConstraint>();
        int home = 0, office = 0, leave = 0;
        for (var i = 0; i < _p.StaffCount; i++)
        {
            var cell = _p.At(i, d);
            if (_p.Cells[cell] == Cell.Leave) leave++;
            else if (_home[cell]) home++;
            else office++;
        }

        if (Plan.Status != PlanStatus.Infeasible)
        {
            if (_devices[d] >= _p.Pool)
            {
                binding.Add(new BindingConstraint(BindingKind.DevicePool, null, _devices[d], new LocalizedText(
                    $"{date}: 貸出用端末 {_p.Pool} 台をすべて使用しています",
                    $"{date}: all {_p.Pool} telework PCs are in use")));
            }

            for (var s = 0; s < _p.SectionCount; s++)
            {
                var id = _p.Instance.Sections[s].Id;
                var sd = _p.SectionDay(s, d);
                var held = HeldInOffice(s, d, rotationOnly: false);
                if (held > 0 && _sectionHome[sd] >= _p.HomeCap[sd])
                {
                    binding.Add(new BindingConstraint(BindingKind.SectionMinimumOffice, id, held, new LocalizedText(
                        $"{date}: 所属 {id} は出勤者が最低人数 {_p.OfficeMin[sd]} 人（出勤可能 {_p.Present[sd]} 人）ちょうどです",
                        $"{date}: section {id} has exactly its minimum of {_p.OfficeMin[sd]} in the office ({_p.Present[sd]} present)")));
                }

                var heldRotation = HeldInOffice(s, d, rotationOnly: true);
                if (heldRotation > 0 && _rotationHome[sd] >= _p.RotationCap[sd])
                {
                    binding.Add(new BindingConstraint(BindingKind.RotationHalf, id, heldRotation, new LocalizedText(
                        $"{date}: 所属 {id} は交代制の職員 {_p.RotationPresent[sd]} 人のうち上限の {_p.RotationCap[sd]} 人が在宅です",
                        $"{date}: section {id} has {_p.RotationCap[sd]} of its {_p.RotationPresent[sd]} rotation staff at home, the most allowed")));
                }
            }

            var weekly = 0;
            for (var i = 0; i < _p.StaffCount; i++)
            {
                var cell = _p.At(i, d);
                if (_p.Cells[cell] == Cell.Free && !_home[cell] && WeekFull(i, d)) weekly++;
            }

            if (weekly > 0)
            {
                binding.Add(new BindingConstraint(BindingKind.WeeklyCap, null, weekly, new LocalizedText(
                    $"{date}: {weekly} 人がその週の在宅日数の上限（週 {_p.Instance.Rules.MaxHomeDaysPerWeek} 日・出勤 {_p.Instance.Rules.MinOfficeDaysPerWeek} 日以上）に達しています",
                    $"{date}: {weekly} staff have used up the week's home days (max {_p.Instance.Rules.MaxHomeDaysPerWeek} home, min {_p.Instance.Rules.MinOfficeDaysPerWeek} office)")));
            }

            if (_p.Target is { } target && _total >= target)
            {
                binding.Add(new BindingConstraint(BindingKind.Target, null, _total, new LocalizedText(
                    $"{date}: 計画全体で在宅が目標上限 {target} 人日に達しています",
                    $"{date}: the plan has reached targetHomeDays ({target} staff-days)")));
            }
        }

        return new DayExplanation(_p.Instance.Days[d], home, office, leave, _devices[d], binding);
    }

    /// <summary>
    /// Why a staff member is in the office on a day: every rule that keeps them there (empty when
    /// they are at home or on leave). <see cref="OfficeReason.NotForced"/> only when no rule does.
    /// </summary>
    public IReadOnlyList<OfficeReasonItem> WhyInOffice(string staffId, DateOnly day)
    {
        var i = _staffIndex[staffId];
        var d = _dayIndex[day];
        var cell = _p.At(i, d);
        var reasons = new List<OfficeReasonItem>();
        if (Plan.Status == PlanStatus.Infeasible || _p.Cells[cell] == Cell.Leave || _home[cell]) return reasons;
        var date = RotationInstanceJson.Format(day);
        var person = _p.Instance.Staff[i];
        if (person.Eligibility == Eligibility.Office)
        {
            reasons.Add(new OfficeReasonItem(OfficeReason.OfficeEligibility, new LocalizedText(
                $"{person.Id} の業務は在宅不可（窓口・機密性の高い個人情報など）です",
                $"{person.Id}'s work cannot be done from home")));
            return reasons;
        }

        if (_p.Cells[cell] == Cell.Office)
        {
            reasons.Add(new OfficeReasonItem(OfficeReason.FixedOffice, new LocalizedText(
                $"{date} は {person.Id} の出勤指定日（fixedOffice）です",
                $"{date} is a fixedOffice day for {person.Id}")));
            return reasons;
        }

        if (WeekFull(i, d))
        {
            var cap = _p.WeekCap[(i * _p.Weeks) + _p.WeekOfDay[d]];
            reasons.Add(new OfficeReasonItem(OfficeReason.WeeklyLimit, new LocalizedText(
                $"{person.Id} はこの週すでに在宅 {cap} 日で、上限（週 {_p.Instance.Rules.MaxHomeDaysPerWeek} 日まで・出勤 {_p.Instance.Rules.MinOfficeDaysPerWeek} 日以上）に達しています",
                $"{person.Id} already has {cap} home days this week, the most the weekly rule allows (max {_p.Instance.Rules.MaxHomeDaysPerWeek} home, min {_p.Instance.Rules.MinOfficeDaysPerWeek} office)")));
        }

        var s = _p.SectionOf[i];
        var sd = _p.SectionDay(s, d);
        if (_sectionHome[sd] >= _p.HomeCap[sd])
        {
            reasons.Add(new OfficeReasonItem(OfficeReason.SectionMinimum, new LocalizedText(
                $"所属 {person.Section} は {date} に出勤者が最低人数 {_p.OfficeMin[sd]} 人ちょうどです",
                $"section {person.Section} has exactly its minimum of {_p.OfficeMin[sd]} in the office on {date}")));
        }

        if (person.Eligibility == Eligibility.Rotation && _rotationHome[sd] >= _p.RotationCap[sd])
        {
            reasons.Add(new OfficeReasonItem(OfficeReason.RotationHalf, new LocalizedText(
                $"所属 {person.Section} は {date} に交代制の職員 {_p.RotationPresent[sd]} 人のうち {_p.RotationCap[sd]} 人が在宅で、半数に達しています",
                $"section {person.Section} already has {_p.RotationCap[sd]} of its {_p.RotationPresent[sd]} rotation staff at home on {date} (half)")));
        }

        if (person.NeedsDevice && _devices[d] >= _p.Pool)
        {
            reasons.Add(new OfficeReasonItem(OfficeReason.DevicePool, new LocalizedText(
                $"{date} は貸出用端末 {_p.Pool} 台がすべて使用中です",
                $"all {_p.Pool} telework PCs are in use on {date}")));
        }

        if (_p.Target is { } target && _total >= target)
        {
            reasons.Add(new OfficeReasonItem(OfficeReason.Target, new LocalizedText(
                $"計画全体の在宅が目標上限 {target} 人日に達しています",
                $"the plan has reached targetHomeDays ({target} staff-days)")));
        }

        if (reasons.Count == 0)
        {
            reasons.Add(new OfficeReasonItem(OfficeReason.NotForced, new LocalizedText(
                $"{person.Id} は {date} に在宅にできます（どの規則にも妨げられていません）",
                $"{person.Id} could be at home on {date}: no rule keeps them in the office")));
        }

        return reasons;
    }

    private bool WeekFull(int i, int d) => _weekHome[(i * _p.Weeks) + _p.WeekOfDay[d]] >= _p.WeekCap[(i * _p.Weeks) + _p.WeekOfDay[d]];

    /// <summary>Staff of a section in the office on a free day (so a rule, not their record, keeps them there).</summary>
    private int HeldInOffice(int s, int d, bool rotationOnly)
    {
        var n = 0;
        foreach (var i in _p.SectionStaff[s])
        {
            var cell = _p.At(i, d);
            if (_p.Cells[cell] != Cell.Free || _home[cell]) continue;
            if (rotationOnly && _p.EligibilityOf[i] != Eligibility.Rotation) continue;
            n++;
        }

        return n;
    }
}
