using Zaitaku.Planning;

namespace Zaitaku.Web.Tasks.Planning;

/// <summary>
/// The emergency (BCP) plan read against the national request of 2020 (出勤者7割削減): per section,
/// the office reduction reached and what holds the rest in the office.
/// </summary>
/// <param name="Municipality">The whole municipality.</param>
/// <param name="Sections">Each section, in the organisation's order.</param>
/// <param name="Goal">The reduction asked for (0.70).</param>
public sealed record EmergencyReport(EmergencyFigures Municipality, IReadOnlyList<EmergencyFigures> Sections, double Goal)
{
    /// <summary>出勤者7割削減.</summary>
    public const double NationalGoal = 0.70;

    /// <summary>
    /// Reads a plan: reduction = home staff-days ÷ present staff-days (everyone present would be in
    /// the office without the plan). Each office staff-day counts under every rule that holds it there.
    /// </summary>
    public static EmergencyReport For(PlanInput input, RotationPlan plan)
    {
        var explainer = RotationExplainer.For(input.Instance, plan);
        var days = input.Instance.Days;
        var bySection = new Dictionary<string, Counter>(StringComparer.Ordinal);
        foreach (var section in input.Instance.Sections) bySection[section.Id] = new Counter();
        var total = new Counter();
        foreach (var staff in input.Instance.Staff)
        {
            var counter = bySection[staff.Section];
            var meta = input.StaffOf(staff.Id);
            counter.Staff++;
            total.Staff++;
            if (meta?.PhoneAndMail == true && staff.Eligibility != Eligibility.Office) { counter.PhoneMail++; total.PhoneMail++; }
            switch (meta?.Team)
            {
                case "A": counter.TeamA++; total.TeamA++; break;
                case "B": counter.TeamB++; total.TeamB++; break;
            }
            if (plan.Status == PlanStatus.Infeasible || !plan.Assignments.TryGetValue(staff.Id, out var places)) continue;
            var homeDays = 0;
            for (var d = 0; d < days.Count; d++)
            {
                switch (places[d])
                {
                    case DayPlace.Leave:
                        continue;
                    case DayPlace.Home:
                        homeDays++;
                        counter.Present++; total.Present++;
                        counter.Home++; total.Home++;
                        continue;
                }
                counter.Present++; total.Present++;
                foreach (var reason in explainer.WhyInOffice(staff.Id, days[d]).Select(r => r.Reason).Distinct())
                {
                    counter.Held[(int)reason]++;
                    total.Held[(int)reason]++;
                }
            }
            if (staff.Eligibility == Eligibility.Office) { counter.OfficeStaff++; total.OfficeStaff++; }
            else if (homeDays == places.Count(p => p != DayPlace.Leave) && homeDays > 0) { counter.AllHome++; total.AllHome++; }
        }

        var sections = input.Instance.Sections.Select(s =>
        {
            var meta = input.SectionOf(s.Id);
            return bySection[s.Id].ToFigures(s.Id, meta?.Name ?? s.Id, meta?.DepartmentName ?? "");
        }).ToList();
        return new EmergencyReport(total.ToFigures("", "全庁", ""), sections, NationalGoal);
    }

    private sealed class Counter
    {
        public int Staff, Present, Home, TeamA, TeamB, AllHome, OfficeStaff, PhoneMail;
        public readonly int[] Held = new int[Enum.GetValues<OfficeReason>().Length];

        public EmergencyFigures ToFigures(string code, string name, string department) => new(code, name, department, Staff, Present, Home,
            Held[(int)OfficeReason.OfficeEligibility], Held[(int)OfficeReason.SectionMinimum], Held[(int)OfficeReason.DevicePool],
            Held[(int)OfficeReason.RotationHalf], Held[(int)OfficeReason.WeeklyLimit], Held[(int)OfficeReason.FixedOffice] + Held[(int)OfficeReason.Target] + Held[(int)OfficeReason.NotForced],
            TeamA, TeamB, AllHome, OfficeStaff, PhoneMail);
    }
}

