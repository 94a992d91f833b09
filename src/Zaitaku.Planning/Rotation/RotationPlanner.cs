using System.Diagnostics;

namespace Zaitaku.Planning;

/// <summary>
/// Plans who is at home on which day (交代制の在宅勤務計画): rules 1–6 of issue 6 are hard;
/// the objective is lexicographic — most home staff-days, then most prefersHome days honoured,
/// then home days spread evenly (least Σ h² over staff). See docs/planner.md for the method.
/// </summary>
public static class RotationPlanner
{
    /// <summary>
    /// Solves an instance. Never throws for an infeasible instance: the plan says what cannot be met.
    /// An instance that breaks its own format (see <see cref="RotationInstanceJson.Validate"/>) is a
    /// programming error here and throws <see cref="ArgumentException"/> naming the fields.
    /// </summary>
    public static RotationPlan Solve(RotationInstance instance, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new PlannerOptions();
        var clock = Stopwatch.StartNew();
        if (RotationInstanceJson.Validate(instance).Error is RotationInstanceInvalid invalid)
            throw new ArgumentException(string.Join("; ", invalid.Issues.Select(i => i.Message.En)), nameof(instance));
        var problem = RotationProblem.Compile(instance);
        var conflicts = RotationFeasibility.Conflicts(problem);
        if (conflicts.Count > 0)
        {
            return new RotationPlan
            {
                Status = PlanStatus.Infeasible,
                HomeDays = 0,
                Bound = 0,
                Assignments = new Dictionary<string, IReadOnlyList<DayPlace>>(),
                Conflicts = conflicts,
                Elapsed = clock.Elapsed,
            };
        }

        var run = new PlannerRun(problem, options, clock);
        var home = run.Execute();
        return ToPlan(problem, home, run.Bound, clock.Elapsed);
    }

    internal static RotationPlan ToPlan(RotationProblem p, bool[] home, int bound, TimeSpan elapsed)
    {
        var assignments = new Dictionary<string, IReadOnlyList<DayPlace>>(p.StaffCount, StringComparer.Ordinal);
        int homeDays = 0, prefers = 0;
        for (var i = 0; i < p.StaffCount; i++)
        {
            var days = new DayPlace[p.Days];
            for (var d = 0; d < p.Days; d++)
            {
                var cell = p.At(i, d);
                days[d] = p.Cells[cell] == Cell.Leave ? DayPlace.Leave : home[cell] ? DayPlace.Home : DayPlace.Office;
                if (days[d] != DayPlace.Home) continue;
                homeDays++;
                if (p.Prefers[cell]) prefers++;
            }

            assignments[p.Instance.Staff[i].Id] = days;
        }

        return new RotationPlan
        {
            Status = homeDays >= bound ? PlanStatus.Optimal : PlanStatus.Feasible,
            HomeDays = homeDays,
            Bound = bound,
            Assignments = assignments,
            PrefersHomeHonoured = prefers,
            Elapsed = elapsed,
        };
    }
}
