using Google.OrTools.Sat;

namespace Zaitaku.Planning;

/// <summary>Section solves: one CP-SAT model per section, tiers weighted to be exactly lexicographic, plans kept within PC shares.</summary>
internal sealed partial class PlannerRun
{
    private void SolveSections(int[] sections, int[][]? budgets, bool[]? scarce, bool evenness = false, double secondsEach = 10)
    {
        Parallel.ForEach(
            sections,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Workers), CancellationToken = Token },
            s => SolveSection(s, budgets?[s], scarce, evenness, secondsEach));
        Token.ThrowIfCancellationRequested();
    }

    /// <summary>One section as one CP-SAT model, its tiers weighted so that the weighted optimum is the lexicographic one.</summary>
    private void SolveSection(int s, int[]? budget, bool[]? scarce, bool evenness, double secondsEach)
    {
        var staff = _p.SectionStaff[s];
        // Whatever the solver does (or if time is up), the section's plan must fit its PC shares.
        if (budget is not null) EnforceBudget(s, budget);
        var model = HomeModel.Build(_p, staff, budget, target: null);
        if (model.FreeCount == 0 || Remaining <= TimeSpan.Zero) return;

        var tiers = new List<(LinearExpr Expr, long Range, int Sign)> { (model.Homes(), model.FreeCount, +1) };
        if (scarce is not null)
        {
            var devices = model.DevicesOn(scarce, out var range);
            if (range > 0) tiers.Add((devices, range, -1));
        }

        if (model.PrefersRange > 0) tiers.Add((model.Prefers(), model.PrefersRange, +1));
        if (evenness)
        {
            var squares = model.Squares(out var squaresRange);
            if (squaresRange > 0) tiers.Add((squares, squaresRange, -1));
        }

        model.Model.Maximize(Weighted(tiers));
        model.Hint(_home);

        using var solver = new CpSolver();
        var seconds = Math.Min(Remaining.TotalSeconds, secondsEach);
        // CP-SAT's presolve costs more than it saves on models this small; the richer LP proves the weighted optimum sooner.
        solver.StringParameters = $"num_workers:1 cp_model_presolve:false linearization_level:2 max_time_in_seconds:{seconds:0.###}";
        using var stop = Token.Register(solver.StopSearch);
        var status = solver.Solve(model.Model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return;

        var next = new bool[_home.Length];
        model.Read(x => solver.BooleanValue(x), next);
        // A time-out may return a worse plan than the hint; keep the old one when it is still allowed.
        if (status == CpSolverStatus.Feasible && Worse(s, next, _home)) return;
        foreach (var i in staff)
        {
            for (var d = 0; d < _p.Days; d++)
            {
                var cell = _p.At(i, d);
                if (_p.Cells[cell] == Cell.Free) _home[cell] = next[cell];
            }
        }
    }

    /// <summary>Lexicographic weights: each tier outweighs the whole range of all the tiers after it.</summary>
    private static LinearExpr Weighted(List<(LinearExpr Expr, long Range, int Sign)> tiers)
    {
        while (true)
        {
            var weights = new long[tiers.Count];
            var below = 0L;
            var overflow = false;
            for (var k = tiers.Count - 1; k >= 0; k--)
            {
                weights[k] = below + 1;
                try
                {
                    below = checked(below + (weights[k] * tiers[k].Range));
                }
                catch (OverflowException)
                {
                    overflow = true;
                    break;
                }
            }

            // Keep the objective exact in CP-SAT's double LP: drop the last tier (evenness) if weights grow too large.
            if (overflow || below > (1L << 50))
            {
                tiers.RemoveAt(tiers.Count - 1);
                continue;
            }

            var builder = LinearExpr.NewBuilder();
            for (var k = 0; k < tiers.Count; k++) builder.AddTerm(tiers[k].Expr, tiers[k].Sign * weights[k]);
            return builder;
        }
    }

    /// <summary>Sends PC-needing staff to the office on days where the plan uses more PCs than the pool (wishes kept longest).</summary>
    private void FitPool(bool[] home)
    {
        for (var d = 0; d < _p.Days; d++)
        {
            var used = 0;
            for (var i = 0; i < _p.StaffCount; i++)
            {
                if (_p.NeedsDevice[i] && home[_p.At(i, d)] && _p.Cells[_p.At(i, d)] != Cell.Leave) used++;
            }

            foreach (var prefersPass in new[] { false, true })
            {
                for (var i = _p.StaffCount - 1; i >= 0 && used > _p.Pool; i--)
                {
                    var cell = _p.At(i, d);
                    if (!_p.NeedsDevice[i] || !home[cell] || _p.Cells[cell] != Cell.Free || _p.Prefers[cell] != prefersPass) continue;
                    home[cell] = false;
                    used--;
                }
            }
        }
    }

    /// <summary>Sends PC-needing staff of the section to the office on days where it uses more PCs than its share (wishes kept longest).</summary>
    private void EnforceBudget(int s, int[] budget)
    {
        for (var d = 0; d < _p.Days; d++)
        {
            var used = 0;
            foreach (var i in _p.SectionStaff[s])
            {
                if (_p.NeedsDevice[i] && _home[_p.At(i, d)] && _p.Cells[_p.At(i, d)] != Cell.Leave) used++;
            }

            foreach (var prefersPass in new[] { false, true })
            {
                foreach (var i in _p.SectionStaff[s])
                {
                    if (used <= budget[d]) break;
                    var cell = _p.At(i, d);
                    if (!_p.NeedsDevice[i] || !_home[cell] || _p.Cells[cell] != Cell.Free || _p.Prefers[cell] != prefersPass) continue;
                    _home[cell] = false;
                    used--;
                }
            }
        }
    }

    /// <summary>Whether a section's plan <paramref name="a"/> is lexicographically worse than <paramref name="b"/> (homes, prefersHome, Σ h²).</summary>
    private bool Worse(int s, bool[] a, bool[] b)
    {
        var (homesA, prefersA, squaresA) = Tiers(s, a);
        var (homesB, prefersB, squaresB) = Tiers(s, b);
        if (homesA != homesB) return homesA < homesB;
        if (prefersA != prefersB) return prefersA < prefersB;
        return squaresA > squaresB;
    }

    private (int Homes, int Prefers, long Squares) Tiers(int s, bool[] home)
    {
        int homes = 0, prefers = 0;
        long squares = 0;
        foreach (var i in _p.SectionStaff[s])
        {
            var h = 0;
            for (var d = 0; d < _p.Days; d++)
            {
                var cell = _p.At(i, d);
                if (!home[cell] || _p.Cells[cell] == Cell.Leave) continue;
                h++;
                if (_p.Prefers[cell]) prefers++;
            }

            homes += h;
            squares += (long)h * h;
        }

        return (homes, prefers, squares);
    }

    private int CountFreeHomes(int s, bool[] home)
    {
        var n = 0;
        foreach (var i in _p.SectionStaff[s])
        {
            for (var d = 0; d < _p.Days; d++)
            {
                var cell = _p.At(i, d);
                if (home[cell] && _p.Cells[cell] == Cell.Free) n++;
            }
        }

        return n;
    }
}
