using System.CommandLine;
using System.Globalization;
using Zaitaku.Planning;

namespace Zaitaku.Server.Cli;

/// <summary>
/// <c>zaitaku plan rotation --input INSTANCE.json --output PLAN.json [--time-limit SECONDS] [--progress]</c>:
/// the rotation planner on a file. Exit 0 with a plan (also an infeasible one), 2 for a bad
/// instance or bad arguments.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var plan = new Command("plan", "計画を作成します / make plans");
        plan.Add(CreateRotation());
        return plan;
    }

    private static Command CreateRotation()
    {
        var input = new Option<FileInfo>("--input") { Description = "問題ファイル INSTANCE.json / the instance", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "計画ファイル PLAN.json の出力先 / where to write the plan", Required = true };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "計算時間の上限（秒）/ time limit in seconds",
            DefaultValueFactory = _ => 60,
        };
        var progress = new Option<bool>("--progress") { Description = "計算の進み具合を標準エラーに表示します / report progress on stderr" };
        var command = new Command("rotation", "在宅勤務の交代計画を作成します / plan who is at home on which day")
        {
            input, output, timeLimit, progress,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var inputFile = parse.GetValue(input)!;
            var outputFile = parse.GetValue(output)!;
            var seconds = parse.GetValue(timeLimit);
            if (!(seconds > 0))
            {
                stderr.WriteLine(new LocalizedText("--time-limit は正の秒数で指定してください", "--time-limit must be a positive number of seconds").Current);
                return 2;
            }

            string json;
            try
            {
                json = File.ReadAllText(inputFile.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine(new LocalizedText($"{inputFile.FullName} を読めません: {ex.Message}", $"cannot read {inputFile.FullName}: {ex.Message}").Current);
                return 2;
            }

            var read = RotationInstanceJson.Read(json);
            if (!read.IsOk)
            {
                var issues = ((RotationInstanceInvalid)read.Error!).Issues;
                foreach (var issue in issues) stderr.WriteLine(issue.Message.Current);
                return 2;
            }

            var instance = read.Value;
            var result = RotationPlanner.Solve(instance, new PlannerOptions
            {
                TimeLimit = TimeSpan.FromSeconds(seconds),
                Progress = parse.GetValue(progress)
                    ? p => stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Elapsed.TotalSeconds:0.0}s homeDays={p.HomeDays} bound={p.Bound} gap={p.Gap * 100:0.00}%"))
                    : null,
            });
            File.WriteAllText(outputFile.FullName, RotationPlanJson.Write(result));

            stdout.WriteLine(Summary(result));
            foreach (var conflict in result.Conflicts) stdout.WriteLine(conflict.Message.Current);
            return 0;
        });
        return command;
    }

    /// <summary>The one-line summary: status, home staff-days, bound, gap, time — language-neutral so scripts can read it.</summary>
    internal static string Summary(RotationPlan plan) => string.Create(
        CultureInfo.InvariantCulture,
        $"{RotationPlanJson.StatusName(plan.Status)} homeDays={plan.HomeDays} bound={plan.Bound} gap={plan.Gap * 100:0.00}% prefersHome={plan.PrefersHomeHonoured} time={plan.Elapsed.TotalSeconds:0.0}s");
}
