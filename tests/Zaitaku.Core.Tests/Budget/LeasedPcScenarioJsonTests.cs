using System.Text.Json;
using Zaitaku.Budget;

namespace Zaitaku.Core.Tests.Budget;

public class LeasedPcScenarioJsonTests
{
    /// <summary>The input of issue 7, word for word.</summary>
    internal const string IssueExample =
        """{"fiscalYear": 2020, "device": {"monthlyFeeYen": 10833, "kittingFeeYen": 30200}, "simMonthlyFeeYen": 0, "setupFeeYen": 0, "rollout": [{"month": "2020-09", "devices": 20}, {"month": "2020-12", "devices": 80}]}""";

    [Fact]
    public void Read_IssueExample_Scenario()
    {
        var scenario = LeasedPcScenarioJson.Read(IssueExample).Value;

        Assert.Equal(2020, scenario.FiscalYear);
        Assert.Equal(10_833, scenario.MonthlyFeeYen);
        Assert.Equal(30_200, scenario.KittingFeeYen);
        Assert.Equal([new RolloutStep(new YearMonth(2020, 9), 20), new RolloutStep(new YearMonth(2020, 12), 80)], scenario.Rollout);
    }

    [Fact]
    public void Read_OptionalFeesLeftOut_Zero()
    {
        var scenario = LeasedPcScenarioJson.Read("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 100}, "rollout": [{"month": "2020-09", "devices": 1}]}""").Value;

        Assert.Equal((0L, 0L, 0L), (scenario.KittingFeeYen, scenario.SimMonthlyFeeYen, scenario.SetupFeeYen));
    }

    [Fact]
    public void Write_HigashimurayamaPlan_IssueShapeInCamelCase()
    {
        var plan = LeasedPcScenarioJson.Read(IssueExample).Value.Plan().Value;

        using var output = JsonDocument.Parse(LeasedPcScenarioJson.Write(plan));
        var root = output.RootElement;

        Assert.Equal(["months", "fiscalYearTotalYen", "annualRunRateYen"], root.EnumerateObject().Select(p => p.Name));
        var months = root.GetProperty("months").EnumerateArray().ToArray();
        Assert.Equal(12, months.Length);
        Assert.Equal(["month", "devices", "costYen"], months[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("2020-04", months[0].GetProperty("month").GetString());
        Assert.Equal(0, months[0].GetProperty("devices").GetInt32());
        Assert.Equal(0, months[0].GetProperty("costYen").GetInt64());
        Assert.Equal("2020-12", months[8].GetProperty("month").GetString());
        Assert.Equal(100, months[8].GetProperty("devices").GetInt32());
        Assert.Equal(8_003_180, root.GetProperty("fiscalYearTotalYen").GetInt64());
        Assert.Equal(12_999_600, root.GetProperty("annualRunRateYen").GetInt64());
    }

    [Theory]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-9", "devices": 1}]}""", "rollout[0].month", BudgetErrorCodes.MalformedMonth)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-13", "devices": 1}]}""", "rollout[0].month", BudgetErrorCodes.MalformedMonth)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020/09", "devices": 1}]}""", "rollout[0].month", BudgetErrorCodes.MalformedMonth)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": 202009, "devices": 1}]}""", "rollout[0].month", BudgetErrorCodes.WrongType)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"devices": 1}]}""", "rollout[0].month", BudgetErrorCodes.MissingField)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09"}]}""", "rollout[0].devices", BudgetErrorCodes.MissingField)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": 2.5}]}""", "rollout[0].devices", BudgetErrorCodes.WrongType)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": -1}]}""", "rollout[0].devices", BudgetErrorCodes.OutOfRange)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": 99999999999}]}""", "rollout[0].devices", BudgetErrorCodes.OutOfRange)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 10833.5}, "rollout": [{"month": "2020-09", "devices": 1}]}""", "device.monthlyFeeYen", BudgetErrorCodes.WrongType)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": "10833"}, "rollout": [{"month": "2020-09", "devices": 1}]}""", "device.monthlyFeeYen", BudgetErrorCodes.WrongType)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": -10833}, "rollout": [{"month": "2020-09", "devices": 1}]}""", "device.monthlyFeeYen", BudgetErrorCodes.OutOfRange)]
    [InlineData("""{"fiscalYear": 2020, "device": {"kittingFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": 1}]}""", "device.monthlyFeeYen", BudgetErrorCodes.MissingField)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFee": 1}, "rollout": [{"month": "2020-09", "devices": 1}]}""", "device.monthlyFee", BudgetErrorCodes.UnknownField)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "simMonthlyFee": 1000, "rollout": [{"month": "2020-09", "devices": 1}]}""", "simMonthlyFee", BudgetErrorCodes.UnknownField)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "setupFeeYen": 1, "setupFeeYen": 2, "rollout": [{"month": "2020-09", "devices": 1}]}""", "setupFeeYen", BudgetErrorCodes.MalformedInput)]
    [InlineData("""{"device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": 1}]}""", "fiscalYear", BudgetErrorCodes.MissingField)]
    [InlineData("""{"fiscalYear": 2020, "rollout": [{"month": "2020-09", "devices": 1}]}""", "device", BudgetErrorCodes.MissingField)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}}""", "rollout", BudgetErrorCodes.MissingField)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": {"month": "2020-09"}}""", "rollout", BudgetErrorCodes.WrongType)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [5]}""", "rollout[0]", BudgetErrorCodes.WrongType)]
    [InlineData("""{"fiscalYear": 99999999999, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": 1}]}""", "fiscalYear", BudgetErrorCodes.OutOfRange)]
    [InlineData("""[1, 2]""", "input", BudgetErrorCodes.WrongType)]
    [InlineData("""{"fiscalYear": 2020, """, "input", BudgetErrorCodes.MalformedInput)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": 1}, {"month": "2021-04", "devices": 1}]}""", "rollout[1].month", BudgetErrorCodes.RolloutAfterYear)]
    [InlineData("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "2020-09", "devices": 1}, {"month": "2020-09", "devices": 1}]}""", "rollout[1].month", BudgetErrorCodes.DuplicateMonth)]
    public void Read_BadInput_ErrorNamesField(string json, string field, string code)
    {
        var error = Assert.IsType<BudgetInputError>(LeasedPcScenarioJson.Read(json).Error);

        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message.En, StringComparison.Ordinal);
        Assert.StartsWith(field + ": ", error.Message.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedMonth_MessageQuotesTheText()
    {
        var error = LeasedPcScenarioJson.Read("""{"fiscalYear": 2020, "device": {"monthlyFeeYen": 1}, "rollout": [{"month": "R2-09", "devices": 1}]}""").Error!;

        Assert.Equal("rollout[0].month: \"R2-09\" is not a month (YYYY-MM)", error.Message.En);
    }

    [Fact]
    public void Read_BrokenJson_MessageGivesLine()
    {
        var error = LeasedPcScenarioJson.Read("{\n  \"fiscalYear\": 2020,\n  \"device\": {\"monthlyFeeYen\": }\n}").Error!;

        Assert.Contains("line 3", error.Message.En, StringComparison.Ordinal);
    }
}
