namespace Zaitaku.Planning;

/// <summary>What the rules leave open for one staff-day.</summary>
internal enum Cell : byte
{
    /// <summary>On leave: neither home nor office.</summary>
    Leave,

    /// <summary>Present and never home (office eligibility or fixedOffice, rule 1).</summary>
    Office,

    /// <summary>Present and free to be home or office: the planner decides.</summary>
    Free,

    /// <summary>Present and pinned at home (fixedHome, already approved).</summary>
    Pinned,
}

/// <summary>
/// An instance compiled to arrays indexed by staff, day, section and week, with every hard rule
/// reduced to an upper bound on home counts: rule 2 to a per staff-week cap, rule 3 and 4 to
/// per section-day caps. The solver, the bound and the explainer all read this one form.
/// </summary>
internal sealed class RotationProblem
{
    private RotationProblem(RotationInstance instance)
    {
        Instance = instance;
        Days = instance.Days.Count;
        StaffCount = instance.Staff.Count;
        SectionCount = instance.Sections.Count;
    }

    public RotationInstance Instance { get; }

    public int Days { get; }

    public int StaffCount { get; }

    public int SectionCount { get; }

    public int Weeks { get; private set; }

    /// <summary>Week index of each day (calendar weeks Monday–Sunday, numbered in order of first appearance).</summary>
    public int[] WeekOfDay { get; private set; } = [];

    /// <summary>Day indices of each week.</summary>
    public int[][] WeekDays { get; private set; } = [];

    public int[] SectionOf { get; private set; } = [];

    public Eligibility[] EligibilityOf { get; private set; } = [];

    public bool[] NeedsDevice { get; private set; } = [];

    /// <summary>[staff * Days + day].</summary>
    public Cell[] Cells { get; private set; } = [];

    /// <summary>[staff * Days + day]: a prefersHome day.</summary>
    public bool[] Prefers { get; private set; } = [];

    /// <summary>[staff * Weeks + week]: rule 2 as a cap on home days (pinned included).</summary>
    public int[] WeekCap { get; private set; } = [];

    /// <summary>Staff of each section, in instance order.</summary>
    public int[][] SectionStaff { get; private set; } = [];

    /// <summary>[section * Days + day]: staff present (not on leave).</summary>
    public int[] Present { get; private set; } = [];

    /// <summary>[section * Days + day]: rotation staff present.</summary>
    public int[] RotationPresent { get; private set; } = [];

    /// <summary>[section * Days + day]: rule 3's office minimum.</summary>
    public int[] OfficeMin { get; private set; } = [];

    /// <summary>[section * Days + day]: rule 3 as a cap on home (present − office minimum).</summary>
    public int[] HomeCap { get; private set; } = [];

    /// <summary>[section * Days + day]: rule 4 as a cap on rotation staff at home.</summary>
    public int[] RotationCap { get; private set; } = [];

    public int Pool => Instance.DevicePool;

    public int? Target => Instance.TargetHomeDays;

    public int At(int staff, int day) => (staff * Days) + day;

    public int SectionDay(int section, int day) => (section * Days) + day;

    public static RotationProblem Compile(RotationInstance instance)
    {
        var p = new RotationProblem(instance);
        int days = p.Days, staffCount = p.StaffCount;

        var dayIndex = new Dictionary<DateOnly, int>();
        for (var d = 0; d < days; d++) dayIndex[instance.Days[d]] = d;

        // Calendar week key: the Monday on or before the day.
        var weekOf = new int[days];
        var weekKeys = new Dictionary<DateOnly, int>();
        var weekDays = new List<List<int>>();
        for (var d = 0; d < days; d++)
        {
            var date = instance.Days[d];
            var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
            if (!weekKeys.TryGetValue(monday, out var w))
            {
                w = weekKeys.Count;
                weekKeys[monday] = w;
                weekDays.Add([]);
            }

            weekOf[d] = w;
            weekDays[w].Add(d);
        }

        p.Weeks = weekDays.Count;
        p.WeekOfDay = weekOf;
        p.WeekDays = [.. weekDays.Select(l => l.ToArray())];

        var sectionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < p.SectionCount; s++) sectionIndex[instance.Sections[s].Id] = s;

