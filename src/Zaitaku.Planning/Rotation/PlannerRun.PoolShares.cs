namespace Zaitaku.Planning;

/// <summary>How the PC pool is split among sections per day, and re-split as sections use or leave their shares.</summary>
internal sealed partial class PlannerRun
{
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
}
