using Google.OrTools.Sat;

namespace Zaitaku.Planning;

/// <summary>The whole instance as one CP-SAT model, tier by tier, for instances small enough.</summary>
internal sealed partial class PlannerRun
{
    /// <summary>
    /// The whole instance as one CP-SAT model, tier by tier: most home days, then (holding that)
    /// most prefersHome days, then (holding both) least Σ h². Each phase starts from the best plan.
    /// </summary>
    private void WholeModel()
    {
        var everyone = Enumerable.Range(0, _p.StaffCount).ToArray();
        var pool = Enumerable.Repeat(_p.Pool, _p.Days).ToArray();
        var model = HomeModel.Build(_p, everyone, pool, _p.Target);
        var pinned = CountHomes(_best) - CountFreeHomesAll(_best);
        var homes = model.Homes();

        // Phase 1: most home staff-days (skipped when the bound is already reached).
        var freeHomes = CountFreeHomesAll(_best);
        if (_bestHomes < Bound)
        {
            model.Model.Maximize(homes);
            model.Hint(_best);
            var (status, solver, values) = Run(model, Remaining.TotalSeconds * 0.6, pinned, reportHomes: true);
            if (status == CpSolverStatus.Optimal) Bound = Math.Min(Bound, (int)solver!.ObjectiveValue + pinned);
            else if (status == CpSolverStatus.Feasible) Bound = Math.Min(Bound, (int)Math.Floor(solver!.BestObjectiveBound + 1e-6) + pinned);
            solver?.Dispose();
            if (values is not null && CountHomes(values) > _bestHomes) Accept(values);
            Log($"whole model, homes ({status})");
            freeHomes = CountFreeHomesAll(_best);
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return;
        }

        // Phase 2: most prefersHome days honoured, home days held.
        model.Model.Add(homes >= freeHomes);
        var prefers = model.Prefers();
        if (model.PrefersRange > 0 && Remaining > TimeSpan.FromMilliseconds(100))
        {
            model.Model.Maximize(prefers);
            model.Hint(_best);
            var (status, solver, values) = Run(model, Remaining.TotalSeconds * 0.6, pinned, reportHomes: false);
            solver?.Dispose();
            if (values is not null && Prefers(values) >= Prefers(_best) && CountHomes(values) >= _bestHomes) Accept(values);
            Log($"whole model, prefers ({status})");
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return;
        }

        // Phase 3: home days spread evenly, both held.
        model.Model.Add(prefers >= FreePrefers(_best));
        var squares = model.Squares(out var range);
        if (range > 0 && Remaining > TimeSpan.FromMilliseconds(100))
        {
            model.Model.Minimize(squares);
            model.Hint(_best);
            var (status, solver, values) = Run(model, Remaining.TotalSeconds, pinned, reportHomes: false);
            solver?.Dispose();
            if (values is not null && CountHomes(values) >= _bestHomes && Prefers(values) >= Prefers(_best)) Accept(values);
            Log($"whole model, evenness ({status})");
        }
    }

    private (CpSolverStatus Status, CpSolver? Solver, bool[]? Values) Run(HomeModel model, double seconds, int pinned, bool reportHomes)
    {
        if (seconds <= 0.01) return (CpSolverStatus.Unknown, null, null);
        var solver = new CpSolver
        {
            StringParameters = $"num_workers:{Math.Max(1, _options.Workers)} max_time_in_seconds:{seconds:0.###}",
        };
        using var stop = Token.Register(solver.StopSearch);
        var status = reportHomes ? solver.Solve(model.Model, new ProgressCallback(this, pinned)) : solver.Solve(model.Model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return (status, solver, null);
        var values = (bool[])_best.Clone();
        model.Read(x => solver.BooleanValue(x), values);
        return (status, solver, values);
    }

    private void Accept(bool[] values)
    {
        _best = values;
        _bestHomes = CountHomes(values);
        Report(_bestHomes);
    }

    /// <summary>Reports each better whole-model plan of phase 1 to the progress callback.</summary>
    private sealed class ProgressCallback(PlannerRun run, int pinned) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback()
        {
            if (run._options.Progress is null) return;
            var homes = (int)Math.Round(ObjectiveValue()) + pinned;
            if (homes > run._reportedHomes && homes <= run.Bound) run.Report(homes);
        }
    }
}
