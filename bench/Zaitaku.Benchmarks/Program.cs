using BenchmarkDotNet.Running;
using Zaitaku.Benchmarks.Foundation;
using Zaitaku.Benchmarks.Planning;

namespace Zaitaku.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks (<c>-- --filter '*Name*'</c>), end-to-end scenarios that time a
/// real server (<c>-- scenario NAME</c>), and the planner's timed harness (<c>-- planner SIZES</c>);
/// figures and commands in docs/performance.md.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["scenario", .. var scenario]) return await Scenarios.RunAsync(scenario);
        // The rotation planner's solves take seconds each: a plain timed harness, not BenchmarkDotNet.
        if (args is ["planner", .. var sizes]) return PlannerHarness.Run(sizes);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
