using Zaitaku.Planning;

namespace Zaitaku.Planning.Tests.Rotation;

/// <summary>
/// The true lexicographic optimum of a tiny instance by trying every home/office choice, each
/// judged by <see cref="PlanChecker"/>: independent of the planner's model and bound.
/// </summary>
internal static class BruteForce
{
    public static (int Homes, int Prefers, long Squares)? Optimum(RotationInstance instance)
    {
        var free = new List<(int Staff, int Day)>();
        var baseline = new DayPlace[instance.Staff.Count][];
        for (var i = 0; i < instance.Staff.Count; i++)
        {
            var person = instance.Staff[i];
            baseline[i] = new DayPlace[instance.Days.Count];
            for (var d = 0; d < instance.Days.Count; d++)
            {
                var day = instance.Days[d];
                if (person.Leave.Contains(day)) baseline[i][d] = DayPlace.Leave;
                else if (person.FixedHome.Contains(day)) baseline[i][d] = DayPlace.Home;
                else
                {
                    baseline[i][d] = DayPlace.Office;
                    if (person.Eligibility != Eligibility.Office && !person.FixedOffice.Contains(day)) free.Add((i, d));
                }
            }
        }

        if (free.Count > 12) throw new ArgumentException($"too many free staff-days for brute force: {free.Count}");
        (int, int, long)? best = null;
        for (var mask = 0; mask < 1 << free.Count; mask++)
        {
            var grid = baseline.Select(row => (DayPlace[])row.Clone()).ToArray();
            for (var k = 0; k < free.Count; k++)
            {
                if ((mask & (1 << k)) != 0) grid[free[k].Staff][free[k].Day] = DayPlace.Home;
            }

            var plan = new RotationPlan
            {
                Status = PlanStatus.Feasible,
                HomeDays = grid.Sum(r => r.Count(x => x == DayPlace.Home)),
                Bound = int.MaxValue,
                Assignments = Enumerable.Range(0, grid.Length).ToDictionary(i => instance.Staff[i].Id, i => (IReadOnlyList<DayPlace>)grid[i]),
            };
            if (PlanChecker.Violations(instance, plan).Count > 0) continue;
            var value = PlanChecker.Objective(instance, plan);
            if (best is not { } b
                || value.Homes > b.Item1
                || (value.Homes == b.Item1 && value.Prefers > b.Item2)
                || (value.Homes == b.Item1 && value.Prefers == b.Item2 && value.Squares < b.Item3))
            {
                best = value;
            }
        }

        return best;
    }
}
