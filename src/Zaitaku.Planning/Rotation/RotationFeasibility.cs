namespace Zaitaku.Planning;

/// <summary>
/// Every hard rule only caps home days (rule 2's office minimum is a cap on home days of the
/// week), so the set of plans is closed under sending someone to the office: an instance has a
/// plan exactly when the plan with nobody at home except pinned (fixedHome) days keeps the rules.
/// This check is therefore complete, and each rule that plan breaks is what cannot be met.
/// </summary>
internal static class RotationFeasibility
{
    public static List<PlanConflict> Conflicts(RotationProblem p)
    {
        var conflicts = new List<PlanConflict>();
        var instance = p.Instance;
        string DayText(int d) => RotationInstanceJson.Format(instance.Days[d]);

        for (var i = 0; i < p.StaffCount; i++)
        {
            var id = instance.Staff[i].Id;
            var pinnedInWeek = new int[p.Weeks];
            for (var d = 0; d < p.Days; d++)
            {
                if (p.Cells[p.At(i, d)] != Cell.Pinned) continue;
                pinnedInWeek[p.WeekOfDay[d]]++;
                if (p.EligibilityOf[i] == Eligibility.Office)
                {
                    conflicts.Add(new PlanConflict(1, instance.Days[d], null, id, new LocalizedText(
                        $"職員 {id} は在宅不可（office）ですが、{DayText(d)} が在宅（fixedHome）に固定されています",
                        $"staff {id} has office eligibility but is pinned at home (fixedHome) on {DayText(d)}")));
                }
            }

            for (var w = 0; w < p.Weeks; w++)
            {
                var cap = p.WeekCap[(i * p.Weeks) + w];
                if (pinnedInWeek[w] <= cap) continue;
                var first = DayText(p.WeekDays[w][0]);
                conflicts.Add(new PlanConflict(2, instance.Days[p.WeekDays[w][0]], null, id, new LocalizedText(
                    $"職員 {id} は {first} の週に在宅固定が {pinnedInWeek[w]} 日ありますが、週の在宅は最大 {cap} 日です（週 {instance.Rules.MaxHomeDaysPerWeek} 日まで・出勤 {instance.Rules.MinOfficeDaysPerWeek} 日以上）",
                    $"staff {id} is pinned at home {pinnedInWeek[w]} days in the week of {first}, but at most {cap} home days fit that week (max {instance.Rules.MaxHomeDaysPerWeek} home, min {instance.Rules.MinOfficeDaysPerWeek} office)")));
            }
        }

        var pinnedTotal = 0;
        for (var d = 0; d < p.Days; d++)
        {
            var deviceDay = 0;
            for (var s = 0; s < p.SectionCount; s++)
            {
                int home = 0, rotation = 0;
                foreach (var i in p.SectionStaff[s])
                {
                    if (p.Cells[p.At(i, d)] != Cell.Pinned) continue;
                    home++;
                    if (p.EligibilityOf[i] == Eligibility.Rotation) rotation++;
                    if (p.NeedsDevice[i]) deviceDay++;
                }

                pinnedTotal += home;
                var sd = p.SectionDay(s, d);
                var sectionId = instance.Sections[s].Id;
                if (home > p.HomeCap[sd])
                {
                    conflicts.Add(new PlanConflict(3, instance.Days[d], sectionId, null, new LocalizedText(
                        $"所属 {sectionId} は {DayText(d)} に出勤者が {p.OfficeMin[sd]} 人必要です（出勤可能 {p.Present[sd]} 人）が、在宅固定が {home} 人のため出勤は {p.Present[sd] - home} 人にしかなりません",
                        $"section {sectionId} needs {p.OfficeMin[sd]} in the office on {DayText(d)} ({p.Present[sd]} present), but {home} are pinned at home, leaving {p.Present[sd] - home}")));
                }

                if (rotation > p.RotationCap[sd])
                {
                    conflicts.Add(new PlanConflict(4, instance.Days[d], sectionId, null, new LocalizedText(
                        $"所属 {sectionId} は {DayText(d)} に交代制の職員 {p.RotationPresent[sd]} 人のうち在宅は {p.RotationCap[sd]} 人までですが、在宅固定が {rotation} 人です",
                        $"section {sectionId} may have at most {p.RotationCap[sd]} of its {p.RotationPresent[sd]} rotation staff at home on {DayText(d)}, but {rotation} are pinned at home")));
                }
            }

            if (deviceDay > p.Pool)
            {
                conflicts.Add(new PlanConflict(5, instance.Days[d], null, null, new LocalizedText(
                    $"{DayText(d)} は在宅固定で端末が {deviceDay} 台必要ですが、貸出用端末は {p.Pool} 台です",
                    $"{DayText(d)}: staff pinned at home need {deviceDay} telework PCs, but the pool has {p.Pool}")));
            }
        }

        if (p.Target is { } target && pinnedTotal > target)
        {
            conflicts.Add(new PlanConflict(6, null, null, null, new LocalizedText(
                $"在宅固定が合計 {pinnedTotal} 人日ありますが、目標上限（targetHomeDays）は {target} 人日です",
                $"pinned home days add up to {pinnedTotal} staff-days, above targetHomeDays {target}")));
        }

        return conflicts;
    }
}
