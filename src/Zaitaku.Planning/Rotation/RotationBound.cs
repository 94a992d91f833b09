namespace Zaitaku.Planning;

/// <summary>The proven upper bound on home staff-days, and the days on which the device pool binds in it.</summary>
/// <param name="Value">No plan has more home staff-days than this.</param>
/// <param name="PoolBinds">Per day: the bound prices the device pool there (λ = 1), i.e. PCs are the scarce resource.</param>
/// <param name="Start">A plan keeping every rule but the pool and the target: per section-week a maximum flow that first fills what the
/// bound counts on priced days and then as many home days as fit — a good first hint for the section solves.</param>
internal sealed record RotationBoundResult(int Value, bool[] PoolBinds, bool[] Start);

/// <summary>
/// A Lagrangian bound. All rules but the device pool (5) and the target (6) stay inside one
/// section and one week, so with a price λ_d ∈ {0, 1} on each day's pool the problem splits into
/// section-weeks: UB(λ) = Σ_d λ_d·pool + Σ_section-weeks max Σ (1 − λ_d·needsDevice) x. Each term
/// is a maximum flow (staff-week caps on one side, nested rotation and section caps per day on
/// the other), solved exactly, so every UB(λ) is a valid bound; the bound is the least over all
/// λ of each week, and never above targetHomeDays. When every home day needs a PC the whole
/// problem is a network flow, its LP dual is integral, and this bound equals the optimum.
/// </summary>
internal static class RotationBound
{
    public static RotationBoundResult Compute(RotationProblem p, int workers, CancellationToken cancellationToken)
    {
        var total = 0L;
        var binds = new bool[p.Days];
        var start = new bool[p.StaffCount * p.Days];
        for (var w = 0; w < p.Weeks; w++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var days = p.WeekDays[w];
            var masks = 1 << days.Length;
            var sums = new long[masks];
            var gate = new object();
            Parallel.For(
                0,
                p.SectionCount,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken },
                () => (Flow: new SmallMaxFlow(), Values: new long[masks]),
                (s, _, local) =>
                {
                    SectionWeek(p, s, days, w, local.Flow, local.Values);
                    return local;
                },
                local =>
                {
                    lock (gate)
                    {
                        for (var m = 0; m < masks; m++) sums[m] += local.Values[m];
                    }
                });

            var best = long.MaxValue;
            var bestMask = 0;
            for (var m = 0; m < masks; m++)
            {
                var value = (System.Numerics.BitOperations.PopCount((uint)m) * (long)p.Pool) + sums[m];
                if (value < best)
                {
                    best = value;
                    bestMask = m;
                }
            }

            total += best;
            for (var k = 0; k < days.Length; k++) binds[days[k]] = (bestMask & (1 << k)) != 0;
            Parallel.For(
                0,
                p.SectionCount,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken },
                () => new SmallMaxFlow(),
                (s, _, flow) =>
                {
                    StartWeek(p, s, days, w, bestMask, flow, start);
                    return flow;
                },
                _ => { });
        }

        if (p.Target is { } target) total = Math.Min(total, target);
        return new RotationBoundResult((int)total, binds, start);
    }

    /// <summary>Writes a section-week's flow for the chosen prices, then augmented with the priced arcs, into <paramref name="start"/>.</summary>
    private static void StartWeek(RotationProblem p, int s, int[] days, int w, int mask, SmallMaxFlow flow, bool[] start)
    {
        var graph = Build(p, s, days, w, flow);
        foreach (var (arc, bit, _) in graph.Arcs) flow.SetCapacity(arc, (mask & bit) == 0 ? 1 : 0);
        flow.Run(0, 1);
        foreach (var (arc, _, _) in graph.Arcs) flow.SetCapacity(arc, 1);
        flow.Continue(0, 1);
        foreach (var (arc, _, cell) in graph.Arcs) start[cell] = flow.Flow(arc) > 0;
        foreach (var i in p.SectionStaff[s])
        {
            foreach (var d in days)
            {
                if (p.Cells[p.At(i, d)] == Cell.Pinned) start[p.At(i, d)] = true;
            }
        }
    }

    /// <summary>Adds, for every mask of priced days, the section-week's best priced home count to <paramref name="values"/>.</summary>
    private static void SectionWeek(RotationProblem p, int s, int[] days, int w, SmallMaxFlow flow, long[] values)
    {
        var graph = Build(p, s, days, w, flow);
        var n = days.Length;
        var masks = 1 << n;
        for (var m = 0; m < masks; m++)
        {
            var forced = graph.PinnedFree;
            for (var k = 0; k < n; k++)
            {
                if ((m & (1 << k)) == 0) forced += graph.PinnedPriced[k];
            }

            foreach (var (arc, bit, _) in graph.Arcs) flow.SetCapacity(arc, (m & bit) == 0 ? 1 : 0);
            values[m] += forced + flow.Run(0, 1);
        }
    }

    /// <summary>
    /// The section-week's flow network: source → staff (week cap) → staff-day (1) → the day's rotation
    /// node (rule 4 cap) or section node → section node (rule 3 cap) → sink. Pinned days are taken out
    /// of the caps. Returns the staff-day arcs of free days (with the day's bit if the staff member needs
    /// a PC, else 0, and the cell), and the pinned counts.
    /// </summary>
    private static (List<(int Arc, int DayBit, int Cell)> Arcs, int PinnedFree, int[] PinnedPriced) Build(RotationProblem p, int s, int[] days, int w, SmallMaxFlow flow)
    {
        var staff = p.SectionStaff[s];
        var n = days.Length;
        // Nodes: 0 source, 1 sink, 2.. staff, then per day a rotation node and a section node.
        var firstDay = 2 + staff.Length;
        flow.Reset(firstDay + (2 * n));
        var homeCap = new int[n];
        var rotationCap = new int[n];
        for (var k = 0; k < n; k++)
        {
            var sd = p.SectionDay(s, days[k]);
            homeCap[k] = p.HomeCap[sd];
            rotationCap[k] = p.RotationCap[sd];
        }

        // Pinned days are forced: they use capacity and count as long as their day is not priced for them.
        var pinnedFree = 0;
        var pinnedPriced = new int[n];
        var arcs = new List<(int Arc, int DayBit, int Cell)>();
        for (var j = 0; j < staff.Length; j++)
        {
            var i = staff[j];
            var cap = p.WeekCap[(i * p.Weeks) + w];
            var rotation = p.EligibilityOf[i] == Eligibility.Rotation;
            for (var k = 0; k < n; k++)
            {
                if (p.Cells[p.At(i, days[k])] != Cell.Pinned) continue;
                cap--;
                homeCap[k]--;
                if (rotation) rotationCap[k]--;
                if (p.NeedsDevice[i]) pinnedPriced[k]++;
                else pinnedFree++;
            }

            if (cap <= 0) continue;
            var node = 2 + j;
            var any = false;
            for (var k = 0; k < n; k++)
            {
                var cell = p.At(i, days[k]);
                if (p.Cells[cell] != Cell.Free) continue;
                var target = firstDay + (2 * k) + (rotation ? 0 : 1);
                var arc = flow.AddArc(node, target, 1);
                arcs.Add((arc, p.NeedsDevice[i] ? 1 << k : 0, cell));
                any = true;
            }

            if (any) flow.AddArc(0, node, cap);
        }

        for (var k = 0; k < n; k++)
        {
            flow.AddArc(firstDay + (2 * k), firstDay + (2 * k) + 1, Math.Max(0, rotationCap[k]));
            flow.AddArc(firstDay + (2 * k) + 1, 1, Math.Max(0, homeCap[k]));
        }

        return (arcs, pinnedFree, pinnedPriced);
    }
}
