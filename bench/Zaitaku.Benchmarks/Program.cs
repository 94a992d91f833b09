using BenchmarkDotNet.Running;
using Zaitaku.Benchmarks.Foundation;

namespace Zaitaku.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks (<c>-- --filter '*Name*'</c>), and end-to-end scenarios that
/// time a real server (<c>-- scenario NAME</c>; see docs/performance.md).
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scenario") return await Scenarios.RunAsync(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