        p.SectionOf = new int[staffCount];
        p.EligibilityOf = new Eligibility[staffCount];
        p.NeedsDevice = new bool[staffCount];
        p.Cells = new Cell[staffCount * days];
        p.Prefers = new bool[staffCount * days];
        p.WeekCap = new int[staffCount * p.Weeks];
        var members = new List<int>[p.SectionCount];
        for (var s = 0; s < p.SectionCount; s++) members[s] = [];

        var rules = instance.Rules;
        var presentInWeek = new int[p.Weeks];
        for (var i = 0; i < staffCount; i++)
        {
            var person = instance.Staff[i];
            var s = sectionIndex[person.Section];
            p.SectionOf[i] = s;
            p.EligibilityOf[i] = person.Eligibility;
            p.NeedsDevice[i] = person.NeedsDevice;
            members[s].Add(i);

            var initial = person.Eligibility == Eligibility.Office ? Cell.Office : Cell.Free;
            for (var d = 0; d < days; d++) p.Cells[p.At(i, d)] = initial;
            foreach (var day in person.FixedOffice) p.Cells[p.At(i, dayIndex[day])] = Cell.Office;
            // A pinned home day on an office-only person stays pinned: the feasibility check reports rule 1.
            foreach (var day in person.FixedHome) p.Cells[p.At(i, dayIndex[day])] = Cell.Pinned;
            foreach (var day in person.Leave) p.Cells[p.At(i, dayIndex[day])] = Cell.Leave;
            foreach (var day in person.PrefersHome) p.Prefers[p.At(i, dayIndex[day])] = true;

            Array.Clear(presentInWeek);
            for (var d = 0; d < days; d++)
            {
                if (p.Cells[p.At(i, d)] != Cell.Leave) presentInWeek[weekOf[d]]++;
            }

            for (var w = 0; w < p.Weeks; w++)
            {
                var present = presentInWeek[w];
                var officeNeeded = Math.Min(rules.MinOfficeDaysPerWeek, present);
                p.WeekCap[(i * p.Weeks) + w] = Math.Min(rules.MaxHomeDaysPerWeek, present - officeNeeded);
            }
        }

        p.SectionStaff = [.. members.Select(m => m.ToArray())];
        p.Present = new int[p.SectionCount * days];
        p.RotationPresent = new int[p.SectionCount * days];
        p.OfficeMin = new int[p.SectionCount * days];
        p.HomeCap = new int[p.SectionCount * days];
        p.RotationCap = new int[p.SectionCount * days];
        for (var s = 0; s < p.SectionCount; s++)
        {
            var section = instance.Sections[s];
            for (var d = 0; d < days; d++)
            {
                int present = 0, rotation = 0;
                foreach (var i in p.SectionStaff[s])
                {
                    if (p.Cells[p.At(i, d)] == Cell.Leave) continue;
                    present++;
                    if (p.EligibilityOf[i] == Eligibility.Rotation) rotation++;
                }

                var sd = p.SectionDay(s, d);
                p.Present[sd] = present;
                p.RotationPresent[sd] = rotation;
                p.OfficeMin[sd] = OfficeMinimum(section, present);
                p.HomeCap[sd] = present - p.OfficeMin[sd];
                p.RotationCap[sd] = rotation / 2;
            }
        }

        return p;
    }

    /// <summary>Rule 3: min(present, max(minOffice, ⌈minOfficeShare × present⌉)), in exact decimal arithmetic.</summary>
    public static int OfficeMinimum(RotationSection section, int present)
    {
        var byShare = (int)Math.Ceiling(section.MinOfficeShare * present);
        return Math.Min(present, Math.Max(section.MinOffice, byShare));
    }
}
