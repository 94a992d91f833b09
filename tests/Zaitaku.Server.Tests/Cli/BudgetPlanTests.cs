using System.Text.Json;
using Zaitaku.Server.Cli;

namespace Zaitaku.Server.Tests.Cli;

public sealed class BudgetPlanTests : IDisposable
{
    private const string Higashimurayama =
        """{"fiscalYear": 2020, "device": {"monthlyFeeYen": 10833, "kittingFeeYen": 30200}, "simMonthlyFeeYen": 0, "setupFeeYen": 0, "rollout": [{"month": "2020-09", "devices": 20}, {"month": "2020-12", "devices": 80}]}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("zaitaku-budget-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ZaitakuCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Plan_HigashimurayamaFile_PrintsTwelveMonthsAndTotals()
    {
        var (exit, output, error) = await RunAsync("budget", "plan", "--input", Write(Higashimurayama));

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var months = json.RootElement.GetProperty("months").EnumerateArray().ToArray();
        Assert.Equal(12, months.Length);
        Assert.Equal("2020-04", months[0].GetProperty("month").GetString());
        Assert.Equal("2021-03", months[11].GetProperty("month").GetString());
        Assert.Equal([0, 0, 0, 0, 0, 20, 20, 20, 100, 100, 100, 100], months.Select(m => m.GetProperty("devices").GetInt32()));
        Assert.Equal(820_660, months[5].GetProperty("costYen").GetInt64());
        Assert.Equal(8_003_180, json.RootElement.GetProperty("fiscalYearTotalYen").GetInt64());
        Assert.Equal(12_999_600, json.RootElement.GetProperty("annualRunRateYen").GetInt64());
    }

    [Fact]
    public async Task Plan_RolloutAfterYear_StderrNamesEntryExit2()
    {
        var file = Write(Higashimurayama.Replace("\"2020-12\"", "\"2021-04\"", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("budget", "plan", "--input", file);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("rollout[1].month: 2021-04 is after fiscal year 2020 (2020-04..2021-03)", error, StringComparison.Ordinal);
        Assert.Contains("rollout[1].month: 2021-04 は 2020年度", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NegativeFee_StderrNamesFieldExit2()
    {
        var (exit, _, error) = await RunAsync("budget", "plan", "--input", Write(Higashimurayama.Replace("10833", "-10833", StringComparison.Ordinal)));

        Assert.Equal(2, exit);
        Assert.Contains("device.monthlyFeeYen: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BrokenJson_StderrExit2()
    {
        var (exit, output, error) = await RunAsync("budget", "plan", "--input", Write("{\"fiscalYear\": 2020,"));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("input: not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MissingFile_StderrNamesOptionExit2()
    {
        var (exit, _, error) = await RunAsync("budget", "plan", "--input", Path.Combine(_directory, "none.json"));

        Assert.Equal(2, exit);
        Assert.Contains("--input: cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WithoutInput_UsageErrorNotZero()
    {
        var (exit, output, error) = await RunAsync("budget", "plan");

        Assert.NotEqual(0, exit);
        Assert.Contains("--input", error, StringComparison.Ordinal);
        Assert.DoesNotContain("fiscalYearTotalYen", output, StringComparison.Ordinal);
    }
}
