using System.Diagnostics;
using Google.OrTools.Sat;

namespace Zaitaku.Planning;

/// <summary>
/// One solve: the bound, then sections solved independently with CP-SAT (the PC pool split
/// among them per day when it binds), then — for instances small enough — the whole model
/// polished tier by tier. Keeps the best feasible plan at every step so that a time-out or a
/// cancellation still returns a plan that keeps every rule.
/// </summary>
internal sealed class PlannerRun
{
    private readonly RotationProblem _p;
    private readonly PlannerOptions _options;
    private readonly Stopwatch _clock;
    private readonly bool[] _home;
    private bool[] _best;
    private int _bestHomes;
    private int _reportedHomes = -1;
    private int _reportedBound = -1;

    public PlannerRun(RotationProblem p, PlannerOptions options, Stopwatch clock)
    {
        _p = p;
        _options = options;
        _clock = clock;
        _home = new bool[p.StaffCount * p.Days];
        for (var c = 0; c < _home.Length; c++) _home[c] = p.Cells[c] == Cell.Pinned;
        _best = (bool[])_home.Clone();
        _bestHomes = CountHomes(_best);
        Bound = p.StaffCount * p.Days;
    }

    public int Bound { get; private set; }

    /// <summary>Diagnostic trace of the solve's steps (set by the benchmark harness; null in production).</summary>
    internal static Action<string>? Trace { get; set; }

    private void Log(string step) => Trace?.Invoke($"{_clock.Elapsed.TotalSeconds,7:0.000}s {step}: best {_bestHomes}, bound {Bound}, working {CountHomes(_home)}");

    private TimeSpan Remaining => _options.TimeLimit - _clock.Elapsed;

    private CancellationToken Token => _options.CancellationToken;

    public bool[] Execute()
    {
        try
        {
            var bound = RotationBound.Compute(_p, _options.Workers, Token);
            Bound = bound.Value;
            // The bound's flows keep every rule but the pool and the target: a first hint for the sections,
            // and, with PCs taken back where the pool overflows, a first plan within a second.
            Array.Copy(bound.Start, _home, _home.Length);
            var first = (bool[])bound.Start.Clone();
            FitPool(first);
            Commit(first);
            Report(_bestHomes);
            Log("bound");
            var coupled = Decompose(bound.PoolBinds);
            if (coupled && _bestHomes <= Bound && CountFree() <= _options.WholeModelLimit && Remaining > TimeSpan.FromMilliseconds(200))
                WholeModel();
        }
        catch (OperationCanceledException)
        {
            // Stopped by the caller: the best plan so far stands.
        }

        return _best;
    }

