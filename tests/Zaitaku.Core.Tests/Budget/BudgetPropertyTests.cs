using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Zaitaku.Budget;

namespace Zaitaku.Core.Tests.Budget;

public class BudgetPropertyTests
{
    /// <summary>Leased-PC scenarios of FY2020 with up to six steps between April 2018 and March 2021, months distinct.</summary>
    private static Arbitrary<LeasedPcScenario> Scenarios()
    {
        var step = from offset in Gen.Choose(0, 35)
                   from devices in Gen.Choose(1, 2_000)
                   select new RolloutStep(new YearMonth(2018, 4).AddMonths(offset), devices);
        var gen = from steps in Gen.NonEmptyListOf(step)
                  from monthly in Gen.Choose(0, 50_000)
                  from kitting in Gen.Choose(0, 100_000)
                  from sim in Gen.Choose(0, 5_000)
                  from setup in Gen.Choose(0, 5_000_000)
                  select new LeasedPcScenario(2020, monthly, kitting, sim, setup, steps.DistinctBy(s => s.Month).Take(6).ToArray());
        return gen.ToArbitrary();
    }

    [Property]
    public Property Plan_AnyScenario_TotalIsSumOfStepCosts() => Prop.ForAll(Scenarios(), scenario =>
    {
        var year = new FiscalYear(2020);
        var plan = scenario.Plan().Value;

        // Counted step by step rather than month by month: months in place × recurring fee, plus one-time fees of this year.
        long expected = 0;
        foreach (var step in scenario.Rollout)
        {
            var monthsInPlace = step.Month < year.First ? 12 : 12 - year.IndexOf(step.Month);
            expected += monthsInPlace * step.Devices * (scenario.MonthlyFeeYen + scenario.SimMonthlyFeeYen);
            if (year.Contains(step.Month)) expected += step.Devices * scenario.KittingFeeYen;
        }

        // The setup fee is paid once when the year has any rollout month of its own.
        if (scenario.Rollout.Any(s => year.Contains(s.Month))) expected += scenario.SetupFeeYen;

        return plan.FiscalYearTotalYen == expected && plan.Months.Sum(m => m.CostYen) == expected;
    });

    [Property]
    public Property Plan_AnyScenario_FleetNeverShrinksAndEndsWithAllPcs() => Prop.ForAll(Scenarios(), scenario =>
    {
        var devices = scenario.Plan().Value.Months.Select(m => m.Devices).ToArray();

        return devices.Zip(devices.Skip(1)).All(p => p.First <= p.Second) && devices[11] == scenario.Rollout.Sum(s => s.Devices);
    });

    [Property]
    public Property Plan_AnyScenario_RunRateIsTwelveMonthsOfFullFleet() => Prop.ForAll(Scenarios(), scenario =>
    {
        var plan = scenario.Plan().Value;

        return plan.AnnualRunRateYen == 12L * scenario.Rollout.Sum(s => s.Devices) * (scenario.MonthlyFeeYen + scenario.SimMonthlyFeeYen);
    });

    [Property]
    public Property Read_WrittenScenario_SamePlan() => Prop.ForAll(Scenarios(), scenario =>
    {
        var json = $$"""
            {"fiscalYear": {{scenario.FiscalYear}}, "device": {"monthlyFeeYen": {{scenario.MonthlyFeeYen}}, "kittingFeeYen": {{scenario.KittingFeeYen}}},
             "simMonthlyFeeYen": {{scenario.SimMonthlyFeeYen}}, "setupFeeYen": {{scenario.SetupFeeYen}},
             "rollout": [{{string.Join(", ", scenario.Rollout.Select(s => $$"""{"month": "{{s.Month}}", "devices": {{s.Devices}}}"""))}}]}
            """;

        var read = LeasedPcScenarioJson.Read(json).Value;

        return read.Plan().Value.FiscalYearTotalYen == scenario.Plan().Value.FiscalYearTotalYen && read.Rollout.SequenceEqual(scenario.Rollout);
    });

    [Property]
    public Property Parse_AnyMonth_RoundTrips() => Prop.ForAll(Gen.Choose(0, 12 * 200).Select(i => new YearMonth(1950, 1).AddMonths(i)).ToArbitrary(), month =>
        YearMonth.TryParse(month.ToString(), out var parsed) && parsed == month && month.FiscalYear.Contains(month));
}
