using System.Diagnostics;

namespace Zaitaku.Planning;

/// <summary>
/// One solve: the bound, then sections solved independently with CP-SAT (the PC pool split
/// among them per day when it binds), then — for instances small enough — the whole model
/// polished tier by tier. Keeps the best feasible plan at every step so that a time-out or a
/// cancellation still returns a plan that keeps every rule.
/// </summary>
internal sealed partial class PlannerRun
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
}