    /// <summary>Solves section by section; returns whether sections were coupled (pool or target binding).</summary>
    private bool Decompose(bool[] poolBinds)
    {
        var all = Enumerable.Range(0, _p.SectionCount).ToArray();
        var scarce = (bool[])poolBinds.Clone();
        if (!scarce.Any(b => b))
        {
            // The bound does not price the pool: most likely each section can simply do its best.
            SolveSections(all, budgets: null, scarce: null);
            Log("sections, no pool");
            var use = DeviceUse(_home, prefersOnly: false);
            for (var d = 0; d < _p.Days; d++) scarce[d] = DayTotal(use, d) > _p.Pool;
            if (!scarce.Any(b => b))
            {
                var untrimmed = Commit();
                Polish(all);
                return !untrimmed;
            }
        }

        // The pool binds: first ask each section what it would do with PCs steered away from scarce days…
        SolveSections(all, budgets: null, scarce: scarce);
        Log("sections, demand");
        var demand = DeviceUse(_home, prefersOnly: false);
        var demandPrefers = DeviceUse(_home, prefersOnly: true);
        // …then split each day's pool among sections and solve again within their shares.
        var budgets = Allocate(demand, demandPrefers);
        SolveSections(all, budgets, scarce: null);
        Commit();
        Log("sections, shares");

        // Give PCs left unused on a day to the sections that used all of theirs, until nothing improves.
        for (var round = 0; round < 20 && Remaining > TimeSpan.Zero; round++)
        {
            var use = DeviceUse(_home, prefersOnly: false);
            var hungry = Redistribute(use, demand, budgets);
            if (hungry.Length == 0) break;
            var before = CountHomes(_home);
            SolveSections(hungry, budgets, scarce: null);
            Commit();
            Log($"round {round}: {hungry.Length} sections");
            if (CountHomes(_home) <= before) break;
        }

        // Swaps: sections keep their home days but use fewer PCs on days whose pool is full — moving
        // PC-needing home days to days with spare PCs, or sending home colleagues who need none —
        // and the PCs this frees go to sections that were short of them.
        for (var swap = 0; swap < 10 && Remaining > TimeSpan.Zero; swap++)
        {
            var use = DeviceUse(_home, prefersOnly: false);
            var tight = new bool[_p.Days];
            for (var d = 0; d < _p.Days; d++)
            {
                tight[d] = DayTotal(use, d) >= _p.Pool;
            }

            if (!tight.Any(t => t)) break;
            for (var s = 0; s < _p.SectionCount; s++) Array.Copy(use[s], budgets[s], _p.Days);
            for (var d = 0; d < _p.Days; d++)
            {
                if (tight[d]) continue;
                var room = new long[_p.SectionCount];
                for (var s = 0; s < _p.SectionCount; s++) room[s] = DeviceRoom(s, d) - use[s][d];
                Share(_p.Pool - DayTotal(use, d), room, budgets, d);
            }

            // Also without spare days: a section may free a PC by sending home a colleague who needs none.
            var movers = all.Where(s => Enumerable.Range(0, _p.Days).Any(d => tight[d] && use[s][d] > 0)).ToArray();
            if (movers.Length == 0) break;
            var before = CountHomes(_home);
            SolveSections(movers, budgets, scarce: tight);
            var hungry = Redistribute(DeviceUse(_home, prefersOnly: false), demand, budgets);
            SolveSections(hungry, budgets, scarce: null);
            Commit();
            Log($"swap {swap}: {movers.Length} sections moved, {hungry.Length} refilled");
            if (CountHomes(_home) <= before) break;
        }

        Polish(all);
        return true;
    }

    /// <summary>
    /// Spreads home days evenly inside each section (tier 3), each section keeping the PCs it uses
    /// plus a share of the spare ones, so the pool still holds. Time-boxed per section.
    /// </summary>
    private void Polish(int[] sections)
    {
        if (Remaining <= TimeSpan.Zero) return;
        // Polish the plan with the most home days, even if that is the first plan from the flows.
        if (_bestHomes > CountHomes(_home)) Array.Copy(_best, _home, _home.Length);
        var use = DeviceUse(_home, prefersOnly: false);
        var budgets = Allocate(use, DeviceUse(_home, prefersOnly: true));
        var perSection = Remaining.TotalSeconds * Math.Max(1, _options.Workers) / Math.Max(1, sections.Length) * 0.8;
        SolveSections(sections, budgets, scarce: null, evenness: true, secondsEach: Math.Clamp(perSection, 0.01, 0.25));
        Commit();
        Log("sections, evenness");
    }

    /// <summary>Makes the working plan the best plan if it is no worse, trimming it to the target first; returns false if trimming was needed.</summary>
    private bool Commit(bool[]? plan = null)
    {
        var candidate = (bool[])(plan ?? _home).Clone();
        var trimmed = _p.Target is { } target && Trim(candidate, target);
        var homes = CountHomes(candidate);
        if (homes >= _bestHomes)
        {
            _best = candidate;
            _bestHomes = homes;
            Report(homes);
        }

        return !trimmed;
    }

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

