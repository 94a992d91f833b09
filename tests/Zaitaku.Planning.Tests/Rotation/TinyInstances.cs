using Zaitaku.Planning;

namespace Zaitaku.Planning.Tests.Rotation;

/// <summary>Random instances small enough for <see cref="BruteForce"/> (at most 12 free staff-days), with partial weeks, leave, pins and odd shares.</summary>
internal static class TinyInstances
{
    public static RotationInstance Random(int seed, bool allNeedDevice = false, bool pins = true)
    {
        var random = new Random(seed);
        var start = new DateOnly(2026, 6, 1).AddDays(random.Next(0, 7));
        var days = Enumerable.Range(0, random.Next(3, 9)).Select(start.AddDays).Where(_ => random.NextDouble() < 0.75).ToList();
        if (days.Count == 0) days.Add(start);
        var shares = new[] { 0m, 0.2m, 0.25m, 0.3m, 0.34m, 0.5m, 1m };
        var sections = Enumerable.Range(1, random.Next(1, 3)).Select(s => new RotationSection
        {
            Id = $"s{s}",
            MinOffice = random.Next(0, 3),
            MinOfficeShare = shares[random.Next(shares.Length)],
        }).ToList();

        var staff = new List<RotationStaff>();
        var free = 0;
        var count = random.Next(2, 6);
        for (var i = 0; i < count; i++)
        {
            var eligibility = (Eligibility)random.Next(0, 3);
            if (eligibility == Eligibility.Office && random.NextDouble() < 0.5) eligibility = Eligibility.Rotation;
            List<DateOnly> leave = [], fixedOffice = [], fixedHome = [], prefers = [];
            foreach (var day in days)
            {
                var roll = random.NextDouble();
                if (roll < 0.12) leave.Add(day);
                else if (roll < 0.22) fixedOffice.Add(day);
                else if (pins && roll < 0.27) fixedHome.Add(day);
                else if (eligibility != Eligibility.Office)
                {
                    // Keep brute force within reach: past 12 free staff-days, the rest go to the office.
                    if (free < 12) free++;
                    else fixedOffice.Add(day);
                }

                if (!leave.Contains(day) && random.NextDouble() < 0.3) prefers.Add(day);
            }

            staff.Add(new RotationStaff
            {
                Id = $"e{i + 1}",
                Section = sections[random.Next(sections.Count)].Id,
                Eligibility = eligibility,
                Leave = leave,
                FixedOffice = fixedOffice,
                FixedHome = fixedHome,
                PrefersHome = prefers,
                NeedsDevice = allNeedDevice || random.NextDouble() < 0.7,
            });
        }

        return new RotationInstance
        {
            Days = days,
            Rules = new RotationRules { MaxHomeDaysPerWeek = random.Next(1, 5), MinOfficeDaysPerWeek = random.Next(0, 3) },
            DevicePool = random.Next(0, 4),
            TargetHomeDays = random.NextDouble() < 0.3 ? random.Next(0, 10) : null,
            Sections = sections,
            Staff = staff,
        };
    }
}
