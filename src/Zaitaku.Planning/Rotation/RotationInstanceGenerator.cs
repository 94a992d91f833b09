namespace Zaitaku.Planning;

/// <summary>The shape of a generated instance.</summary>
public sealed record GeneratorSettings
{
    /// <summary>Number of staff.</summary>
    public int Staff { get; init; } = 1_000;

    /// <summary>Number of sections; sizes vary around Staff / Sections.</summary>
    public int Sections { get; init; } = 50;

    /// <summary>Working days, Monday to Friday from <see cref="FirstDay"/> (June 2026 has no national holiday).</summary>
    public int Days { get; init; } = 20;

    /// <summary>The first working day.</summary>
    public DateOnly FirstDay { get; init; } = new(2026, 6, 1);

    /// <summary>Telework PCs as a share of staff (e.g. 0.3 makes the pool bind in a typical instance).</summary>
    public double DevicePoolShare { get; init; } = 0.3;

    /// <summary>targetHomeDays as a share of staff-days; null for none (emergency mode).</summary>
    public double? TargetShare { get; init; }

    /// <summary>Share of staff whose home days take no PC (phone and mail only, or own equipment).</summary>
    public double NoDeviceShare { get; init; } = 0.1;

    /// <summary>Chance of each staff-day being leave.</summary>
    public double LeaveRate { get; init; } = 0.04;

    /// <summary>Chance of each staff-day being fixedOffice.</summary>
    public double FixedOfficeRate { get; init; } = 0.05;

    /// <summary>Chance of each staff-day being prefersHome.</summary>
    public double PrefersRate { get; init; } = 0.1;

    /// <summary>Chance of each staff-day of a home-eligible person being pinned home (kept feasible).</summary>
    public double FixedHomeRate { get; init; }

    /// <summary>Seed of the pseudo-random generator: the same settings give the same instance.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>
/// Random but realistic instances for tests and benchmarks: sections of varied size and
/// character (counter sections mostly office, back-office sections mostly home or rotation, as
/// in the Higashimurayama and worked examples of DOMAIN.md), leave, fixed office days and wishes.
/// </summary>
public static class RotationInstanceGenerator
{
    public static RotationInstance Generate(GeneratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(settings.Seed);
        var days = new List<DateOnly>();
        for (var day = settings.FirstDay; days.Count < settings.Days; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(day);
        }

        var sections = new List<RotationSection>();
        var character = new (double Home, double Rotation)[settings.Sections];
        var width = Math.Max(1, (int)Math.Log10(Math.Max(1, settings.Sections)) + 1);
        for (var s = 0; s < settings.Sections; s++)
        {
            sections.Add(new RotationSection
            {
                Id = $"s{(s + 1).ToString().PadLeft(width, '0')}",
                MinOffice = random.Next(1, 4),
                MinOfficeShare = random.Next(4, 11) * 0.05m,
            });
            character[s] = random.NextDouble() switch
            {
                < 0.15 => (0.05, 0.15), // counter work (窓口)
                < 0.55 => (0.45, 0.45), // back office
                _ => (0.25, 0.6),       // mixed
            };
        }

        // Section sizes vary ±50% around the mean.
        var weights = Enumerable.Range(0, settings.Sections).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        var sizes = weights.Select(w => Math.Max(1, (int)Math.Round(settings.Staff * w / sum))).ToArray();
        var diff = settings.Staff - sizes.Sum();
        for (var k = 0; diff != 0; k = (k + 1) % sizes.Length)
        {
            if (diff > 0)
            {
                sizes[k]++;
                diff--;
            }
            else if (sizes[k] > 1)
            {
                sizes[k]--;
                diff++;
            }
        }

        var staff = new List<RotationStaff>();
        var staffWidth = Math.Max(1, (int)Math.Log10(Math.Max(1, settings.Staff)) + 1);
        for (var s = 0; s < settings.Sections; s++)
        {
            for (var k = 0; k < sizes[s]; k++)
            {
                var roll = random.NextDouble();
                var eligibility = roll < character[s].Home ? Eligibility.Home
                    : roll < character[s].Home + character[s].Rotation ? Eligibility.Rotation
                    : Eligibility.Office;
                List<DateOnly> leave = [], fixedOffice = [], prefers = [], fixedHome = [];
                foreach (var day in days)
                {
                    if (random.NextDouble() < settings.LeaveRate) leave.Add(day);
                    else if (random.NextDouble() < settings.FixedOfficeRate) fixedOffice.Add(day);
                    else if (eligibility == Eligibility.Home && random.NextDouble() < settings.FixedHomeRate) fixedHome.Add(day);
                    if (!leave.Contains(day) && random.NextDouble() < settings.PrefersRate) prefers.Add(day);
                }

                staff.Add(new RotationStaff
                {
                    Id = $"e{(staff.Count + 1).ToString().PadLeft(staffWidth, '0')}",
                    Section = sections[s].Id,
                    Eligibility = eligibility,
                    Leave = leave,
                    FixedOffice = fixedOffice,
                    FixedHome = fixedHome,
                    PrefersHome = prefers,
                    NeedsDevice = random.NextDouble() >= settings.NoDeviceShare,
                });
            }
        }

        var instance = new RotationInstance
        {
            Days = days,
            Rules = new RotationRules { MaxHomeDaysPerWeek = 4, MinOfficeDaysPerWeek = 1 },
            DevicePool = (int)Math.Round(settings.Staff * settings.DevicePoolShare),
            TargetHomeDays = settings.TargetShare is { } share ? (int)Math.Round(settings.Staff * settings.Days * share) : null,
            Sections = sections,
            Staff = staff,
        };
        return settings.FixedHomeRate > 0 ? DropInfeasiblePins(instance) : instance;
    }

    /// <summary>Unpins home days one by one until the instance is feasible, so that generated pins are realistic (already approved under the rules).</summary>
    private static RotationInstance DropInfeasiblePins(RotationInstance instance)
    {
        while (true)
        {
            var conflicts = RotationFeasibility.Conflicts(RotationProblem.Compile(instance));
            if (conflicts.Count == 0) return instance;
            var c = conflicts[0];
            var victim = instance.Staff.Select((p, i) => (p, i)).First(x =>
                x.p.FixedHome.Count > 0
                && (c.Staff is null || x.p.Id == c.Staff)
                && (c.Section is null || x.p.Section == c.Section)
                && (c.Day is null || c.Rule == 2 || x.p.FixedHome.Contains(c.Day.Value)));
            var pins = victim.p.FixedHome.ToList();
            pins.Remove(c.Day is { } day && pins.Contains(day) ? day : pins[^1]);
            var staff = instance.Staff.ToList();
            staff[victim.i] = victim.p with { FixedHome = pins };
            instance = instance with { Staff = staff };
        }
    }
}
