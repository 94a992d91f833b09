using Google.OrTools.Sat;

namespace Zaitaku.Planning;

/// <summary>
/// The CP-SAT model of rules 1–6 for a set of staff (one section, or everyone): one Boolean per
/// free staff-day ("at home"), pinned days as constants. The objective tiers are built here and
/// combined by the caller, either weighted (small models) or phase by phase.
/// </summary>
internal sealed class HomeModel
{
    private readonly RotationProblem _p;
    private readonly int[] _staff;
    private readonly List<(int Cell, BoolVar Var)> _vars = [];
    private readonly Dictionary<int, List<BoolVar>> _byStaff = [];
    private readonly int[] _pinned;
    private LinearExpr? _squares;
    private long _squaresRange;

    private HomeModel(RotationProblem p, int[] staff)
    {
        _p = p;
        _staff = staff;
        _pinned = new int[staff.Length];
    }

    public CpModel Model { get; } = new();

    /// <summary>Number of free staff-day decisions.</summary>
    public int FreeCount => _vars.Count;

    /// <param name="deviceBudget">Per day, PCs this model may use (pinned included); null for no device limit.</param>
    /// <param name="target">Cap on home staff-days of these staff (pinned included); null for none.</param>
    public static HomeModel Build(RotationProblem p, int[] staff, int[]? deviceBudget, int? target)
    {
        var m = new HomeModel(p, staff);
        var model = m.Model;
        var sections = new SortedSet<int>();
        for (var j = 0; j < staff.Length; j++)
        {
            var i = staff[j];
            sections.Add(p.SectionOf[i]);
            var list = new List<BoolVar>();
            m._byStaff[i] = list;
            for (var w = 0; w < p.Weeks; w++)
            {
                var inWeek = new List<BoolVar>();
                var pinned = 0;
                foreach (var d in p.WeekDays[w])
                {
                    var cell = p.At(i, d);
                    switch (p.Cells[cell])
                    {
                        case Cell.Pinned:
                            pinned++;
                            break;
                        case Cell.Free:
                            var x = model.NewBoolVar($"x{i}_{d}");
                            m._vars.Add((cell, x));
                            inWeek.Add(x);
                            list.Add(x);
                            break;
                    }
                }

                m._pinned[j] += pinned;
                var cap = p.WeekCap[(i * p.Weeks) + w] - pinned;
                if (inWeek.Count > cap) model.Add(LinearExpr.Sum(inWeek) <= cap);
            }
        }

        var lookup = m._vars.ToDictionary(v => v.Cell, v => v.Var);
        var deviceDay = new List<BoolVar>[p.Days];
        var devicePinned = new int[p.Days];
        var all = new List<BoolVar>();
        var pinnedTotal = 0;
        for (var d = 0; d < p.Days; d++)
        {
            deviceDay[d] = [];
            foreach (var s in sections)
            {
                var home = new List<BoolVar>();
                var rotation = new List<BoolVar>();
                int pinnedHome = 0, pinnedRotation = 0;
                foreach (var i in p.SectionStaff[s])
                {
                    var cell = p.At(i, d);
                    var isRotation = p.EligibilityOf[i] == Eligibility.Rotation;
                    if (p.Cells[cell] == Cell.Pinned)
                    {
                        pinnedHome++;
                        if (isRotation) pinnedRotation++;
                        if (p.NeedsDevice[i] && m._byStaff.ContainsKey(i)) devicePinned[d]++;
                        continue;
                    }

                    if (!lookup.TryGetValue(cell, out var x)) continue;
                    home.Add(x);
                    if (isRotation) rotation.Add(x);
                    if (p.NeedsDevice[i]) deviceDay[d].Add(x);
                }

                pinnedTotal += pinnedHome;
                var sd = p.SectionDay(s, d);
                if (home.Count > p.HomeCap[sd] - pinnedHome) model.Add(LinearExpr.Sum(home) <= p.HomeCap[sd] - pinnedHome);
                if (rotation.Count > p.RotationCap[sd] - pinnedRotation) model.Add(LinearExpr.Sum(rotation) <= p.RotationCap[sd] - pinnedRotation);
                all.AddRange(home);
            }

            if (deviceBudget is not null && deviceDay[d].Count > deviceBudget[d] - devicePinned[d])
                model.Add(LinearExpr.Sum(deviceDay[d]) <= Math.Max(0, deviceBudget[d] - devicePinned[d]));
        }

        if (target is { } t && all.Count > t - pinnedTotal) model.Add(LinearExpr.Sum(all) <= Math.Max(0, t - pinnedTotal));
        return m;
    }

    /// <summary>Free staff-days at home (tier 1; pinned days are a constant and left out).</summary>
    public LinearExpr Homes() => LinearExpr.Sum(_vars.Select(v => v.Var));

    /// <summary>Free prefersHome days at home (tier 2).</summary>
    public LinearExpr Prefers() => LinearExpr.Sum(_vars.Where(v => _p.Prefers[v.Cell]).Select(v => v.Var));

    public int PrefersRange => _vars.Count(v => _p.Prefers[v.Cell]);

    /// <summary>Home days that take a PC on the given days (used to steer PCs away from scarce days).</summary>
    public LinearExpr DevicesOn(bool[] days, out int range)
    {
        var vars = _vars.Where(v => _p.NeedsDevice[v.Cell / _p.Days] && days[v.Cell % _p.Days]).Select(v => v.Var).ToList();
        range = vars.Count;
        return LinearExpr.Sum(vars);
    }

    /// <summary>
    /// Σ h² over staff, h = home days in the period (tier 3: the same total spread evenly gives the
    /// least sum of squares). Encoded by the tangents sq ≥ (2k+1)h − k(k+1), exact at integers.
    /// </summary>
    public LinearExpr Squares(out long range)
    {
        if (_squares is not null)
        {
            range = _squaresRange;
            return _squares;
        }

        var terms = new List<IntVar>();
        range = 0;
        for (var j = 0; j < _staff.Length; j++)
        {
            var free = _byStaff[_staff[j]];
            if (free.Count == 0) continue;
            var i = _staff[j];
            var capTotal = 0;
            for (var w = 0; w < _p.Weeks; w++) capTotal += _p.WeekCap[(i * _p.Weeks) + w];
            var max = Math.Min(capTotal, _pinned[j] + free.Count);
            var min = _pinned[j];
            if (max <= min) continue;
            var sq = Model.NewIntVar(min * min, max * max, $"sq{i}");
            var h = LinearExpr.Sum(free) + min;
            for (var k = min; k < max; k++) Model.Add(sq >= (h * ((2 * k) + 1)) - (k * (k + 1)));
            terms.Add(sq);
            range += ((long)max * max) - ((long)min * min);
        }

        _squares = LinearExpr.Sum(terms);
        _squaresRange = range;
        return _squares;
    }

    public void Hint(bool[] home)
    {
        Model.ClearHints();
        foreach (var (cell, x) in _vars) Model.AddHint(x, home[cell]);
    }

    /// <summary>Writes the solver's values into the plan-wide home array (pinned cells are always home).</summary>
    public void Read(Func<BoolVar, bool> value, bool[] home)
    {
        foreach (var (cell, x) in _vars) home[cell] = value(x);
    }
}