/// <summary>The emergency plan's figures of one section or the municipality.</summary>
/// <param name="Code">Section code; empty for the municipality.</param>
/// <param name="Name">Its name.</param>
/// <param name="DepartmentName">Its department.</param>
/// <param name="Staff">Staff planned.</param>
/// <param name="PresentDays">Staff-days not on leave: all of them would be office days without the plan.</param>
/// <param name="HomeDays">Staff-days at home in the plan.</param>
/// <param name="OfficeOnlyDays">Office staff-days of staff whose tasks cannot be done from home (不可).</param>
/// <param name="MinimumStaffingDays">Office staff-days the section's emergency minimum staffing holds.</param>
/// <param name="PcDays">Office staff-days held because every telework PC is in use.</param>
/// <param name="RotationDays">Office staff-days held because half of the rotation staff are already at home.</param>
/// <param name="WeeklyDays">Office staff-days held by the emergency weekly rule.</param>
/// <param name="OtherDays">Office staff-days held by a fixed office day, or by nothing.</param>
/// <param name="TeamA">Staff of team A (at home on the period's 1st, 3rd, … working days).</param>
/// <param name="TeamB">Staff of team B (at home on the 2nd, 4th, … working days).</param>
/// <param name="AllHome">Staff at home on every day they are present.</param>
/// <param name="OfficeStaff">Staff whose work cannot be done from home.</param>
/// <param name="PhoneMailStaff">Staff whose work at home needs no internal system: phone and mail only, no PC.</param>
public sealed record EmergencyFigures(string Code, string Name, string DepartmentName, int Staff, int PresentDays, int HomeDays,
    int OfficeOnlyDays, int MinimumStaffingDays, int PcDays, int RotationDays, int WeeklyDays, int OtherDays,
    int TeamA, int TeamB, int AllHome, int OfficeStaff, int PhoneMailStaff)
{
    /// <summary>Share of present staff-days not in the office.</summary>
    public double Reduction => PresentDays == 0 ? 0 : (double)HomeDays / PresentDays;

    /// <summary>Office staff-days.</summary>
    public int OfficeDays => PresentDays - HomeDays;

    /// <summary>True when the reduction reaches the 70% goal.</summary>
    public bool MeetsGoal => Reduction >= EmergencyReport.NationalGoal - 1e-9;

    /// <summary>The rule holding the most office staff-days, or null when nothing does.</summary>
    public EmergencyLimit? MainLimit
    {
        get
        {
            (EmergencyLimit Limit, int Days)[] limits =
            [
                (EmergencyLimit.OfficeOnlyTasks, OfficeOnlyDays), (EmergencyLimit.MinimumStaffing, MinimumStaffingDays),
                (EmergencyLimit.TeleworkPcs, PcDays), (EmergencyLimit.Rotation, RotationDays), (EmergencyLimit.WeeklyRule, WeeklyDays),
            ];
            var top = limits.MaxBy(l => l.Days);
            return top.Days > 0 ? top.Limit : null;
        }
    }
}

/// <summary>What holds staff in the office in an emergency plan.</summary>
public enum EmergencyLimit
{
    /// <summary>在宅不可の業務 — counter work, confidential personal data, My Number systems, paper or same-room work every day.</summary>
    OfficeOnlyTasks,

    /// <summary>最低限の出勤者 — the section's essential staffing.</summary>
    MinimumStaffing,

    /// <summary>端末不足 — every telework PC is in use.</summary>
    TeleworkPcs,

    /// <summary>交代制 — half of the rotation staff are at home.</summary>
    Rotation,

    /// <summary>週の規則 — the emergency weekly rule.</summary>
    WeeklyRule,
}

public static class EmergencyLimitText
{
    public static LocalizedText Label(this EmergencyLimit limit) => limit switch
    {
        EmergencyLimit.OfficeOnlyTasks => new("在宅不可の業務", "office-only tasks"),
        EmergencyLimit.MinimumStaffing => new("最低限の出勤者", "minimum staffing"),
        EmergencyLimit.TeleworkPcs => new("テレワーク端末の不足", "telework PCs"),
        EmergencyLimit.Rotation => new("交代制（半数まで）", "rotation (half at most)"),
        _ => new("週の出勤日の規則", "weekly rule"),
    };
}
