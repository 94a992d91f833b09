using System.CommandLine;
using Zaitaku.Budget;

namespace Zaitaku.Server.Cli;

/// <summary><c>zaitaku budget plan --input FILE</c>: a leased-PC budget for one fiscal year, month by month (issue 7).</summary>
internal static class BudgetCommand
{
    /// <summary>Exit code for input the plan cannot be computed from.</summary>
    public const int BadInput = 2;

    public static Command Create()
    {
        var budget = new Command("budget", "予算を計画します / plan telework budgets");
        budget.Add(CreatePlan());
        return budget;
    }

    private static Command CreatePlan()
    {
        var input = new Option<FileInfo>("--input")
        {
            Description = "導入計画のJSONファイル / the scenario file (JSON)",
            Required = true,
        };
        var plan = new Command("plan", "専用PC賃借の年度予算を月別に計算します / compute a leased-PC budget month by month") { input };
        plan.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var file = parse.GetValue(input)!;

            string json;
            try
            {
                json = await File.ReadAllTextAsync(file.FullName, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A missing or unreadable file is bad input like a bad field: say which and exit 2.
                await error.WriteLineAsync($"エラー: --input: {file.FullName} を読めません（{e.Message}）");
                await error.WriteLineAsync($"error: --input: cannot read {file.FullName} ({e.Message})");
                return BadInput;
            }

            var result = LeasedPcScenarioJson.Read(json);
            var planned = result.IsOk ? result.Value.Plan() : Result<BudgetPlan>.Fail(result.Error!);
            if (!planned.IsOk)
            {
                await error.WriteLineAsync($"エラー: {planned.Error!.Message.Ja}");
                await error.WriteLineAsync($"error: {planned.Error.Message.En}");
                return BadInput;
            }

            await output.WriteLineAsync(LeasedPcScenarioJson.Write(planned.Value));
            return 0;
        });
        return plan;
    }
}
