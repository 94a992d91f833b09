using Zaitaku.Planning;

namespace Zaitaku.Planning.Tests.Rotation;

/// <summary>
/// Checks a plan against the hard rules of issue 6, read word by word and written apart from the
/// planner (it shares no code with it but the records): a list of what is broken, empty when the
/// plan keeps every rule.
/// </summary>
internal static class PlanChecker
{
    public static List<string> Violations(RotationInstance instance, RotationPlan plan)
    {
        var broken = new List<string>();
        var days = instance.Days;
        var place = new Dictionary<string, IReadOnlyList<DayPlace>>();
        foreach (var person in instance.Staff)
        {
            if (!plan.Assignments.TryGetValue(person.Id, out var list) || list.Count != days.Count)
            {
                broken.Add($"{person.Id}: no assignment with one entry per day");
                continue;
            }

            place[person.Id] = list;
        }

        if (plan.Assignments.Count != instance.Staff.Count) broken.Add("assignments list staff not in the instance");
        if (broken.Count > 0) return broken;

        // Each staff member on each day is leave (exactly the leave days), home or office.
        foreach (var person in instance.Staff)
        {
            for (var d = 0; d < days.Count; d++)
            {
                var onLeave = person.Leave.Contains(days[d]);
                if (onLeave != (place[person.Id][d] == DayPlace.Leave)) broken.Add($"{person.Id} {days[d]}: leave must be exactly the leave days");
            }
        }

        // 1. office eligibility and fixedOffice days are never home. (Pinned fixedHome days are home.)
        foreach (var person in instance.Staff)
        {
            for (var d = 0; d < days.Count; d++)
            {
                var home = place[person.Id][d] == DayPlace.Home;
                if (home && person.Eligibility == Eligibility.Office) broken.Add($"rule 1: {person.Id} is office-only but home on {days[d]}");
                if (home && person.FixedOffice.Contains(days[d])) broken.Add($"rule 1: {person.Id} is home on fixedOffice day {days[d]}");
                if (!home && person.FixedHome.Contains(days[d])) broken.Add($"pinned: {person.Id} is not home on fixedHome day {days[d]}");
            }
        }

        // 2. Each calendar week (Monday–Sunday) of the period.
        static DateOnly MondayOf(DateOnly day) => day.AddDays(day.DayOfWeek == DayOfWeek.Sunday ? -6 : 1 - (int)day.DayOfWeek);
        foreach (var person in instance.Staff)
        {
            foreach (var week in Enumerable.Range(0, days.Count).GroupBy(d => MondayOf(days[d])))
            {
                var home = week.Count(d => place[person.Id][d] == DayPlace.Home);
                var office = week.Count(d => place[person.Id][d] == DayPlace.Office);
                var notLeave = week.Count(d => place[person.Id][d] != DayPlace.Leave);
                if (home > instance.Rules.MaxHomeDaysPerWeek) broken.Add($"rule 2: {person.Id} home {home} days in week of {week.Key}");
                if (office < Math.Min(instance.Rules.MinOfficeDaysPerWeek, notLeave)) broken.Add($"rule 2: {person.Id} office only {office} days in week of {week.Key}");
            }
        }

        for (var d = 0; d < days.Count; d++)
        {
            foreach (var section in instance.Sections)
            {
                var members = instance.Staff.Where(p => p.Section == section.Id).ToList();
                var present = members.Count(p => place[p.Id][d] != DayPlace.Leave);
                var office = members.Count(p => place[p.Id][d] == DayPlace.Office);
                // 3. office count ≥ min(present, max(minOffice, ⌈minOfficeShare × present⌉)).
                var needed = Math.Min(present, Math.Max(section.MinOffice, (int)decimal.Ceiling(section.MinOfficeShare * present)));
                if (office < needed) broken.Add($"rule 3: section {section.Id} has {office} in the office on {days[d]}, needs {needed}");

                // 4. rotation staff at home at most ⌊rotation staff present / 2⌋.
                var rotationPresent = members.Count(p => p.Eligibility == Eligibility.Rotation && place[p.Id][d] != DayPlace.Leave);
                var rotationHome = members.Count(p => p.Eligibility == Eligibility.Rotation && place[p.Id][d] == DayPlace.Home);
                if (rotationHome > rotationPresent / 2) broken.Add($"rule 4: section {section.Id} has {rotationHome} rotation staff home on {days[d]} of {rotationPresent}");
            }

            // 5. staff at home with needsDevice at most devicePool.
            var devices = instance.Staff.Count(p => p.NeedsDevice && place[p.Id][d] == DayPlace.Home);
            if (devices > instance.DevicePool) broken.Add($"rule 5: {devices} PCs in use on {days[d]}, pool {instance.DevicePool}");
        }

        // 6. home staff-days at most targetHomeDays.
        var homeDays = place.Values.Sum(l => l.Count(x => x == DayPlace.Home));
        if (instance.TargetHomeDays is { } target && homeDays > target) broken.Add($"rule 6: {homeDays} home staff-days, target {target}");

        if (plan.HomeDays != homeDays) broken.Add($"homeDays says {plan.HomeDays}, the assignments have {homeDays}");
        if (plan.HomeDays > plan.Bound) broken.Add($"homeDays {plan.HomeDays} above the bound {plan.Bound}");
        return broken;
    }

    /// <summary>The three objective tiers of a plan: home staff-days, prefersHome honoured, Σ over staff of (home days)².</summary>
    public static (int Homes, int Prefers, long Squares) Objective(RotationInstance instance, RotationPlan plan)
    {
        int homes = 0, prefers = 0;
        long squares = 0;
        foreach (var person in instance.Staff)
        {
            var list = plan.Assignments[person.Id];
            var h = 0;
            for (var d = 0; d < instance.Days.Count; d++)
            {
                if (list[d] != DayPlace.Home) continue;
                h++;
                if (person.PrefersHome.Contains(instance.Days[d])) prefers++;
            }

            homes += h;
            squares += (long)h * h;
        }

        return (homes, prefers, squares);
    }
}
