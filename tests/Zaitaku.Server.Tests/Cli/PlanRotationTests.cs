using System.Text.Json.Nodes;
using Zaitaku.Planning;
using Zaitaku.Server.Cli;

namespace Zaitaku.Server.Tests.Cli;

public sealed class PlanRotationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zaitaku-plan-").FullName;

    private const string Instance = """
        {
          "days": ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05"],
          "rules": {"maxHomeDaysPerWeek": 4, "minOfficeDaysPerWeek": 1},
          "devicePool": 2,
          "sections": [{"id": "s1", "minOffice": 1, "minOfficeShare": 0.25}],
          "staff": [
            {"id": "e1", "section": "s1", "eligibility": "home"},
            {"id": "e2", "section": "s1", "eligibility": "rotation", "leave": ["2026-06-02"]},
            {"id": "e3", "section": "s1", "eligibility": "rotation"},
            {"id": "e4", "section": "s1", "eligibility": "office"}
          ]
        }
        """;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ZaitakuCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task PlanRotation_ValidInstance_WritesThePlanAndASummary()
    {
        var input = Write("instance.json", Instance);
        var output = Path.Combine(_dir, "plan.json");

        var (exit, stdout, stderr) = await Run("plan", "rotation", "--input", input, "--output", output, "--time-limit", "20");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var plan = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        Assert.Equal(["status", "homeDays", "bound", "assignments"], plan.Select(p => p.Key));
        Assert.Equal("optimal", (string)plan["status"]!);
        var e2 = plan["assignments"]!["e2"]!.AsArray().Select(x => (string)x!).ToList();
        Assert.Equal(5, e2.Count);
        Assert.Equal("leave", e2[1]);
        Assert.All(plan["assignments"]!["e4"]!.AsArray(), x => Assert.Equal("office", (string)x!));
        Assert.StartsWith($"optimal homeDays={(int)plan["homeDays"]!} bound={(int)plan["bound"]!} gap=0.00%", stdout);
    }

    [Fact]
    public async Task PlanRotation_UnknownSection_NamesTheFieldOnStderrAndExits2()
    {
        var input = Write("instance.json", Instance.Replace("\"id\": \"e3\", \"section\": \"s1\"", "\"id\": \"e3\", \"section\": \"s99\"", StringComparison.Ordinal));
        var output = Path.Combine(_dir, "plan.json");

        var (exit, stdout, stderr) = await Run("plan", "rotation", "--input", input, "--output", output);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("staff[2].section", stderr);
        Assert.Contains("s99", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task PlanRotation_PinnedDaysBeyondThePool_WritesAnInfeasiblePlanAndExits0()
    {
        var pinned = Instance
            .Replace("\"id\": \"e1\", \"section\": \"s1\", \"eligibility\": \"home\"", "\"id\": \"e1\", \"section\": \"s1\", \"eligibility\": \"home\", \"fixedHome\": [\"2026-06-03\"]", StringComparison.Ordinal)
            .Replace("\"id\": \"e3\", \"section\": \"s1\", \"eligibility\": \"rotation\"", "\"id\": \"e3\", \"section\": \"s1\", \"eligibility\": \"home\", \"fixedHome\": [\"2026-06-03\"]", StringComparison.Ordinal)
            .Replace("\"devicePool\": 2", "\"devicePool\": 1", StringComparison.Ordinal);
        var input = Write("instance.json", pinned);
        var output = Path.Combine(_dir, "plan.json");

        var (exit, stdout, _) = await Run("plan", "rotation", "--input", input, "--output", output);

        Assert.Equal(0, exit);
        var plan = RotationPlanJson.Read(File.ReadAllText(output));
        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        Assert.Empty(plan.Assignments);
        Assert.StartsWith("infeasible", stdout);
        Assert.Contains("2026-06-03", stdout);
    }

    [Fact]
    public async Task PlanRotation_MissingInputFile_Exits2()
    {
        var (exit, _, stderr) = await Run("plan", "rotation", "--input", Path.Combine(_dir, "nope.json"), "--output", Path.Combine(_dir, "plan.json"));

        Assert.Equal(2, exit);
        Assert.Contains("nope.json", stderr);
    }

    [Fact]
    public async Task PlanRotation_ZeroTimeLimit_Exits2()
    {
        var input = Write("instance.json", Instance);

        var (exit, _, stderr) = await Run("plan", "rotation", "--input", input, "--output", Path.Combine(_dir, "plan.json"), "--time-limit", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--time-limit", stderr);
    }
}
