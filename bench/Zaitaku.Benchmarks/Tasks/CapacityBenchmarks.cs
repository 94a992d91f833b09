using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Zaitaku.Tasks;

namespace Zaitaku.Benchmarks.Tasks;

/// <summary>
/// Capacity of a large prefecture-sized inventory (issue 6: 50,000 staff and 200,000 tasks in at
/// most 2 s): 50 departments, 1,000 sections of 50 staff and 200 tasks each, 40 registered
/// systems, 3 to 6 tasks per staff member.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class CapacityBenchmarks
{
    /// <summary>In process: the generated project of an out-of-process job takes over BenchmarkDotNet's 2-minute build timeout on this shared machine.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(10));
    }

    private const int Sections = 1_000;
    private const int StaffPerSection = 50;
    private const int TasksPerSection = 200;

    private SectionRef[] _sections = [];
    private StaffRef[] _staff = [];
    private WorkTask[] _tasks = [];
    private TaskAssignment[] _assignments = [];
    private TaskInventory _inventory = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20200901);
        var systems = Enumerable.Range(0, 40).Select(i => new SystemRef(
            $"sys{i}", $"システム{i}",
            i < 4 ? SystemSegment.MyNumber : i < 30 ? SystemSegment.Lgwan : SystemSegment.Internet,
            RemoteAllowed: i >= 4 && i % 3 != 0)).ToArray();

        _sections = Enumerable.Range(0, Sections).Select(i => new SectionRef($"S{i:D4}", $"第{i}課", $"D{i / 20:D2}", $"第{i / 20}部")).ToArray();
        _tasks = new WorkTask[Sections * TasksPerSection];
        for (var t = 0; t < _tasks.Length; t++)
        {
            var used = new SystemRef[random.Next(0, 4)];
            for (var k = 0; k < used.Length; k++) used[k] = systems[random.Next(systems.Length)];
            _tasks[t] = new WorkTask($"T{t:D6}", _sections[t / TasksPerSection].Id, $"業務{t}",
                CounterWork: random.Next(10) == 0,
                ConfidentialPersonalData: random.Next(20) == 0,
                Systems: used,
                PaperOriginals: (Frequency)(random.Next(10) switch { < 6 => 0, < 9 => 1, _ => 2 }),
                SameRoom: (Frequency)(random.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 }));
        }

        _staff = new StaffRef[Sections * StaffPerSection];
        var assignments = new List<TaskAssignment>(_staff.Length * 5);
        for (var s = 0; s < _staff.Length; s++)
        {
            var section = s / StaffPerSection;
            _staff[s] = new StaffRef($"E{s:D6}", _sections[section].Id);
            var count = random.Next(3, 7);
            var first = random.Next(TasksPerSection - count);
            var left = 100;
            for (var k = 0; k < count; k++)
            {
                var percent = k == count - 1 ? left : Math.Max(1, left / (count - k) + random.Next(-5, 6));
                left -= percent;
                assignments.Add(new TaskAssignment(_staff[s].Id, _tasks[section * TasksPerSection + first + k].Id, percent));
            }
        }

        _assignments = [.. assignments];
        _inventory = TaskInventory.Create(_sections, _staff, _tasks, _assignments).Value;
    }

    /// <summary>Checks, indexes and classifies the inventory.</summary>
    [Benchmark]
    public TaskInventory Create() => TaskInventory.Create(_sections, _staff, _tasks, _assignments).Value;

    /// <summary>Eligibility of every staff member and capacity at every level, on an indexed inventory.</summary>
    [Benchmark]
    public CapacityReport Capacity() => _inventory.Capacity().Value;

    /// <summary>Both: what a request for a fresh capacity report costs (the ≤ 2 s requirement).</summary>
    [Benchmark]
    public CapacityReport CreateAndCapacity() => TaskInventory.Create(_sections, _staff, _tasks, _assignments).Value.Capacity().Value;
}