    /// <summary>
    /// Splits each day's pool among sections. Where the sections' demand fits, each keeps its
    /// demand and the spare PCs go out in proportion to what a section could still use; where it
    /// does not, PCs for prefersHome days go first, then the rest in proportion to demand.
    /// </summary>
    private int[][] Allocate(int[][] demand, int[][] demandPrefers)
    {
        // Pinned days hold their PCs whatever happens: each section keeps those, the rest is shared.
        var pinned = DeviceUse(_p.Cells.Select(c => c == Cell.Pinned).ToArray(), prefersOnly: false);
        var pinnedPrefers = DeviceUse(_p.Cells.Select(c => c == Cell.Pinned).ToArray(), prefersOnly: true);
        var budgets = new int[_p.SectionCount][];
        for (var s = 0; s < _p.SectionCount; s++) budgets[s] = (int[])pinned[s].Clone();
        for (var d = 0; d < _p.Days; d++)
        {
            var pool = _p.Pool - DayTotal(pinned, d);
            var want = new long[_p.SectionCount];
            var wantPrefers = new long[_p.SectionCount];
            for (var s = 0; s < _p.SectionCount; s++)
            {
                want[s] = Math.Max(0, demand[s][d] - pinned[s][d]);
                wantPrefers[s] = Math.Min(want[s], Math.Max(0, demandPrefers[s][d] - pinnedPrefers[s][d]));
            }

            var total = want.Sum();
            if (total <= pool)
            {
                var room = new long[_p.SectionCount];
                for (var s = 0; s < _p.SectionCount; s++)
                {
                    budgets[s][d] += (int)want[s];
                    room[s] = DeviceRoom(s, d) - demand[s][d];
                }

                Share(pool - total, room, budgets, d);
                continue;
            }

            var prefersTotal = wantPrefers.Sum();
            if (prefersTotal >= pool)
            {
                Share(pool, wantPrefers, budgets, d);
                continue;
            }

            var rest = new long[_p.SectionCount];
            for (var s = 0; s < _p.SectionCount; s++)
            {
                budgets[s][d] += (int)wantPrefers[s];
                rest[s] = want[s] - wantPrefers[s];
            }

            Share(pool - prefersTotal, rest, budgets, d);
        }

        return budgets;
    }

    /// <summary>Adds <paramref name="amount"/> to the budgets of day <paramref name="d"/> in proportion to weights, never above a weight (largest remainders).</summary>
    private static void Share(long amount, long[] weights, int[][] budgets, int d)
    {
        var total = weights.Sum(w => Math.Max(0, w));
        if (amount <= 0 || total <= 0) return;
        if (amount >= total)
        {
            for (var s = 0; s < weights.Length; s++) budgets[s][d] += (int)Math.Max(0, weights[s]);
            return;
        }

        var given = 0L;
        var remainders = new List<(double Fraction, int Section)>();
        for (var s = 0; s < weights.Length; s++)
        {
            if (weights[s] <= 0) continue;
            var exact = (double)amount * weights[s] / total;
            var whole = (long)Math.Floor(exact);
            budgets[s][d] += (int)whole;
            given += whole;
            remainders.Add((exact - whole, s));
        }

        foreach (var (_, s) in remainders.OrderByDescending(r => r.Fraction).ThenBy(r => r.Section))
        {
            if (given >= amount) break;
            budgets[s][d]++;
            given++;
        }
    }

    /// <summary>
    /// Lowers every budget to what its section uses, then gives each day's unused PCs to sections
    /// that used all of theirs and have staff who could still be home that day. Returns those sections.
    /// </summary>
    private int[] Redistribute(int[][] use, int[][] demand, int[][] budgets)
    {
        var hungry = new HashSet<int>();
        for (var d = 0; d < _p.Days; d++)
        {
            var spare = _p.Pool - DayTotal(use, d);
            var want = new long[_p.SectionCount];
            for (var s = 0; s < _p.SectionCount; s++)
            {
                var full = use[s][d] >= budgets[s][d];
                budgets[s][d] = use[s][d];
                var room = DeviceRoom(s, d) - use[s][d];
                if (full && room > 0) want[s] = Math.Max(1, Math.Min(room, demand[s][d] - use[s][d] + 1));
            }

            if (spare <= 0 || want.All(w => w == 0)) continue;
            Share(spare, want, budgets, d);
            for (var s = 0; s < _p.SectionCount; s++)
            {
                if (budgets[s][d] > use[s][d]) hungry.Add(s);
            }
        }

        return [.. hungry.Order()];
    }

