using Zaitaku.Data.Budget;
using Zaitaku.Devices.Leasing;
using Zaitaku.Web.Budget;

namespace Zaitaku.Web.Tests.Budget;

public sealed class BudgetTrackTests
{
    private static FiscalYearBudget Higashimurayama() => new()
    {
        FiscalYear = 2020,
        ScenarioName = "専用PC賃借",
        AdoptedBy = "test",
        // The Higashimurayama plan: 20 PCs from September, 80 more from December.
        MonthlyYen = [0, 0, 0, 0, 0, 820_660, 216_660, 216_660, 3_499_300, 1_083_300, 1_083_300, 1_083_300],
        LeaseMonthlyYen = [0, 0, 0, 0, 0, 820_660, 216_660, 216_660, 3_499_300, 1_083_300, 1_083_300, 1_083_300],
        TotalYen = 8_003_180,
    };

    [Fact]
    public void Build_FleetDeliveredLate_ShowsActualsUpToTodayAndTheDifference()
    {
        var contract = new LeaseContract
        {
            Id = Guid.NewGuid(), Lessor = "テストリース", MonthlyFeePerPcYen = 10_833, KittingFeePerPcYen = 30_200,
            Start = new DateOnly(2020, 9, 1), End = new DateOnly(2025, 8, 31),
        };
        // 20 PCs delivered on 15 October instead of September.
        var devices = Enumerable.Range(0, 20).Select(_ => new LeasedDeviceService(Guid.NewGuid(), contract.Id, new DateOnly(2020, 10, 15), null)).ToList();
        var fleet = FleetCost.ByMonth([contract], devices, new DateOnly(2020, 4, 1), new DateOnly(2021, 3, 1)).Value;

        var track = BudgetTrack.Build(2020, Higashimurayama(), fleet, today: new DateOnly(2020, 11, 20));

        Assert.True(track.HasFleet);
        // September: nothing delivered yet, the whole month's budget unspent.
        Assert.Equal(0, track.Months[5].ActualLeaseYen);
        Assert.Equal(-820_660, track.Months[5].VarianceYen);
        var october = track.Months[6];
        Assert.Equal(20 * 10_833 + 20 * 30_200, october.ActualLeaseYen);
        Assert.Equal(20 * 10_833 + 20 * 30_200 - 216_660, october.VarianceYen);
        Assert.Equal(20, track.Months[7].DevicesInService);
        Assert.All(track.Months.Skip(8), m => Assert.Null(m.ActualLeaseYen));
        Assert.Equal(820_660 + 216_660 + 216_660, track.BudgetLeaseToDateYen);
        Assert.Equal(20 * 10_833 * 2 + 20 * 30_200, track.ActualLeaseToDateYen);
    }

    [Fact]
    public void Build_NoBudgetNoFleet_HasTwelveEmptyMonths()
    {
        var track = BudgetTrack.Build(2026, null, null, new DateOnly(2026, 11, 26));

        Assert.False(track.HasFleet);
        Assert.Equal(12, track.Months.Count);
        Assert.All(track.Months, m => Assert.Equal(0, m.BudgetYen));
        Assert.All(track.Months, m => Assert.Null(m.ActualLeaseYen));
    }
}
