using BenchmarkDotNet.Running;
using Zaitaku.Benchmarks.Planning;

namespace Zaitaku.Benchmarks;

internal static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        // The rotation planner's solves take seconds each: a plain timed harness, not BenchmarkDotNet.
        if (args is ["planner", .. var sizes]) return PlannerHarness.Run(sizes);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
