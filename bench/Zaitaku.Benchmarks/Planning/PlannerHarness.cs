using System.Diagnostics;
using System.Globalization;
using Zaitaku.Planning;

namespace Zaitaku.Benchmarks.Planning;

/// <summary>
/// A plain timed harness for the rotation planner (BenchmarkDotNet's repeated runs do not fit
/// solves of many seconds). Run: <c>dotnet run -c Release --project bench/Zaitaku.Benchmarks -- planner [sizes…]</c>
/// with sizes among <c>1k</c>, <c>20k</c> (default both) and the variants below; <c>--seed N</c> varies the
/// generated instance; <c>--whole</c> also runs the whole-instance CP-SAT model for 120 s (to see the true optimum);
/// <c>--time-limit S</c> overrides the size's limit (5 s for 1k, 60 s for 20k); <c>--write DIR</c> also writes each
/// INSTANCE.json for the CLI. Prints, per size, when the plan first came within 1% of the bound,
/// the final solve time, homeDays, bound and gap.
/// </summary>
internal static class PlannerHarness
{
    private static readonly Dictionary<string, (GeneratorSettings Settings, double Seconds)> Sizes = new()
    {
        ["1k"] = (new GeneratorSettings { Staff = 1_000, Sections = 50, Days = 20, DevicePoolShare = 0.3, Seed = 1 }, 5),
        ["20k"] = (new GeneratorSettings { Staff = 20_000, Sections = 1_000, Days = 20, DevicePoolShare = 0.3, Seed = 2 }, 60),
        ["1k-wide"] = (new GeneratorSettings { Staff = 1_000, Sections = 50, Days = 20, DevicePoolShare = 0.42, Seed = 3 }, 5),
        ["20k-wide"] = (new GeneratorSettings { Staff = 20_000, Sections = 1_000, Days = 20, DevicePoolShare = 0.42, Seed = 4 }, 60),
        ["1k-edge"] = (new GeneratorSettings { Staff = 1_000, Sections = 50, Days = 20, DevicePoolShare = 0.37, Seed = 6 }, 5),
        ["20k-edge"] = (new GeneratorSettings { Staff = 20_000, Sections = 1_000, Days = 20, DevicePoolShare = 0.37, Seed = 7 }, 60),
        ["1k-target"] = (new GeneratorSettings { Staff = 1_000, Sections = 50, Days = 20, DevicePoolShare = 0.42, TargetShare = 0.25, Seed = 5 }, 5),
    };

    public static int Run(string[] args)
    {
        string? writeDir = null;
        int? seed = null;
        var whole = false;
        double? limit = null;
        var names = new List<string>();
        for (var k = 0; k < args.Length; k++)
        {
            if (args[k] == "--write" && k + 1 < args.Length) writeDir = args[++k];
            else if (args[k] == "--whole") whole = true;
            else if (args[k] == "--time-limit" && k + 1 < args.Length) limit = double.Parse(args[++k], CultureInfo.InvariantCulture);
            else if (args[k] == "--seed" && k + 1 < args.Length) seed = int.Parse(args[++k], CultureInfo.InvariantCulture);
            else names.Add(args[k]);
        }

        if (names.Count == 0) names = ["1k", "20k"];
        if (Environment.GetEnvironmentVariable("ZAITAKU_PLANNER_TRACE") == "1") PlannerRun.Trace = Console.WriteLine;
        Console.WriteLine($"cores: {Environment.ProcessorCount}, load average: {LoadAverage()}");
        Console.WriteLine("size       staff  sections pool  within1%(s)  solve(s)  homeDays   bound      gap     status");
        foreach (var name in names)
        {
            if (!Sizes.TryGetValue(name, out var size))
            {
                Console.Error.WriteLine($"unknown size {name}; known: {string.Join(", ", Sizes.Keys)}");
                return 2;
            }

            var instance = RotationInstanceGenerator.Generate(seed is { } sd ? size.Settings with { Seed = sd } : size.Settings);
            if (writeDir is not null)
            {
                Directory.CreateDirectory(writeDir);
                File.WriteAllText(Path.Combine(writeDir, $"instance-{name}.json"), RotationInstanceJson.Write(instance));
            }

            double? within = null;
            var clock = Stopwatch.StartNew();
            var plan = RotationPlanner.Solve(instance, new PlannerOptions
            {
                Workers = Environment.ProcessorCount,
                WholeModelLimit = whole ? int.MaxValue : new PlannerOptions().WholeModelLimit,
                TimeLimit = TimeSpan.FromSeconds(limit ?? (whole ? 120 : size.Seconds)),
                Progress = p =>
                {
                    if (within is null && p.Bound > 0 && p.Gap <= 0.01) within = p.Elapsed.TotalSeconds;
                },
            });
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} {instance.Staff.Count,6} {instance.Sections.Count,8} {instance.DevicePool,5} {(within is { } w ? w.ToString("0.00", CultureInfo.InvariantCulture) : "-"),11} {clock.Elapsed.TotalSeconds,9:0.00} {plan.HomeDays,9} {plan.Bound,8} {plan.Gap * 100,7:0.000}%  {RotationPlanJson.StatusName(plan.Status)}"));
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