    /// <summary>How many more of a section's PC-needing staff could be home on a day, ignoring other days (an upper limit for sharing).</summary>
    private int DeviceRoom(int s, int d)
    {
        var sd = _p.SectionDay(s, d);
        int devices = 0, rotationDevices = 0;
        foreach (var i in _p.SectionStaff[s])
        {
            var cell = _p.At(i, d);
            if (!_p.NeedsDevice[i] || _p.Cells[cell] is not (Cell.Free or Cell.Pinned)) continue;
            if (_p.EligibilityOf[i] == Eligibility.Rotation) rotationDevices++;
            else devices++;
        }

        return Math.Min(_p.HomeCap[sd], devices + Math.Min(rotationDevices, _p.RotationCap[sd]));
    }

    /// <summary>Removes free home days until the plan has at most <paramref name="target"/>: days nobody asked for first, from the staff with the most home days.</summary>
    private bool Trim(bool[] home, int target)
    {
        var excess = CountHomes(home) - target;
        if (excess <= 0) return false;
        var counts = new int[_p.StaffCount];
        for (var i = 0; i < _p.StaffCount; i++)
        {
            for (var d = 0; d < _p.Days; d++) counts[i] += home[_p.At(i, d)] ? 1 : 0;
        }

        foreach (var prefersPass in new[] { false, true })
        {
            var queue = new PriorityQueue<int, int>();
            for (var i = 0; i < _p.StaffCount; i++) queue.Enqueue(i, -counts[i]);
            while (excess > 0 && queue.TryDequeue(out var i, out _))
            {
                var removed = false;
                for (var d = _p.Days - 1; d >= 0 && !removed; d--)
                {
                    var cell = _p.At(i, d);
                    if (!home[cell] || _p.Cells[cell] != Cell.Free || _p.Prefers[cell] != prefersPass) continue;
                    home[cell] = false;
                    counts[i]--;
                    excess--;
                    removed = true;
                }

                if (removed) queue.Enqueue(i, -counts[i]);
            }
        }

        return true;
    }

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

    private void Report(int homes)
    {
        lock (_clock)
        {
            if (homes <= _reportedHomes && Bound >= _reportedBound) return;
            _reportedHomes = Math.Max(homes, _reportedHomes);
            _reportedBound = Bound;
            _options.Progress?.Invoke(new PlannerProgress(_clock.Elapsed, _reportedHomes, Bound));
        }
    }

    private int CountHomes(bool[] home)
    {
        var n = 0;
        for (var c = 0; c < home.Length; c++)
        {
            if (home[c] && _p.Cells[c] != Cell.Leave) n++;
        }

        return n;
    }

    private int CountFreeHomesAll(bool[] home)
    {
        var n = 0;
        for (var c = 0; c < home.Length; c++)
        {
            if (home[c] && _p.Cells[c] == Cell.Free) n++;
        }

        return n;
    }

    private int CountFree() => _p.Cells.Count(c => c == Cell.Free);

    private int Prefers(bool[] home)
    {
        var n = 0;
        for (var c = 0; c < home.Length; c++)
        {
            if (home[c] && _p.Prefers[c] && _p.Cells[c] != Cell.Leave) n++;
        }

        return n;
    }

    private int FreePrefers(bool[] home)
    {
        var n = 0;
        for (var c = 0; c < home.Length; c++)
        {
            if (home[c] && _p.Prefers[c] && _p.Cells[c] == Cell.Free) n++;
        }

        return n;
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

    /// <summary>[section][day]: home days that take a PC (pinned included), optionally only prefersHome ones.</summary>
    private int[][] DeviceUse(bool[] home, bool prefersOnly)
    {
        var use = new int[_p.SectionCount][];
        for (var s = 0; s < _p.SectionCount; s++)
        {
            use[s] = new int[_p.Days];
            foreach (var i in _p.SectionStaff[s])
            {
                if (!_p.NeedsDevice[i]) continue;
                for (var d = 0; d < _p.Days; d++)
                {
                    var cell = _p.At(i, d);
                    if (home[cell] && _p.Cells[cell] != Cell.Leave && (!prefersOnly || _p.Prefers[cell])) use[s][d]++;
                }
            }
        }

        return use;
    }

    private static int DayTotal(int[][] use, int d)
    {
        var total = 0;
        foreach (var row in use) total += row[d];
        return total;
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
